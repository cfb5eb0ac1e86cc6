/**
 * Small process and port helpers shared by `npm run region:trial`, the bench and the
 * tests (test/helpers re-exports them): a free loopback port, a readiness wait, a
 * clean stop of a child.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it resolves true (no timing assertion: just a readiness wait with a deadline). */
export async function waitFor(what: string, probe: () => Promise<boolean> | boolean, deadlineMs = 30_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not ready yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM, then waits until the child is gone (at once when it already is). */
export function stopChild(c: ChildProcess | null | undefined): Promise<void> {
  return new Promise<void>((ok) => {
    if (!c || c.exitCode !== null || c.signalCode !== null) return ok();
    c.once('exit', () => ok());
    c.kill('SIGTERM');
  });
}
