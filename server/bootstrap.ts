import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FILE_MODE, prepareDataDir } from './data-dir.js';
import { ownBaseUrl, qrBaseUrl } from './app/public-url.js';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server as IoServer } from 'socket.io';
import { HallBus } from './app/bus.js';
import { Accounts } from './app/accounts.js';
import { DeviceAdmin } from './app/device-admin.js';
import { ConfigAdmin } from './app/config-admin.js';
import type { AppContext } from './app/context.js';
import { DEMO_KIOSK_ID, seedDemoHall } from './app/demo-hall.js';
import type { Deps } from './app/deps.js';
import { Hall } from './app/hall.js';
import { SettingsService } from './app/settings-service.js';
import { AuthService } from './auth/auth-service.js';
import { generatePassword } from './auth/passwords.js';
import { buildHttpHandler } from './http/app.js';
import { createLogger, type Logger } from './log/logger.js';
import { attachRealtime } from './realtime/io.js';
import { HallDatabase } from './store/store.js';
import { DeviceManager } from './devices/manager.js';
import { Oversight } from './app/oversight.js';
import { bridgeRatingRequests } from './devices/rating-bridge.js';
import { applyDevicesFile } from './devices/config-file.js';
import { stopReportProcesses } from './app/report-runner.js';
import { VoiceScreens } from './app/voice-screens.js';
import { Uplink, type UplinkOptions } from './uplink/uplink.js';
import { BackupService } from './ops/backup-service.js';
import { writePidFile } from './ops/pidfile.js';
import { guardUpgrade } from './ops/upgrade.js';
import { ClockWatch, steadyClock } from './ops/clock.js';
import { createHallMetrics } from './metrics/hall-metrics.js';
import { metricsHandler, withMetrics } from './metrics/endpoint.js';
import { OrphanWindows } from './app/orphan-windows.js';
import { PublicSnapshot } from './app/public-snapshot.js';
import { createEdge } from './edge/edge.js';
import { proxyTrustProblem } from './edge/proxy-trust.js';
import { AGENT_NETWORKS_ENV, listFromEnv } from './app/kiosk-agent-network.js';
import type { EdgeSettings } from './edge/settings.js';

export interface HallOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** Seed the demo hall when the database is empty (default true). */
  demo?: boolean;
  /** Let unauthenticated loopback clients act as the demo kiosk (default: when the hall is a demo). */
  demoLoopback?: boolean;
  adminPassword?: string;
  now?: () => Date;
  log?: Logger;
  /** Called once with a generated admin password, so start-up can print it. */
  onGeneratedPassword?: (password: string) => void;
  /** JSON list of device bindings applied at start (default DATA_DIR/devices.json). */
  devicesFile?: string;
  /** Uplink timing (tests shorten it). */
  uplink?: UplinkOptions;
  /** Whether the system clock is synchronised (default: timedatectl; null = cannot tell). */
  clockSyncProbe?: () => Promise<boolean | null>;
  /** Network edge settings (TRUST_PROXY, per-address limits…); unset ones come from the environment. */
  edge?: Partial<EdgeSettings>;
}

export interface RunningHall {
  url: string;
  port: number;
  deps: Deps;
  http: HttpServer;
  io: IoServer;
  close(): Promise<void>;
}

export const VERSION = '0.1.0';

/** `1`/`true` or `0`/`false` from the environment; undefined when unset. */
function envFlag(name: string): boolean | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v === '1' || v.toLowerCase() === 'true';
}

/** The HMAC key for ID numbers lives in its own file, not in the database it protects. */
function loadSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: FILE_MODE });
  chmodSync(file, FILE_MODE); // whatever the umask was when it was written
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

