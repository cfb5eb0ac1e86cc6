import type { PriorityCategory } from '../domain/priority-groups.js';
import type { Db } from './db.js';
import { Statements } from './statements.js';

type Row = { id: string; name: string; priority_class: PriorityCategory['priorityClass']; active: number; sort_order: number };

const toCategory = (r: Row): PriorityCategory => ({
  id: r.id,
  name: JSON.parse(r.name),
  priorityClass: r.priority_class,
  active: r.active === 1,
  sortOrder: r.sort_order,
});

/** Admin-defined priority categories (green channel, elderly, disabled, …). */
export class PriorityRepo {
  private sql: Statements;

  constructor(db: Db) {
    this.sql = new Statements(db);
  }

  all(): PriorityCategory[] {
    return (this.sql.q('SELECT * FROM priority_categories ORDER BY sort_order, id').all() as Row[]).map(toCategory);
  }

  get(id: string): PriorityCategory | null {
    const r = this.sql.q('SELECT * FROM priority_categories WHERE id = ?').get(id) as Row | undefined;
    return r ? toCategory(r) : null;
  }

  save(c: PriorityCategory): void {
    this.sql
      .q(
        `INSERT INTO priority_categories (id, name, priority_class, active, sort_order) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, priority_class = excluded.priority_class,
           active = excluded.active, sort_order = excluded.sort_order`,
      )
      .run(c.id, JSON.stringify(c.name), c.priorityClass, c.active ? 1 : 0, c.sortOrder);
  }

  delete(id: string): boolean {
    return this.sql.q('DELETE FROM priority_categories WHERE id = ?').run(id).changes > 0;
  }
}
