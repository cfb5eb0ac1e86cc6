import { createHash, randomBytes } from 'node:crypto';

/** Tokens are random; only their SHA-256 is stored, so a leaked database grants nothing. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
