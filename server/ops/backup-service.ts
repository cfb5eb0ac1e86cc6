import { join } from 'node:path';
import type { AppContext } from '../app/context.js';
import { backupDue } from '../domain/backup-schedule.js';
import { DomainError } from '../domain/errors.js';
import { backupLive } from '../store/snapshot.js';
import { listBackups, makeBackup, pruneBackups, type BackupInfo } from './backup-files.js';
import { verifyInChildProcess } from './verify-process.js';

/** Online backups of the serving hall: on demand (admin) and on the hall's schedule. */
export class BackupService {
  private running: Promise<BackupInfo> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private ctx: AppContext,
    private dataDir: string,
    private serverVersion: string,
  ) {}

  folder(): string {
    return this.ctx.settings().backupFolder || join(this.dataDir, 'backups');
  }

  list(): BackupInfo[] {
    return listBackups(this.folder());
  }

  /** One backup at a time; a second request while one runs is refused. */
  async run(reason: 'manual' | 'scheduled'): Promise<BackupInfo> {
    if (this.running) throw new DomainError('BACKUP_IN_PROGRESS', 'A backup is being made right now; try again when it has finished');
    const folder = this.folder();
    const started = this.ctx.now();
    this.running = makeBackup({
      folder,
      dataDir: this.dataDir,
      now: started,
      reason,
      serverVersion: this.serverVersion,
      copy: (dest) => backupLive(this.ctx.store.db, dest),
      verify: verifyInChildProcess,
    });
    try {
      const info = await this.running;
      const pruned = pruneBackups(folder, this.ctx.settings().backupKeep);
      this.ctx.log.info({ backup: info.path, tickets: info.tickets, events: info.events, pruned, reason }, 'backup made and verified');
      return info;
    } catch (err) {
      this.ctx.log.error({ err, folder, reason }, 'backup failed');
      throw err;
    } finally {
      this.running = null;
    }
  }

  /**
   * Checks once a minute whether today's scheduled backup is due. A hall with no
   * backup yet counts from this start: its first one comes at the next scheduled
   * time, not the moment a new or test hall starts. After a failure it waits 15 minutes.
   */
  start(intervalMs = 60_000): void {
    const startedAt = this.ctx.now();
    let failedAt = 0;
    const tick = () => {
      const s = this.ctx.settings();
      const now = this.ctx.now();
      if (!s.backupTime || this.running || now.getTime() - failedAt < 15 * 60_000) return;
      const last = this.list()[0];
      if (backupDue(now, s.timeZone, s.backupTime, last ? new Date(last.createdAt) : startedAt)) {
        this.run('scheduled').catch(() => (failedAt = this.ctx.now().getTime())); // logged in run()
      }
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
