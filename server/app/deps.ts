import type { AuthService } from '../auth/auth-service.js';
import type { ConfigAdmin } from './config-admin.js';
import type { AppContext } from './context.js';
import type { Hall } from './hall.js';
import type { Oversight } from './oversight.js';
import type { SettingsService } from './settings-service.js';
import type { DeviceManager } from '../devices/manager.js';
import type { Edge } from '../edge/edge.js';
import type { PublicSnapshot } from './public-snapshot.js';

/** Everything the edges (HTTP, sockets, devices) need, built once at start-up. */
export interface Deps {
  ctx: AppContext;
  hall: Hall;
  auth: AuthService;
  settings: SettingsService;
  config: ConfigAdmin;
  /** Demo halls let unauthenticated loopback clients act as this kiosk. */
  demoLoopbackKioskId: string | null;
  version: string;
  /** The hall's data folder (database, secret key, devices.json, voice/ clips). */
  dataDir: string;
  devices: DeviceManager;
  /** Supervision alerts, assessment reports, data retention. */
  oversight: Oversight;
  /** What anyone may see of the hall, built once per change (screens, phones, the public queue). */
  publicSnapshot: PublicSnapshot;
  /** TRUST_PROXY, per-address limits, allowed socket origins. */
  edge: Edge;
}
