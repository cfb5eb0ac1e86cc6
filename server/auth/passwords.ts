import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

/**
 * Each scrypt holds 16 MB (128·N·r) while it runs. Running more at once than there
 * are cores is no faster, only bigger: a hall opening with every clerk signing in
 * together would briefly hold 16 MB per libuv thread. So at most one per core runs.
 */
const MAX_AT_ONCE = Math.max(1, Math.min(4, availableParallelism()));
let running = 0;
const waiting: (() => void)[] = [];

async function scrypt(pw: string, salt: Buffer, len: number, opts: ScryptOptions): Promise<Buffer> {
  // A finishing hash hands its slot straight to the first waiter, so nobody can slip in between.
  if (running >= MAX_AT_ONCE) await new Promise<void>((r) => waiting.push(r));
  else running++;
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** How many password hashes are computing now (for tests). */
export const scryptsRunning = () => running;

const N = 16384;
const R = 8;
const P = 1;
const LEN = 32;

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, LEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

/** A readable random password for a first administrator. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
