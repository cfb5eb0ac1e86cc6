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
export type { UplinkSettingsView, UplinkState } from './wire/admin.js';

/** Cross-hall report rows: per hall, catalogue item (政务服务事项编码), department or hall service. */
export type RegionReportBy = 'hall' | 'catalogue' | 'department' | 'service';
export type RegionReportPeriod = 'day' | 'week' | 'month';

export interface RegionReportFigures {
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  transferred: number;
  /** Seconds (one decimal): queue → call, one sample per call, as the hall's report counts them. */
  waitAvg: number | null;
  waitMedian: number | null;
  waitP90: number | null;
  /** Seconds from the start of service (else the last call) to the finish, served records. */
  serviceAvg: number | null;
  /** Served records handled within their service's promised minutes (承诺时限) / those with a promise; null when none. */
  promisedCompliance: number | null;
  ratings: Record<'1' | '2' | '3' | '4' | '5', number>;
  /** (n5 + n4) / all ratings (GB/T 39734); null when nobody rated. */
  satisfaction: number | null;
}

export interface RegionReportRow extends RegionReportFigures {
  /** Business day, Monday of the week or YYYY-MM. */
  period: string;
  key: string;
  label: string;
}

export interface RegionReport {
  ok: true;
  by: RegionReportBy;
  period: RegionReportPeriod;
  from: string;
  to: string;
  rows: RegionReportRow[];
  periodTotals: (RegionReportFigures & { period: string })[];
  totals: RegionReportFigures;
}

/** One rating in the provincial feed. `id` is `<hall>:<seq>`, unique and stable. */
export interface RegionRating {
  id: string;
  hallId: string;
  hallName: string;
  area: string;
  seq: number;
  at: string;
  businessDay: string | null;
  serviceId: string | null;
  serviceName: string | null;
  catalogueCode: string | null;
  departmentName: string | null;
  windowId: string | null;
  windowName: string | null;
  grade: number;
  /** GB/T 39734 grade label (zh-CN): 非常满意 … 非常不满意. */
  gradeLabel: string;
  reasons: string[];
  reasonLabels: string[];
  source: string | null;
}

/** A page of the ratings feed: pass `cursor` back to get what follows (none skipped, none repeated). */
export interface RegionRatingPage {
  ok: true;
  ratings: RegionRating[];
  /** Where the next page starts; unchanged when nothing new was ready. */
  cursor: string;
  /** More is ready now (this page was full). */
  more: boolean;
}
