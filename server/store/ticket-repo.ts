import type { AlertTicket } from '../domain/alerts.js';
import type { TicketRecord } from '../domain/model.js';
import { PRIORITY_RANK, type AheadCounts } from '../domain/priority.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

interface TicketRow {
  id: string;
  number: string;
  seq: number;
  prefix: string;
  service_id: string;
  business_day: string;
  status: TicketRecord['status'];
  priority: TicketRecord['priority'];
  issued_at: string;
  queued_at: string;
  called_at: string | null;
  serving_at: string | null;
  finished_at: string | null;
  window_id: string | null;
  target_window_id: string | null;
  recall_count: number;
  track_token: string;
  kiosk_id: string | null;
  transferred_from_id: string | null;
  masked_name: string | null;
  masked_id: string | null;
  id_hmac: string | null;
  case_id: string | null;
  case_service_id: string | null;
  route_step: number | null;
  route_total: number | null;
}

export function rowToTicket(r: TicketRow): TicketRecord {
  return {
    id: r.id,
    number: r.number,
    seq: r.seq,
    prefix: r.prefix,
    serviceId: r.service_id,
    businessDay: r.business_day,
    status: r.status,
    priority: r.priority,
    issuedAt: r.issued_at,
    queuedAt: r.queued_at,
    calledAt: r.called_at,
    servingAt: r.serving_at,
    finishedAt: r.finished_at,
    windowId: r.window_id,
    targetWindowId: r.target_window_id,
    recallCount: r.recall_count,
    trackToken: r.track_token,
    kioskId: r.kiosk_id,
    transferredFromId: r.transferred_from_id,
    identity:
      r.id_hmac !== null
        ? { maskedName: r.masked_name ?? '', maskedIdNumber: r.masked_id ?? '', idHmac: r.id_hmac }
        : null,
    caseId: r.case_id,
    caseServiceId: r.case_service_id,
    routeStep: r.route_step,
    routeTotal: r.route_total,
  };
}

const COLUMNS = `id, number, seq, prefix, service_id, business_day, status, priority, issued_at, queued_at,
  called_at, serving_at, finished_at, window_id, target_window_id, recall_count, track_token, kiosk_id,
  transferred_from_id, masked_name, masked_id, id_hmac, case_id, case_service_id, route_step, route_total`;

export class TicketRepo {
  private sql: Statements;
  private headsStmt;
  private headsNStmt;
  private aheadStmt;
  private waitingCountsStmt;
  private upsertStmt;
  private byIdStmt;
  private waitingStmt;
  private activeStmt;
  private counterGet;
  private counterSet;
  private streakGet;
  private streakSet;
  private issuedCountStmt;
  private durationsStmt;

  private durations = new Map<string, { limit: number; values: number[] }>();

