/**
 * The hall → region uplink: a bounded background task streaming the event log in
 * order, in batches, from the region's acknowledged high-water mark. One request in
 * flight at a time; each read of the log is one small indexed query, so the hall is
 * never blocked or slowed; while the region is unreachable it backs off (1 s doubling
 * to a minute, with jitter: ./backoff.ts) and catches up afterwards. Off until configured.
 */
import type { UplinkAck, UplinkBatch, UplinkEpoch, UplinkHeads, UplinkPosition, UplinkSettingsView, UplinkState } from '../../common/region.js';
import { REGION_API, UPLINK_MAX_BATCH } from '../../common/region.js';
import { audit } from '../app/audit.js';
import type { AppContext } from '../app/context.js';
import type { Actor } from '../store/event-log.js';
import { UplinkRepo } from '../store/uplink-repo.js';
import { Backoff } from './backoff.js';
import { findCommonPoint } from './common-point.js';
import { regionConfigSnapshot } from './config-snapshot.js';
import { configSnapshot, sanitizeEvent } from './sanitize.js';

/** Events read and cleaned per turn of the event loop while a batch is prepared. */
const SLICE_CHUNK = 100;

export interface UplinkSettings {
  enabled: boolean;
  url: string;
  hallId: string;
  token: string;
}

export const UPLINK_SETTING_KEY = 'uplink';
const OFF: UplinkSettings = { enabled: false, url: '', hallId: '', token: '' };

export interface UplinkOptions {
  batchSize?: number;
  /** Poll interval while caught up (ms). */
  idleMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  requestTimeoutMs?: number;
  /** Uniform in [0, 1) for the backoff's jitter (tests pass a seeded generator). */
  random?: () => number;
}

/** What /metrics reads (server/metrics/hall-metrics.ts): the state plus the retry figures, no free text. */
export interface UplinkMetricsView extends UplinkState {
  /** The current error as a code (a region error code, UNREACHABLE or TIMEOUT); null when fine. */
  errorCode: string | null;
  /** Failed exchanges since the last success. */
  failures: number;
  /** The delay before the next attempt after the last failure (ms; 0 when fine). */
  retryMs: number;
  /** Seconds since the last successful exchange, or since the uplink was started or configured when none yet; 0 when off. */
  sinceSuccessSeconds: number;
}

/** A region error code as a metric label: the region's codes are upper-case words; anything else is OTHER. */
const codeLabel = (code: string): string => (/^[A-Z][A-Z0-9_]{0,39}$/.test(code) ? code : 'OTHER');

class RegionRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly expected?: number,
  ) {
    super(`${code}: ${message}`);
  }
}

export class Uplink {
  private repo: UplinkRepo;
  private acknowledged: number | null = null;
  private sentConfig: string | null = null;
  private connected = false;
  private lastError: string | null = null;
  private lastSuccessAt: string | null = null;
  private epoch: number | null = null;
  private lastEpoch: UplinkEpoch | null = null;
  /** What the region said it takes beyond the first version's fields (REGION_ACCEPTS), from its last position reply. */
  private accepts = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private backoff: Backoff;
  private retryMs = 0;
  private failures = 0;
  private errorCode: string | null = null;
  private activeSince: number;
  private inFlight: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private o: Required<UplinkOptions>;

  constructor(
    private ctx: AppContext,
    opts: UplinkOptions = {},
  ) {
    this.repo = new UplinkRepo(ctx.store.db);
    this.o = { batchSize: 500, idleMs: 1000, minBackoffMs: 1000, maxBackoffMs: 60_000, requestTimeoutMs: 15_000, random: Math.random, ...opts };
    this.o.batchSize = Math.min(this.o.batchSize, UPLINK_MAX_BATCH);
    this.backoff = new Backoff(this.o.minBackoffMs, this.o.maxBackoffMs, this.o.random);
    this.activeSince = ctx.now().getTime();
  }

  settings(): UplinkSettings {
    return { ...OFF, ...(this.ctx.store.config.getSetting<Partial<UplinkSettings>>(UPLINK_SETTING_KEY) ?? {}) };
  }

  view(): UplinkSettingsView {
    const s = this.settings();
    return { enabled: s.enabled, url: s.url, hallId: s.hallId, tokenSet: s.token !== '' };
  }

