import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hashPassword, scryptsRunning, verifyPassword } from '../../../server/auth/passwords.js';

describe('password hashing', () => {
  it('verifies the right password only, with at most one scrypt per core at a time', async () => {
    const stored = await hashPassword('窗口一号 pw');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    let most = 0;
    let sampling = true;
    const sample = () => {
      most = Math.max(most, scryptsRunning());
      if (sampling) setImmediate(sample);
    };
    sample();
    const tries = Array.from({ length: 8 }, (_, i) => verifyPassword(i % 2 ? 'wrong' : '窗口一号 pw', stored));
    const results = await Promise.all(tries);
    sampling = false;
    expect(results).toEqual([true, false, true, false, true, false, true, false]);
    expect(most).toBeGreaterThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(Math.min(4, availableParallelism()));
    expect(scryptsRunning()).toBe(0);
  });
});
