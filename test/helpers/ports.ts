export { freePort, waitFor } from '../../region/dev/processes.js';

/** Skip loudly off CI when a system binary is missing; on CI (CI=true) a missing binary fails. */
export function requireBinary(ok: boolean, what: string, install: string): boolean {
  if (ok) return true;
  if (process.env.CI) throw new Error(`${what} is required on CI (${install})`);
  console.warn(`\n  ⚠⚠⚠  SKIPPING: ${what} is missing (${install}). On CI (CI=true) this fails instead.  ⚠⚠⚠\n`);
  return false;
}
