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
/** What a hall id may be (ids in paths, sockets and cursors are checked against it before any query). */
export const HALL_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const REGION_EV = {
  /** region → dashboard: one hall's live summary changed ({@link HallLive}). */
  hall: 'hall',
  /** region → dashboard: the hall the socket watches changed ({@link HallDetail}). */
  detail: 'hallDetail',
  /** dashboard → region: watch one hall (hallId, or null to stop); acks {@link HallDetailAck}. */
  watch: 'watch',
  /** region → dashboard, on connect: every hall the user may see ({@link HallLive}[]). */
  halls: 'halls',
} as const;

/** What each region → dashboard event carries. */
export interface RegionEventPayloads {
  [REGION_EV.hall]: HallLive;
  [REGION_EV.detail]: HallDetail;
  [REGION_EV.halls]: HallLive[];
}

/** A text in the hall's three languages (zh-CN always; the others when the hall has them). */
export interface RegionText {
  'zh-CN': string;
  'zh-TW'?: string;
  en?: string;
}

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
  /** zh-CN (what regions before the three-language snapshot read). */
  name: string;
  names?: RegionText;
  /** The hall's fee text for the service (收费标准, e.g. "工本费20元"), as its service guide has it. */
  fees?: RegionText;
  departmentId: string;
  prefix: string;
  promisedMinutes: number;
  /** 政务服务事项编码: the same item across halls. */
  catalogueCode: string | null;
}

export interface RegionConfigSnapshot {
  /** zh-CN; `hallNames` has all three languages. */
  hallName: string;
  hallNames?: RegionText;
  timeZone: string;
  resetHour: number;
  departments: { id: string; name: string; names?: RegionText }[];
  services: RegionService[];
  windows: { id: string; number: number; name: string; departmentId: string }[];
}

/** Where the hall's log ends: its newest event's seq and time (the region shows how far behind it is). */
export interface UplinkHead {
  seq: number;
  at: string | null;
}

