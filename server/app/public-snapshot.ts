import type { HallSnapshot } from '../../common/types.js';
import type { AppContext } from './context.js';
import type { Hall } from './hall.js';

/**
 * The hall as anyone may see it (screens, phones, `GET /api/v1/queue`): no
 * staff ids, identities or track tokens. Built and serialised once per change
 * and shared by every reader; `ttlMs` keeps its clock and estimates fresh
 * when nothing changes. A thousand screens connecting cost one build.
 */
export class PublicSnapshot {
  private cached: { snap: HallSnapshot; json: string | null; at: number } | null = null;

  constructor(
    private ctx: AppContext,
    private hall: Hall,
    private ttlMs = 2000,
  ) {
    const drop = () => {
      this.cached = null;
    };
    ctx.bus.on('changed', drop);
    ctx.bus.on('configChanged', drop);
    ctx.bus.on('called', drop);
  }

  get(): HallSnapshot {
    const now = this.ctx.now().getTime();
    if (!this.cached || now - this.cached.at >= this.ttlMs || now < this.cached.at) {
      this.cached = { snap: toPublic(this.hall.snapshot()), json: null, at: now };
    }
    return this.cached.snap;
  }

  /** The same snapshot as JSON, serialised once for as long as it holds. */
  json(): string {
    const snap = this.get();
    const c = this.cached!;
    if (c.json === null) c.json = JSON.stringify(snap);
    return c.json;
  }
}

/** Drops what only staff may see: who works at a window, whose ticket it is, its tracking token. */
export function toPublic(s: HallSnapshot): HallSnapshot {
  return {
    ...s,
    windows: s.windows.map(({ staffId: _staff, ...w }) => ({
      ...w,
      current: w.current ? (({ identity: _i, ...t }) => ({ ...t, trackToken: '' }))(w.current) : null,
    })),
  };
}
