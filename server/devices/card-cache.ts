import { randomBytes } from 'node:crypto';
import type { CardHolder } from '../app/identity-service.js';

/**
 * The masked identity of the last cards read at each kiosk, under a short-lived
 * token the kiosk sends back with its ticket request. The clear ID number is
 * never kept: only what toCardHolder() made of it (the birth date, for the
 * elderly rule at issue time, stays here and goes nowhere else).
 */
export class CardCache {
  private cards = new Map<string, { kioskId: string; card: CardHolder; expires: number }>();

  constructor(
    private now: () => number,
    private ttlMs = 3 * 60_000,
  ) {}

  put(kioskId: string, card: CardHolder): string {
    this.prune();
    const token = `card_${randomBytes(12).toString('base64url')}`;
    this.cards.set(token, { kioskId, card, expires: this.now() + this.ttlMs });
    return token;
  }

  /** The identity behind a token, only for the kiosk that read the card, until it expires. */
  get(kioskId: string, token: string): CardHolder | null {
    const c = this.cards.get(token);
    if (!c || c.kioskId !== kioskId || c.expires <= this.now()) return null;
    return c.card;
  }

  private prune(): void {
    const now = this.now();
    for (const [k, c] of this.cards) if (c.expires <= now) this.cards.delete(k);
  }
}
