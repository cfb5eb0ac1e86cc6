/**
 * Wire types between a hall's uplink and the region nodes, and of the region's
 * live view. No runtime dependencies (imported by Node and by Vite builds).
 *
 * The uplink sends a contiguous slice of the hall's event log: `after` is the seq
 * of the event just before the first one sent (0 from the start). The region keeps
 * a high-water mark per hall: events at or below it are already stored and are
 * skipped (a resend changes nothing twice); a batch whose `after` is above it would
 * leave a gap and is refused with 409 UPLINK_GAP and the expected `after`.
 */
export const REGION_API = '/region/v1';
export const REGION_NS = '/region';
export const REGION_EV = {
  /** region → dashboard: one hall's live summary changed ({@link HallLive}). */
  hall: 'hall',
} as const;

/** Most events in one uplink batch. */
export const UPLINK_MAX_BATCH = 1000;

/** One event of the hall's log, as it leaves the hall: no identities, no staff, no tokens. */
export interface UplinkEvent {
  /** The hall's event log id: strictly increasing within a hall. */
  seq: number;
  at: string;
  type: string;
  windowId: string | null;
  ticketId: string | null;
  data: Record<string, unknown>;
}

export interface RegionService {
  id: string;
  name: string;
  departmentId: string;
  prefix: string;
  promisedMinutes: number;
  /** 政务服务事项编码: the same item across halls. */
  catalogueCode: string | null;
}

export interface RegionConfigSnapshot {
  hallName: string;
  timeZone: string;
  resetHour: number;
  departments: { id: string; name: string }[];
  services: RegionService[];
  windows: { id: string; number: number; name: string; departmentId: string }[];
}

export interface UplinkBatch {
  after: number;
  events: UplinkEvent[];
  /** The hall's configuration now; the region stores a new version when it changed. */
  config?: RegionConfigSnapshot;
}

export interface UplinkAck {
  ok: true;
  /** The region's high-water mark after this batch: the uplink resumes after it. */
  highWater: number;
  accepted: number;
  duplicates: number;
  configVersion: number | null;
}

export interface UplinkPosition {
  ok: true;
  highWater: number;
  configVersion: number | null;
}

/** One hall on the live view. */
export interface HallLive {
  hallId: string;
  name: string;
  area: string;
  waiting: number;
  openWindows: number;
  /** Since when the longest-waiting ticket waits (ISO), or null. */
  oldestWaitingSince: string | null;
  /** Today = the hall's current business day (of the last event received). */
  businessDay: string | null;
  issuedToday: number;
  servedToday: number;
  openAlerts: number;
  /** The last event received from the hall (its own time) and when it arrived. */
  lastEventAt: string | null;
  lastReceivedAt: string | null;
  highWater: number;
}

export type RegionRole = 'admin' | 'viewer';

/** The hall's uplink setting (the token is write-only: reads say whether one is set). */
export interface UplinkSettingsView {
  enabled: boolean;
  url: string;
  hallId: string;
  tokenSet: boolean;
}

/** The uplink's state, in the hall's health (signed-in detail) and admin UI. */
export interface UplinkState {
  enabled: boolean;
  /** The last exchange with the region succeeded. */
  connected: boolean;
  /** The region's acknowledged high-water mark (null until known). */
  acknowledged: number | null;
  /** The hall's newest event. */
  head: number;
  lagEvents: number;
  /** Age of the oldest event not yet acknowledged (0 when caught up). */
  lagSeconds: number;
  lastError: string | null;
  lastSuccessAt: string | null;
}
