import type { AuthService } from '../auth/auth-service.js';
import type { Accounts } from './accounts.js';
import type { ConfigAdmin } from './config-admin.js';
import type { DeviceAdmin } from './device-admin.js';
import type { AppContext } from './context.js';
import type { Hall } from './hall.js';
import type { Oversight } from './oversight.js';
import type { SettingsService } from './settings-service.js';
import type { VoiceScreens } from './voice-screens.js';
import type { DeviceManager } from '../devices/manager.js';
import type { Uplink } from '../uplink/uplink.js';
import type { BackupService } from '../ops/backup-service.js';
import type { ClockWatch } from '../ops/clock.js';
import type { Edge } from '../edge/edge.js';
import type { PublicSnapshot } from './public-snapshot.js';
import type { OrphanWindows } from './orphan-windows.js';

/** Everything the edges (HTTP, sockets, devices) need, built once at start-up. */
export interface Deps {
  ctx: AppContext;
  hall: Hall;
  auth: AuthService;
  settings: SettingsService;
  config: ConfigAdmin;
  /** Staff accounts and device tokens, audited. */
  accounts: Accounts;
  /** Device bindings, audited. */
  deviceAdmin: DeviceAdmin;
  /** Demo halls let unauthenticated loopback clients act as this kiosk. */
  demoLoopbackKioskId: string | null;
  version: string;
  /** The hall's data folder (database, secret key, devices.json, voice/ clips). */
  dataDir: string;
  devices: DeviceManager;
  /** Supervision alerts, assessment reports, data retention. */
  oversight: Oversight;
  /** The server's own address (see public-url.ts), for printed links when publicBaseUrl is empty; never the Host header. */
  ownBaseUrl: () => string;
  /** Which voice each speaking screen uses; test calls. */
  voice: VoiceScreens;
  /** Streams the event log to the region (off until configured). */
  uplink: Uplink;
  /** Online backups: on demand and on the hall's schedule. */
  backups: BackupService;
  /** Clock jumps and synchronisation, for health, the admin banner and metrics. */
  clock: ClockWatch;
  /** What anyone may see of the hall, built once per change (screens, phones, the public queue). */
  publicSnapshot: PublicSnapshot;
  /** TRUST_PROXY, per-address limits, allowed socket origins. */
  edge: Edge;
  /** Closes windows whose staff have signed out or whose sessions expired. */
  orphanWindows: OrphanWindows;
}
