import type { Db } from './db.js';

export interface ServiceDayCounts {
  serviceId: string;
  issued: number;
  called: number;
  served: number;
}

/** The queries behind GET /metrics: per service, today's counts and the waiting queue. */
export class MetricsRepo {
  private dayStmt;
  private waitingStmt;

  constructor(db: Db) {
    this.dayStmt = db.prepare(
      `SELECT service_id AS serviceId,
              SUM(transferred_from_id IS NULL) AS issued,
              COUNT(called_at) AS called,
              SUM(status = 'done') AS served
       FROM tickets WHERE business_day = ? GROUP BY service_id`,
    );
    this.waitingStmt = db.prepare(
      `SELECT service_id AS serviceId, COUNT(*) AS waiting, MIN(queued_at) AS oldest FROM tickets WHERE status = 'waiting' GROUP BY service_id`,
    );
  }

  dayCounts(businessDay: string): ServiceDayCounts[] {
    return this.dayStmt.all(businessDay) as ServiceDayCounts[];
  }

  waiting(): { serviceId: string; waiting: number; oldest: string }[] {
    return this.waitingStmt.all() as { serviceId: string; waiting: number; oldest: string }[];
  }
}
