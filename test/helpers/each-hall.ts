/**
 * A fresh hall for every test of a describe (registered as its beforeEach/afterEach): a
 * temp folder, a TestClock as the hall's clock, the admin signed in and an anonymous
 * client (a phone); `env` is set while it runs. `restart(edge)` replaces it with a fresh
 * hall with other edge options, e.g. `{ trustProxy: 'loopback' }`.
 */
import { afterEach, beforeEach } from 'vitest';
import type { RunningHall } from '../../server/bootstrap.js';
import { TestClock } from './features.js';
import { ADMIN_PASSWORD, Api, removeDir, startTestHall, tempDir } from './hall.js';

export interface EachHallOptions {
  /** Runs on each new hall before the test (e.g. a setting written as an old version did). */
  init?: (hall: RunningHall) => void;
  /** Environment variables set while the hall runs (removed after each test). */
  env?: Record<string, string>;
}

export class EachHall {
  dir = '';
  hall!: RunningHall;
  admin!: Api;
  phone!: Api;
  clock!: TestClock;

  constructor(private o: EachHallOptions = {}) {
    beforeEach(() => this.start());
    afterEach(() => this.stop());
  }

  async start(edge: Record<string, unknown> = {}): Promise<void> {
    Object.assign(process.env, this.o.env);
    this.dir = tempDir();
    this.clock = new TestClock();
    this.hall = await startTestHall(this.dir, { now: this.clock.now, edge });
    this.admin = await Api.login(this.hall.url, 'admin', ADMIN_PASSWORD);
    this.phone = new Api(this.hall.url);
    this.o.init?.(this.hall);
  }

  async stop(): Promise<void> {
    for (const k of Object.keys(this.o.env ?? {})) delete process.env[k];
    await this.hall?.close();
    removeDir(this.dir);
  }

  async restart(edge: Record<string, unknown>): Promise<void> {
    await this.stop();
    await this.start(edge);
  }
}