export interface UplinkBatch {
  after: number;
  events: UplinkEvent[];
  /** Where the hall's log ended when the batch was read (halls before this field send none: lag unknown). */
  head?: UplinkHead;
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

/**
 * What a region takes beyond the first region version's batch, position query and config
 * snapshot, named in its position reply: `head` (a batch's `head`, the query's `headAt`) and
 * `names` (the snapshot's names in three languages and fees). A hall sends these only to a
 * region that named them, so halls upgraded before their region keep streaming.
 */
export const REGION_ACCEPTS = ['head', 'names'] as const;
export type RegionFeature = (typeof REGION_ACCEPTS)[number];

export interface UplinkPosition {
  ok: true;
  /** What this region takes beyond the first version's fields (absent: nothing). */
  accepts?: string[];
  highWater: number;
  configVersion: number | null;
  /** The hall's current epoch at the region (0 until a region admin started a new one). */
  epoch?: number;
  /** A region admin asked this hall to start a new epoch: find the last shared event and call the epoch route. */
  resync?: boolean;
  /** The hall proposed a common point that a region admin has not confirmed yet: wait. */
  proposed?: boolean;
  lastEpoch?: UplinkEpoch | null;
}

/** A hall's proposed common point for a new epoch, with what the region would set aside (for a region admin to confirm). */
export interface EpochProposalView {
  commonPoint: number;
  /** How many events the region would set aside, and the earliest and latest of their times (ISO). */
  superseded: number;
  from: string | null;
  to: string | null;
  proposedAt: string;
  expiresAt: string;
}

/** Why the region stopped taking a hall's log (it was restored from an older backup). */
export type UplinkProblem = 'UPLINK_DIVERGED' | 'UPLINK_BEHIND';

import type { UplinkEpoch } from './wire/admin.js';
export type { UplinkEpoch };

/** The region's stored heads of some of a hall's events (to find the last one both logs share). */
export interface UplinkHeads {
  ok: true;
  heads: { seq: number; type: string; at: string }[];
}

/** One hall on the live view. */
export interface HallLive {
  hallId: string;
  /** zh-CN (or the name the region admin registered); `names` from the hall's configuration, when it sent them. */
  name: string;
  names: RegionText | null;
  area: string;
  waiting: number;
  openWindows: number;
  /** Since when the longest-waiting ticket waits (ISO), or null. */
  oldestWaitingSince: string | null;
  /** Today = the hall's current business day (of the last event received). */
  businessDay: string | null;
  issuedToday: number;
  servedToday: number;
  /** Today's ratings by grade (GB/T 39734, 1 非常不满意 … 5 非常满意), counted for the rated ticket's day, as the hall's report counts them. */
  ratingsToday: Record<'1' | '2' | '3' | '4' | '5', number>;
  /** (n5 + n4) / all of today's ratings, as the hall's report computes it; null when nobody rated today. */
  satisfactionToday: number | null;
  openAlerts: number;
  /** The last event received from the hall (its own time) and when it arrived ("last heard"). */
  lastEventAt: string | null;
  lastReceivedAt: string | null;
  highWater: number;
  /** Where the hall said its log ends (with its last batch), or null when it never said (a hall before this field). */
  head: UplinkHead | null;
  /** How far the region is behind the hall: events and seconds (head's time − newest stored event's time); 0 when caught up, null when unknown. */
  lagEvents: number | null;
  lagSeconds: number | null;
  /** The hall's log no longer continues what the region stored (restored from an older backup). */
  problem: UplinkProblem | null;
  /** A region admin asked for a new epoch that the hall has not started yet. */
  resyncRequestedAt: string | null;
  epoch: number;
  lastEpoch: UplinkEpoch | null;
  /** The hall's pending proposal for the new epoch (confirm it on the admin page), or null. */
  proposal: EpochProposalView | null;
}

/** One service of a hall in the drill-down (labels from the configuration snapshot in force). */
export interface HallDetailService {
  serviceId: string;
  /** zh-CN, or the id when the configuration does not name the service. */
  name: string;
  names: RegionText | null;
  promisedMinutes: number | null;
  fees: RegionText | null;
  catalogueCode: string | null;
  waiting: number;
  oldestWaitingSince: string | null;
  issuedToday: number;
  servedToday: number;
}

/** One window of a hall in the drill-down, with the ticket it serves (its public number only). */
export interface HallDetailWindow {
  windowId: string;
  number: number | null;
  name: string;
  status: 'open' | 'paused' | 'closed';
  serving: { number: string | null; serviceId: string; calledAt: string | null; servingAt: string | null } | null;
}

/** One hall opened in the live view: its services, windows and alerts, live. */
export interface HallDetail {
  hall: HallLive;
  configVersion: number | null;
  services: HallDetailService[];
  windows: HallDetailWindow[];
  alerts: { key: string; kind: string; raisedAt: string }[];
}

export type HallDetailAck = { ok: true; detail: HallDetail | null } | { ok: false; error: { code: string; message: string } };

export type RegionRole = 'admin' | 'viewer';

/** A region user as the admin sees them (never the password). */
export interface RegionUserView {
  id: number;
  username: string;
  role: RegionRole;
  areas: string[];
  hallIds: string[];
  active: boolean;
  createdAt: string;
}

/** A hall token as the admin sees it: a fingerprint of its hash, never the token. */
export interface RegionHallToken {
  hallId: string;
  fingerprint: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface RegionAuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

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
  /** No-shows restored (過號恢復); a restore also takes its no-show back, as the hall's report. */
  restored: number;
  /** Online numbers (线上取号) issued, and those that expired unarrived. */
  remote: number;
  expired: number;
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
  /**
   * hall: the hall id; catalogue: the 政务服务事项编码, or '' for the services without one (no code
   * is empty, so no code shares that row); department: `hallId/departmentId`; service: `hallId/serviceId`.
   */
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

/**
 * One rating in the provincial feed. `id` is `<hall>:<seq>` (`<hall>:<seq>:<epoch>` after a
 * restored hall's new epoch), unique and stable.
 */
export interface RegionRating {
  id: string;
  /** The hall's epoch at the region when the rating was stored (0 unless the hall was restored from an older backup). */
  epoch: number;
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

/**
 * A rating that no longer counts: its hall was restored from an older backup and a new
 * epoch set aside the events after the last one both logs share, this rating's among them.
 * A platform that pulled the rating drops (or marks) the one with `ratingId`; one that never
 * saw that id ignores it. The hall's later rating of the same seq comes with another id.
 */
export interface RegionRatingRetraction {
  kind: 'retracted';
  /** The `id` the rating was handed out with. */
  ratingId: string;
  hallId: string;
  seq: number;
  /** The epoch the rating was stored under. */
  epoch: number;
  /** The rating's own time and business day (to find it in a day's export). */
  ratedAt: string;
  businessDay: string | null;
  /** When the region set it aside (the new epoch's confirmation). */
  at: string;
}

/**
 * A page of the ratings feed: pass `cursor` back to get what follows (none skipped, none repeated).
 * The cursor runs over ratings and retractions together; a retraction is never handed out before
 * the rating it retracts could have been.
 */
export interface RegionRatingPage {
  ok: true;
  ratings: RegionRating[];
  /** Ratings handed out earlier (or in this page) that no longer count. */
  retracted: RegionRatingRetraction[];
  /** Where the next page starts; unchanged when nothing new was ready. */
  cursor: string;
  /** More is ready now (this page was full). */
  more: boolean;
}