  /** Changes the setting (audited in the same transaction); the stream restarts from the region's position. */
  configure(patch: Partial<UplinkSettings>, actor: Actor): UplinkSettingsView {
    const next = { ...this.settings(), ...patch };
    this.ctx.store.tx(() => {
      this.ctx.store.config.setSetting(UPLINK_SETTING_KEY, next);
      audit(this.ctx, 'config.uplink.saved', actor, { enabled: next.enabled, url: next.url, hallId: next.hallId, tokenChanged: patch.token !== undefined });
    });
    this.acknowledged = null;
    this.sentConfig = null;
    this.lastError = null;
    this.connected = false;
    this.clearFailures();
    this.activeSince = this.ctx.now().getTime();
    this.abort?.abort();
    this.schedule(0);
    return this.view();
  }

  start(): void {
    this.stopped = false;
    this.activeSince = this.ctx.now().getTime();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    await this.inFlight;
  }

  state(): UplinkState {
    const s = this.settings();
    const head = this.repo.head();
    const acked = this.acknowledged;
    const lagEvents = acked === null ? head.seq : Math.max(0, head.seq - acked);
    let lagSeconds = 0;
    if (lagEvents > 0) {
      const first = this.repo.after(acked ?? 0, 1)[0];
      if (first) lagSeconds = Math.max(0, Math.round((this.ctx.now().getTime() - Date.parse(first.at)) / 1000));
    }
    return { enabled: s.enabled, connected: s.enabled && this.connected, acknowledged: acked, head: head.seq, lagEvents, lagSeconds, lastError: this.lastError, lastSuccessAt: this.lastSuccessAt, epoch: this.epoch, lastEpoch: this.lastEpoch };
  }

