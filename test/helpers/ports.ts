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

/** Skip loudly off CI when a system binary is missing; on CI (CI=true) a missing binary fails. */
export function requireBinary(ok: boolean, what: string, install: string): boolean {
  if (ok) return true;
  if (process.env.CI) throw new Error(`${what} is required on CI (${install})`);
  console.warn(`\n  ⚠⚠⚠  SKIPPING: ${what} is missing (${install}). On CI (CI=true) this fails instead.  ⚠⚠⚠\n`);
  return false;
}
