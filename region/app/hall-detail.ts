/** The drill-down into one hall, for a region user who may see it. */
import type { HallDetail, HallLive } from '../../common/region.js';
import { hallDetail } from '../domain/hall-detail.js';
import type { Pool } from '../store/db.js';
import { detailRows } from '../store/detail-repo.js';
import type { LiveRepo, Scope } from '../store/live-repo.js';
import { RegionError } from './errors.js';

export const inScope = (scope: Scope, hall: Pick<HallLive, 'hallId' | 'area'>): boolean =>
  scope.all || scope.areas.includes(hall.area) || scope.hallIds.includes(hall.hallId);

/** A hall as a reader sees it: who asked for an epoch, and a pending proposal, only for admins (scope all). */
export const shownTo = (scope: Scope, h: HallLive): HallLive =>
  scope.all ? h : { ...h, lastEpoch: h.lastEpoch && { ...h.lastEpoch, requestedBy: null }, proposal: null };

export class HallDetails {
  constructor(
    private pool: Pool,
    private live: LiveRepo,
  ) {}

  /** The hall's drill-down; a hall outside the user's scope is refused as if it did not exist. */
  async get(scope: Scope, hallId: string): Promise<HallDetail> {
    const hall = await this.live.hall(hallId);
    if (!hall || !inScope(scope, hall)) throw new RegionError(404, 'HALL_NOT_FOUND', `No hall ${hallId} among the halls you may see`);
    return this.load(shownTo(scope, hall));
  }

  /** The drill-down without a scope check (for pushes to sockets already admitted to it: as viewers see it). */
  async of(hallId: string): Promise<HallDetail | null> {
    const hall = await this.live.hall(hallId);
    return hall ? this.load(shownTo({ all: false, areas: [], hallIds: [] }, hall)) : null;
  }

  private async load(hall: HallLive): Promise<HallDetail> {
    return hallDetail({ hall, ...(await detailRows(this.pool, hall.hallId, hall.businessDay)) });
  }
}