  metricsView(): UplinkMetricsView {
    const state = this.state();
    const now = this.ctx.now().getTime();
    const since = this.lastSuccessAt ? Date.parse(this.lastSuccessAt) : this.activeSince;
    const failing = state.enabled && this.errorCode !== null;
    return { ...state, errorCode: failing ? this.errorCode : null, failures: failing ? this.failures : 0, retryMs: failing ? this.retryMs : 0, sinceSuccessSeconds: state.enabled ? Math.max(0, (now - since) / 1000) : 0 };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) return this.schedule(ms || this.o.idleMs);
      this.running = true;
      this.inFlight = this.step()
        .then((next) => next, () => this.o.idleMs)
        .then((next) => {
          this.running = false;
          this.inFlight = null;
          this.schedule(next);
        });
    }, ms);
    this.timer.unref?.();
  }

  /** One exchange with the region; returns when to run again (ms). */
  private async step(): Promise<number> {
    const s = this.settings();
    if (!s.enabled || !s.url || !s.hallId || !s.token) return this.o.idleMs;
    try {
      let after: number;
      if (this.acknowledged === null) {
        // (Re)connecting: resend the region's last event with the first batch, so a hall
        // whose log was replaced (restored from an older backup) is refused by the region
        // (UPLINK_DIVERGED) instead of having its new events taken for ones already stored.
        const top = this.repo.head();
        const head = top.seq;
        // with the head's time the region shows how far behind it is before the first batch lands
        // the head's time only to a region that said it takes it (an older one refuses unknown fields)
        const headAt = top.at && this.accepts.has('head') ? `&headAt=${encodeURIComponent(top.at)}` : '';
        const pos = await this.request<UplinkPosition>(s, 'GET', `uplink?head=${head}${headAt}`);
        this.accepts = new Set(pos.accepts ?? []);
        this.epoch = pos.epoch ?? 0;
        this.lastEpoch = pos.lastEpoch ?? this.lastEpoch;
        if (pos.resync || pos.proposed) {
          // a region admin asked for a new epoch: propose the last shared event, then wait for the admin to confirm it
          if (!pos.proposed) await this.proposeEpoch(s, Math.min(head, pos.highWater));
          throw new RegionRefused(409, 'UPLINK_EPOCH_PROPOSED', 'The hall proposed where its new epoch starts: waiting for a region admin to confirm it (region page, Users & tokens)');
        } else if (head < pos.highWater) {
          throw new RegionRefused(409, 'UPLINK_BEHIND', `The region has this hall's events up to ${pos.highWater} but the hall's log ends at ${head}: was the hall restored from an older backup? Nothing is sent until a region admin starts a new epoch for this hall (region page, Users & tokens)`);
        } else after = Math.max(0, pos.highWater - 1);
      } else after = this.acknowledged;
      const slice = await this.slice(after);
      const config = this.config();
      const configChanged = config !== this.sentConfig;
      if (!slice.count && !configChanged) {
        this.acknowledged = after;
        return this.ok(this.o.idleMs);
      }
      // where the log ends, read after the slice (so never before its last event): the region shows the lag from it
      const head: UplinkBatch['head'] = this.repo.head();
      const headJson = this.accepts.has('head') ? `,"head":${JSON.stringify(head)}` : '';
      const body = `{"after":${after},"events":[${slice.json}]${headJson}${configChanged ? `,"config":${config}` : ''}}`;
      const ack = await this.request<UplinkAck>(s, 'POST', 'events', body);
      this.acknowledged = ack.highWater;
      if (configChanged) this.sentConfig = config;
      // A full batch means more is waiting: go on at once (the next turn of the event loop).
      return this.ok(slice.count === this.o.batchSize ? 0 : this.o.idleMs);
    } catch (err) {
      if (err instanceof RegionRefused && err.code === 'UPLINK_GAP' && typeof err.expected === 'number') {
        this.acknowledged = err.expected;
        return this.ok(0);
      }
      this.connected = false;
      this.lastError = err instanceof RegionRefused ? err.message : `region unreachable: ${(err as Error).message}`;
      this.errorCode = err instanceof RegionRefused ? codeLabel(err.code) : (err as Error).name === 'AbortError' ? 'TIMEOUT' : 'UNREACHABLE';
      this.failures++;
      this.retryMs = this.backoff.next();
      // ask again where the region stands (and check again that the logs agree)
      if (!(err instanceof RegionRefused) || err.code === 'UPLINK_DIVERGED' || err.code === 'UPLINK_BEHIND' || err.code === 'UPLINK_EPOCH_PROPOSED') this.acknowledged = null;
      return this.retryMs;
    }
  }

  private ok(next: number): number {
    this.connected = true;
    this.lastError = null;
    this.clearFailures();
    this.lastSuccessAt = this.ctx.now().toISOString();
    return next;
  }

  private clearFailures(): void {
    this.backoff.reset();
    this.retryMs = 0;
    this.failures = 0;
    this.errorCode = null;
  }

  /** The configuration snapshot: with names in three languages and fees for a region that takes them, else the first version's. */
  private config(): string {
    const { store } = this.ctx;
    const settings = this.ctx.settings();
    const input = {
      hallName: settings.hallName,
      timeZone: settings.timeZone,
      resetHour: settings.resetHour,
      departments: store.config.departments(),
      services: store.config.services(),
      windows: store.config.windows(),
    };
    return JSON.stringify(this.accepts.has('names') ? regionConfigSnapshot(input) : configSnapshot({ ...input, hallName: input.hallName['zh-CN'] }));
  }

  /** Finds the last event the hall's log shares with the region's and proposes the new epoch there. */
  private async proposeEpoch(s: UplinkSettings, top: number): Promise<void> {
    const lo = await findCommonPoint(
      top,
      async (seqs) => (await this.request<UplinkHeads>(s, 'GET', `heads?seqs=${seqs.join(',')}`)).heads,
      (seq) => this.repo.headOf(seq),
    );
    await this.request(s, 'POST', 'epoch', { commonPoint: lo });
  }

  /**
   * The next slice of the log after `after` as the batch's `events` JSON, read and cleaned
   * SLICE_CHUNK events at a time with a turn of the event loop between chunks: a 500-event
   * slice prepared in one go held the hall's own requests for 7–19 ms while catching up a
   * backlog (bench/cases/uplink.ts).
   */
  private async slice(after: number): Promise<{ count: number; json: string }> {
    const parts: string[] = [];
    let count = 0;
    for (let from = after; count < this.o.batchSize; ) {
      if (count > 0) await new Promise((resolve) => setImmediate(resolve));
      const rows = this.repo.after(from, Math.min(SLICE_CHUNK, this.o.batchSize - count));
      if (!rows.length) break;
      parts.push(rows.map((r) => JSON.stringify(sanitizeEvent(r))).join(','));
      count += rows.length;
      from = rows[rows.length - 1].id;
      if (rows.length < SLICE_CHUNK) break;
    }
    return { count, json: parts.join(',') };
  }

  private async request<T>(s: UplinkSettings, method: 'GET' | 'POST', route: string, body?: object | string): Promise<T> {
    const path = `${REGION_API}/halls/${encodeURIComponent(s.hallId)}/${route}`;
    this.abort = new AbortController();
    const timeout = setTimeout(() => this.abort?.abort(), this.o.requestTimeoutMs);
    try {
      const res = await fetch(s.url.replace(/\/+$/, '') + path, {
        method,
        headers: { authorization: `Bearer ${s.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: this.abort.signal,
      });
      const json = (await res.json().catch(() => null)) as any;
      if (res.ok && json?.ok) return json as T;
      const e = json?.error ?? {};
      throw new RegionRefused(res.status, String(e.code ?? `HTTP_${res.status}`), String(e.message ?? res.statusText), e.expected);
    } finally {
      clearTimeout(timeout);
    }
  }
}
