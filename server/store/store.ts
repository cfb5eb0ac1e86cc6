import type { HallEvent } from '../domain/events.js';
import { applyEvent, emptyReplayState, isHallEvent, type ReplayState, type EventChanges } from '../domain/events.js';
import { AuthRepo } from './auth-repo.js';
import { DeviceRepo } from './device-repo.js';
import { ConfigRepo } from './config-repo.js';
import { openDatabase, type Db } from './db.js';
import { EventLog, type Actor } from './event-log.js';
import { IdempotencyRepo } from './idempotency-repo.js';
import { TicketRepo } from './ticket-repo.js';
import { splitIdentity } from '../domain/privacy.js';
import { AlertRepo } from './alert-repo.js';
import { IdentityRepo } from './identity-repo.js';
import { RatingRepo } from './rating-repo.js';
import { ReportRepo } from './report-repo.js';
import { PriorityRepo } from './priority-repo.js';
import { AppointmentRepo } from './appointment-repo.js';
import { RemoteRepo } from './remote-repo.js';
import { OutboxRepo } from './outbox-repo.js';

/** The hall's database (SQLite): the only place SQL lives. */
export class HallDatabase {
  readonly tickets: TicketRepo;
  readonly config: ConfigRepo;
  readonly auth: AuthRepo;
  readonly events: EventLog;
  readonly idempotency: IdempotencyRepo;
  readonly devices: DeviceRepo;
  readonly ratings: RatingRepo;
  readonly alerts: AlertRepo;
  readonly identities: IdentityRepo;
  readonly reports: ReportRepo;
  readonly priority: PriorityRepo;
  readonly appointments: AppointmentRepo;
  readonly remote: RemoteRepo;
  readonly outbox: OutboxRepo;

  constructor(readonly db: Db) {
    this.tickets = new TicketRepo(db);
    this.config = new ConfigRepo(db);
    this.auth = new AuthRepo(db);
    this.events = new EventLog(db);
    this.idempotency = new IdempotencyRepo(db);
    this.devices = new DeviceRepo(db);
    this.ratings = new RatingRepo(db);
    this.alerts = new AlertRepo(db);
    this.identities = new IdentityRepo(db);
    this.reports = new ReportRepo(db);
    this.priority = new PriorityRepo(db);
    this.appointments = new AppointmentRepo(db);
    this.remote = new RemoteRepo(db);
    this.outbox = new OutboxRepo(db);
  }

  static open(file: string): HallDatabase {
    return new HallDatabase(openDatabase(file));
  }

  /** Runs fn in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (error) {
      // Rolled back: what the repos cached from inside it may be gone.
      this.config.forget();
      this.tickets.forget();
      this.auth.forget();
      throw error;
    }
  }

  /**
   * Appends hall events and writes what they changed. The caller applies them to
   * its working state first (with the same reducer), so here we only persist.
   */
  recordHallEvent(e: HallEvent, actor: Actor, changed: EventChanges, ticketId?: string): void {
    const windowId = 'windowId' in e ? e.windowId : undefined;
    const tid = ticketId ?? ('ticketId' in e ? e.ticketId : e.type === 'ticket.issued' ? e.ticket.id : undefined);
    // Identities go to their own table (retention deletes them there); the log keeps the rest.
    const split = splitIdentity(e);
    this.events.append({ type: e.type, at: e.at, ticketId: tid, windowId }, actor, split.event);
    for (const i of split.identities) this.identities.save(i.ticketId, i.businessDay, i.identity);
    for (const t of changed.tickets) {
      this.tickets.save(t);
      if (e.type === 'ticket.issued') this.tickets.setSeq(t.businessDay, t.prefix, t.seq);
    }
    for (const w of changed.windows) this.config.saveRuntime(w);
    for (const [serviceId, streak] of changed.streaks) this.tickets.setStreak(serviceId, streak);
  }

  /** Replays the whole event log into fresh state (reads only). */
  replayLog(): ReplayState {
    const state = emptyReplayState();
    for (const logged of this.events.iterate()) {
      if (!isHallEvent(logged.type)) continue;
      applyEvent(state, logged.data as unknown as HallEvent);
    }
    const identities = this.identities.all();
    for (const t of state.tickets.values()) {
      if (!t.identity && identities.has(t.id)) state.tickets.set(t.id, { ...t, identity: identities.get(t.id)! });
    }
    return state;
  }

  /**
   * Throws away tickets, window state, counters and streaks and writes them again
   * from the event log alone: the log is the source of truth.
   */
  rebuildFromLog(): { tickets: number } {
    const state = this.replayLog();
    return this.tx(() => {
      this.db.pragma('defer_foreign_keys = ON');
      this.db.exec(`DELETE FROM tickets; DELETE FROM counters; DELETE FROM streaks;
        UPDATE window_runtime SET status = 'closed', pause_reason = NULL, staff_id = NULL, current_ticket_id = NULL;`);
      for (const t of state.tickets.values()) this.tickets.save(t);
      for (const [key, seq] of state.counters) {
        const [day, prefix] = key.split('|');
        this.tickets.setSeq(day, prefix, seq);
      }
      for (const [serviceId, streak] of state.streaks) this.tickets.setStreak(serviceId, streak);
      this.config.forget();
      this.tickets.forget();
      for (const w of state.windows.values()) this.config.saveRuntime(w);
      return { tickets: state.tickets.size };
    });
  }

  close(): void {
    this.db.close();
  }
}
