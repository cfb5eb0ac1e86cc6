/**
 * A fresh hall for every test of a describe (registered as its beforeEach/afterEach): a
 * temp folder, a TestClock as the hall's clock, the admin signed in and an anonymous
 * client (a phone). `restart(edge)` replaces it with a fresh hall with other edge
 * options, e.g. `{ trustProxy: 'loopback' }`.
 */
import { afterEach, beforeEach } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { TestClock } from './features.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from './hall.js';

export class EachHall {
  dir = '';
  hall!: RunningHall;
  admin!: Api;
  phone!: Api;
  clock!: TestClock;

  /** `init` runs on each new hall before the test (e.g. a setting written as an old version did). */
  constructor(private init: (hall: RunningHall) => void = () => undefined) {
    beforeEach(() => this.start());
    afterEach(() => this.stop());
  }

  async start(edge: Record<string, unknown> = {}): Promise<void> {
    this.dir = tempDir();
    this.clock = new TestClock();
    this.hall = await startTestHall(this.dir, { now: this.clock.now, edge });
    this.admin = await Api.login(this.hall.url, 'admin', ADMIN_PASSWORD);
    this.phone = new Api(this.hall.url);
    this.init(this.hall);
  }

  async stop(): Promise<void> {
    await this.hall?.close();
    removeDir(this.dir);
  }

  async restart(edge: Record<string, unknown>): Promise<void> {
    await this.stop();
    await this.start(edge);
  }
}