  constructor(private db: Db) {
    this.sql = new Statements(db);
    this.upsertStmt = db.prepare(
      `INSERT INTO tickets (${COLUMNS}) VALUES (@id, @number, @seq, @prefix, @serviceId, @businessDay, @status,
        @priority, @issuedAt, @queuedAt, @calledAt, @servingAt, @finishedAt, @windowId, @targetWindowId,
        @recallCount, @trackToken, @kioskId, @transferredFromId, @maskedName, @maskedId, @idHmac,
        @caseId, @caseServiceId, @routeStep, @routeTotal)
       ON CONFLICT(id) DO UPDATE SET status=excluded.status, priority=excluded.priority,
        queued_at=excluded.queued_at, called_at=excluded.called_at, serving_at=excluded.serving_at,
        finished_at=excluded.finished_at, window_id=excluded.window_id, target_window_id=excluded.target_window_id,
        recall_count=excluded.recall_count, masked_name=excluded.masked_name, masked_id=excluded.masked_id,
        id_hmac=excluded.id_hmac`,
    );
    this.headsStmt = db.prepare(
      `SELECT ${COLUMNS} FROM tickets WHERE status = 'waiting' AND target_window_id IS NULL
         AND service_id = ? AND priority = ? ORDER BY queued_at, seq, id LIMIT ?`,
    );
    this.headsNStmt = db.prepare(
      `SELECT ${COLUMNS} FROM tickets WHERE status = 'waiting' AND target_window_id = ?
         ORDER BY queued_at, seq, id LIMIT ?`,
    );
    const before = '(queued_at < @queuedAt OR (queued_at = @queuedAt AND seq < @seq))';
    // Per class: how many wait, and how many of them queued before the ticket. Read from
    // the covering index tickets_ahead in its own order, so no row is looked up.
    this.aheadStmt = db.prepare(
      `SELECT priority, COUNT(*) AS n, IFNULL(SUM((queued_at, seq) < (@queuedAt, @seq)), 0) AS before
       FROM tickets WHERE status = 'waiting' AND service_id = @serviceId AND target_window_id IS @targetWindowId AND id <> @id
       GROUP BY priority`,
    );
    this.waitingCountsStmt = db.prepare(
      `SELECT service_id, COUNT(*) AS n FROM tickets WHERE status = 'waiting' GROUP BY service_id`,
    );
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM tickets WHERE id = ?`);
    this.waitingStmt = db.prepare(`SELECT ${COLUMNS} FROM tickets WHERE status = 'waiting'`);
    this.activeStmt = db.prepare(
      `SELECT ${COLUMNS} FROM tickets WHERE status IN ('waiting','called','serving')`,
    );
    this.counterGet = db.prepare('SELECT seq FROM counters WHERE business_day = ? AND prefix = ?');
    this.counterSet = db.prepare(
      `INSERT INTO counters (business_day, prefix, seq) VALUES (?, ?, ?)
       ON CONFLICT(business_day, prefix) DO UPDATE SET seq = MAX(seq, excluded.seq)`,
    );
    this.streakGet = db.prepare('SELECT service_id, streak FROM streaks');
    this.streakSet = db.prepare(
      'INSERT INTO streaks (service_id, streak) VALUES (?, ?) ON CONFLICT(service_id) DO UPDATE SET streak = excluded.streak',
    );
    this.issuedCountStmt = db.prepare(
      // An online number that never arrived (expired, or cancelled before arrival) gives its place back:
      // it counts toward neither the remote quota nor the service's daily quota.
      `SELECT COUNT(*) AS n FROM tickets t WHERE business_day = ? AND COALESCE(case_service_id, service_id) = ? AND transferred_from_id IS NULL
         AND status <> 'expired'
         AND NOT (status = 'cancelled' AND EXISTS (SELECT 1 FROM remote_tickets r WHERE r.ticket_id = t.id AND r.arrived_at IS NULL))`,
    );
    this.durationsStmt = db.prepare(
      `SELECT (julianday(finished_at) - julianday(COALESCE(serving_at, called_at))) * 86400.0 AS s
       FROM tickets WHERE status = 'done' AND service_id = ? ORDER BY finished_at DESC LIMIT ?`,
    );
  }

  save(t: TicketRecord): void {
    // A fresh ticket (waiting, never called) cannot change a service's finished tickets; anything else may.
    if (t.status !== 'waiting' || t.calledAt !== null) this.durations.delete(t.serviceId);
    this.upsertStmt.run({
      ...t,
      maskedName: t.identity?.maskedName ?? null,
      maskedId: t.identity?.maskedIdNumber ?? null,
      idHmac: t.identity?.idHmac ?? null,
      caseId: t.caseId ?? null,
      caseServiceId: t.caseServiceId ?? null,
      routeStep: t.routeStep ?? null,
      routeTotal: t.routeTotal ?? null,
    });
  }

  get(id: string): TicketRecord | null {
    const r = this.byIdStmt.get(id) as TicketRow | undefined;
    return r ? rowToTicket(r) : null;
  }

  /** No-shows at a window since an instant, newest first (for restoring). */
  noShowsAt(windowId: string, since: string): TicketRecord[] {
    return (
      this.sql
        .q(`SELECT ${COLUMNS} FROM tickets WHERE status = 'no_show' AND window_id = ? AND finished_at >= ? ORDER BY finished_at DESC LIMIT 50`)
        .all(windowId, since) as TicketRow[]
    ).map(rowToTicket);
  }

  /** Every ticket of a joint-handling case. */
  byCase(caseId: string): TicketRecord[] {
    return (this.sql.q(`SELECT ${COLUMNS} FROM tickets WHERE case_id = ? ORDER BY rowid`).all(caseId) as TicketRow[]).map(rowToTicket);
  }

  /** All tickets of a track token (transfers and parallel steps share it), oldest first. */
  allByTrackToken(token: string): TicketRecord[] {
    return (this.sql.q(`SELECT ${COLUMNS} FROM tickets WHERE track_token = ? ORDER BY rowid`).all(token) as TicketRow[]).map(rowToTicket);
  }

  waiting(): TicketRecord[] {
    return (this.waitingStmt.all() as TicketRow[]).map(rowToTicket);
  }

  /**
   * The oldest `perGroup` waiting tickets of each class of each service, and those
   * sent to this very window: whatever the selection rules pick within the next
   * `perGroup` calls is among them. Each part is one indexed range read.
   */
  queueHeads(serviceIds: readonly string[], windowId: string, perGroup = 1): TicketRecord[] {
    const rows: TicketRow[] = this.headsNStmt.all(windowId, perGroup) as TicketRow[];
    for (const serviceId of serviceIds) {
      for (const priority of Object.keys(PRIORITY_RANK)) {
        rows.push(...(this.headsStmt.all(serviceId, priority, perGroup) as TicketRow[]));
      }
    }
    return rows.map(rowToTicket);
  }

  aheadCounts(t: TicketRecord): AheadCounts {
    const rows = this.aheadStmt.all({
      id: t.id,
      serviceId: t.serviceId,
      targetWindowId: t.targetWindowId,
      queuedAt: t.queuedAt,
      seq: t.seq,
    }) as { priority: TicketRecord['priority']; n: number; before: number }[];
    const rank = PRIORITY_RANK[t.priority];
    const c: AheadCounts = { normals: 0, normalsBefore: 0, priorities: 0, prioritiesBefore: 0, earlier: 0, greens: 0 };
    for (const r of rows) {
      c.earlier += r.before;
      if (r.priority === 'green') c.greens! += r.n;
      if (r.priority === 'normal') {
        c.normals += r.n;
        c.normalsBefore += r.before;
      } else {
        c.priorities += r.n;
        const other = PRIORITY_RANK[r.priority];
        c.prioritiesBefore += other > rank ? r.n : other === rank ? r.before : 0;
      }
    }
    return c;
  }

  /**
   * `aheadCounts` for many waiting tickets at once (the tickets of one group commit): per queue
   * (service and target window) one count of the tickets before the earliest of them and one read
   * of the few at or after it, instead of a count over the whole queue for each. Same answers.
   */
  aheadCountsMany(tickets: readonly TicketRecord[]): Map<string, AheadCounts> {
    const out = new Map<string, AheadCounts>();
    const queues = new Map<string, TicketRecord[]>();
    for (const t of tickets) {
      const key = `${t.serviceId}\u0000${t.targetWindowId ?? ''}`;
      const queue = queues.get(key);
      if (queue) queue.push(t);
      else queues.set(key, [t]);
    }
    const where = `status = 'waiting' AND service_id = @serviceId AND target_window_id IS @targetWindowId`;
    for (const group of queues.values()) {
      const first = group.reduce((a, b) => (earlier(b, a) ? b : a));
      const at = { serviceId: first.serviceId, targetWindowId: first.targetWindowId, queuedAt: first.queuedAt, seq: first.seq };
      const before = this.sql
        .q(`SELECT priority, COUNT(*) AS n FROM tickets WHERE ${where} AND (queued_at, seq) < (@queuedAt, @seq) GROUP BY priority`)
        .all(at) as { priority: TicketRecord['priority']; n: number }[];
      const tail = this.sql
        .q(`SELECT id, priority, queued_at AS queuedAt, seq FROM tickets WHERE ${where} AND (queued_at, seq) >= (@queuedAt, @seq)`)
        .all(at) as Pick<TicketRecord, 'id' | 'priority' | 'queuedAt' | 'seq'>[];
      for (const t of group) {
        const rank = PRIORITY_RANK[t.priority];
        const c: AheadCounts = { normals: 0, normalsBefore: 0, priorities: 0, prioritiesBefore: 0, earlier: 0, greens: 0 };
        const count = (priority: TicketRecord['priority'], n: number, isBefore: number) => {
          c.earlier += isBefore;
          if (priority === 'green') c.greens! += n;
          if (priority === 'normal') {
            c.normals += n;
            c.normalsBefore += isBefore;
          } else {
            c.priorities += n;
            const other = PRIORITY_RANK[priority];
            c.prioritiesBefore += other > rank ? n : other === rank ? isBefore : 0;
          }
        };
        // Everything before the earliest ticket of the group is before this one too.
        for (const r of before) count(r.priority, r.n, r.n);
        for (const r of tail) if (r.id !== t.id) count(r.priority, 1, earlier(r, t) ? 1 : 0);
        out.set(t.id, c);
      }
    }
    return out;
  }

  waitingCounts(): Map<string, number> {
    const rows = this.waitingCountsStmt.all() as { service_id: string; n: number }[];
    return new Map(rows.map((r) => [r.service_id, r.n]));
  }

  /** The columns a supervision sweep reads, for every ticket waiting, called or serving. */
  activeForAlerts(): AlertTicket[] {
    return this.sql
      .q(
        `SELECT id, number, status, service_id AS serviceId, queued_at AS queuedAt, target_window_id AS targetWindowId,
           window_id AS windowId, called_at AS calledAt, serving_at AS servingAt
         FROM tickets WHERE status IN ('waiting','called','serving')`,
      )
      .all() as AlertTicket[];
  }

  active(): TicketRecord[] {
    return (this.activeStmt.all() as TicketRow[]).map(rowToTicket);
  }

  lastSeq(businessDay: string, prefix: string): number {
    const r = this.counterGet.get(businessDay, prefix) as { seq: number } | undefined;
    return r?.seq ?? 0;
  }

  setSeq(businessDay: string, prefix: string, seq: number): void {
    this.counterSet.run(businessDay, prefix, seq);
  }

  streaks(): Map<string, number> {
    const rows = this.streakGet.all() as { service_id: string; streak: number }[];
    return new Map(rows.map((r) => [r.service_id, r.streak]));
  }

  setStreak(serviceId: string, streak: number): void {
    this.streakSet.run(serviceId, streak);
  }

  issuedCount(businessDay: string, serviceId: string): number {
    return (this.issuedCountStmt.get(businessDay, serviceId) as { n: number }).n;
  }

  /**
   * Most recent service durations in seconds, oldest first. Asked for on every
   * ticket (its estimate) but changed only when a ticket is finished, so kept per
   * service until then: with a year of history the rows are scattered pages.
   */
  recentDurations(serviceId: string, limit: number): number[] {
    const hit = this.durations.get(serviceId);
    if (hit && hit.limit === limit) return [...hit.values];
    const rows = this.durationsStmt.all(serviceId, limit) as { s: number | null }[];
    const values = rows.map((r) => r.s ?? 0).reverse();
    this.durations.set(serviceId, { limit, values });
    return [...values];
  }

  /** Drops what is kept in memory (the store calls it when a transaction rolls back). */
  forget(): void {
    this.durations.clear();
  }

  /** Waiting tickets held today by one identity (for per-person limits). */
  /** Remote tickets not yet arrived (线上取号), oldest first. */
  unarrived(): TicketRecord[] {
    return (this.sql.q(`SELECT ${COLUMNS} FROM tickets WHERE status = 'remote' ORDER BY issued_at`).all() as TicketRow[]).map(rowToTicket);
  }

  heldBy(idHmac: string, businessDay: string): TicketRecord[] {
    return (
      this.sql
        .q(`SELECT ${COLUMNS} FROM tickets WHERE id_hmac = ? AND business_day = ?`)
        .all(idHmac, businessDay) as TicketRow[]
    ).map(rowToTicket);
  }

  all(): TicketRecord[] {
    return (this.sql.q(`SELECT ${COLUMNS} FROM tickets ORDER BY rowid`).all() as TicketRow[]).map(rowToTicket);
  }

  count(): number {
    return (this.sql.q('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  }
}

/** (queued_at, seq) strictly before, as the SQL row comparison reads it. */
function earlier(a: Pick<TicketRecord, 'queuedAt' | 'seq'>, b: Pick<TicketRecord, 'queuedAt' | 'seq'>): boolean {
  return a.queuedAt < b.queuedAt || (a.queuedAt === b.queuedAt && a.seq < b.seq);
}