/** Opens the store, seeds a first hall, builds HTTP + Socket.IO and listens. */
export async function startHall(opts: HallOptions): Promise<RunningHall> {
  prepareDataDir(opts.dataDir);
  const log = opts.log ?? createLogger();
  // Hall time never runs backwards, even when the system clock is stepped back.
  const wall = opts.now ?? (() => new Date());
  let clock: ClockWatch | null = null;
  const now = steadyClock(wall, (ms, at) => clock?.jumped(ms, at));
  clock = new ClockWatch(wall, now, opts.clockSyncProbe, (jump) => log.warn({ jump }, 'the system clock jumped: check time synchronisation'));
  // A loose TRUST_PROXY lets clients choose their address: refused with pinned agent networks, warned about otherwise.
  const edge = createEdge(opts.edge);
  const proxyTrust = proxyTrustProblem(edge.settings.trustProxy, listFromEnv(process.env[AGENT_NETWORKS_ENV]));
  if (proxyTrust.error) throw new Error(proxyTrust.error);
  if (proxyTrust.warning) log.warn(proxyTrust.warning);
  // A newer database is refused and an older one backed up before it is migrated.
  await guardUpgrade(opts.dataDir, VERSION, log, now());
  const store = HallDatabase.open(join(opts.dataDir, 'onestop.db'));
  const settings = new SettingsService(store);
  const bus = new HallBus();
  const ctx: AppContext = { store, bus, log, now, settings: () => settings.get(), idHmacKey: loadSecret(opts.dataDir) };
  const auth = new AuthService(store, now);

  if (!store.auth.userByUsername('admin')) {
    const password = opts.adminPassword ?? process.env.ONESTOP_ADMIN_PASSWORD ?? generatePassword();
    await auth.createUser({ username: 'admin', name: '系统管理员', role: 'admin', password });
    if (!opts.adminPassword && !process.env.ONESTOP_ADMIN_PASSWORD) opts.onGeneratedPassword?.(password);
  }
  if ((opts.demo ?? true) && store.config.isEmpty()) {
    await seedDemoHall(store, auth, now());
    log.info('demo hall created');
  }
  const isDemo = store.config.getSetting<boolean>('demo') === true;
  // Printed links use the server's own address, known once it listens (never a request's Host header).
  let ownUrl = ownBaseUrl({ port: opts.port ?? 0, host: opts.host });
  const hall = new Hall(ctx);
  const devices = new DeviceManager(ctx, hall);
  const deps: Deps = {
    ctx,
    hall,
    auth,
    settings,
    config: new ConfigAdmin(ctx, settings),
    accounts: new Accounts(ctx, auth),
    deviceAdmin: new DeviceAdmin(ctx, devices),
    demoLoopbackKioskId: (opts.demoLoopback ?? envFlag('ONESTOP_DEMO_LOOPBACK') ?? isDemo) ? DEMO_KIOSK_ID : null,
    version: VERSION,
    dataDir: opts.dataDir,
    devices,
    oversight: new Oversight(ctx),
    ownBaseUrl: () => ownUrl,
    voice: new VoiceScreens(),
    uplink: new Uplink(ctx, opts.uplink),
    backups: new BackupService(ctx, opts.dataDir, VERSION),
    clock,
    publicSnapshot: new PublicSnapshot(ctx, hall),
    edge,
    orphanWindows: new OrphanWindows(ctx, hall, auth),
  };
  if (deps.demoLoopbackKioskId) {
    log.warn({ kioskId: deps.demoLoopbackKioskId }, 'demo hall: unauthenticated clients on this machine act as the demo kiosk (ONESTOP_DEMO_LOOPBACK=0 turns this off; never on behind a proxy)');
  }
  const devicesFile = opts.devicesFile ?? process.env.ONESTOP_DEVICES ?? join(opts.dataDir, 'devices.json');
  const fromFile = applyDevicesFile(store, devicesFile, now().toISOString());
  if (fromFile.error) log.error(fromFile.error);
  else if (fromFile.applied > 0) log.info({ file: devicesFile, devices: fromFile.applied }, 'device bindings read from file');
  await deps.devices.start();
  bridgeRatingRequests(ctx, deps.devices);
  deps.oversight.start();
  hall.appointments.startSweeper();
  hall.rollover.start();
  deps.orphanWindows.start();
  hall.remote.start();
  hall.notify.start();
  deps.uplink.start();
  deps.backups.start();
  clock.start();

  let ioRef: IoServer | null = null;
  const metrics = createHallMetrics(deps, () => ioRef);
  const http = createServer(withMetrics(buildHttpHandler(deps), metricsHandler(metrics)));
  const io = attachRealtime(http, deps);
  ioRef = io;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '0.0.0.0', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  ownUrl = ownBaseUrl({ port, host: opts.host });
  const publicBase = settings.get().publicBaseUrl;
  log.info({ qrBaseUrl: qrBaseUrl(publicBase, ownUrl), from: publicBase ? 'setting publicBaseUrl' : 'the server address' }, 'ticket QR codes link here');
  const removePidFile = writePidFile(opts.dataDir);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deps,
    http,
    io,
    close: async () => {
      // A report being prepared answers its request with an error instead of holding the close.
      stopReportProcesses();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      hall.rollover.stop();
      deps.orphanWindows.stop();
      hall.remote.stop();
      await hall.notify.stop();
      await deps.uplink.stop();
      deps.oversight.stop();
      await deps.devices.stop();
      hall.appointments.stopSweeper();
      await deps.backups.stop();
      clock.stop();
      store.close();
      removePidFile();
    },
  };
}
