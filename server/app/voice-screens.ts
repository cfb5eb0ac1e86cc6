import { EventEmitter } from 'node:events';
import type { Lang } from '../../common/types.js';
import type { ScreenVoice, VoiceReport, VoiceTest } from '../../common/voice.js';
import { DomainError } from '../domain/errors.js';

/** At most this many speaking screens are remembered (a hall has tens; junk clients cannot grow it). */
export const MAX_SCREENS = 1000;
/** Screens from addresses the hall does not know (no token shown, not a trusted network) get fewer seats… */
export const MAX_UNKNOWN_SCREENS = 900;
/** …and at most this many per address, so a few phones cannot push the hall's real screens off the list. */
export const MAX_SCREENS_PER_ADDRESS = 10;

/** Where a report comes from: its address, and whether that is the hall's own equipment (a token, a trusted network). */
export interface ScreenSource {
  address: string;
  known: boolean;
}

interface Events {
  /** The list changed: admins should get it again. */
  changed: [];
  /** Say a test call on one screen only. */
  test: [{ screenId: string; test: VoiceTest }];
}

/**
 * Which voice each connected screen will use, as the screens report it, and
 * test calls sent to one chosen screen. Nothing here is personal: a screen is
 * known by its connection and where it stands (hall or window number).
 */
export class VoiceScreens extends EventEmitter<Events> {
  private screens = new Map<string, ScreenVoice>();
  private sources = new Map<string, ScreenSource>();

  constructor(private now: () => Date = () => new Date()) {
    super();
  }

  report(screenId: string, r: VoiceReport, from: ScreenSource): void {
    const had = this.screens.get(screenId);
    if (!had) this.admit(from);
    this.screens.set(screenId, { ...r, screenId, since: had?.since ?? this.now().toISOString() });
    this.sources.set(screenId, from);
    this.emit('changed');
  }

  private admit(from: ScreenSource): void {
    const full = () => new DomainError('TOO_MANY_SCREENS', `At most ${MAX_SCREENS} speaking screens are listed`);
    if (this.screens.size >= MAX_SCREENS) throw full();
    if (from.known) return;
    const unknown = [...this.sources.values()].filter((s) => !s.known);
    if (unknown.length >= MAX_UNKNOWN_SCREENS) throw full();
    if (unknown.filter((s) => s.address === from.address).length >= MAX_SCREENS_PER_ADDRESS) {
      throw new DomainError('TOO_MANY_SCREENS', `At most ${MAX_SCREENS_PER_ADDRESS} speaking screens per network address are listed; give the hall's screens a display token or list their network in ONESTOP_TRUSTED_NETWORKS`);
    }
  }

  leave(screenId: string): void {
    this.sources.delete(screenId);
    if (this.screens.delete(screenId)) this.emit('changed');
  }

  list(): ScreenVoice[] {
    return [...this.screens.values()].sort((a, b) => order(a) - order(b) || a.since.localeCompare(b.since));
  }

  /** A test call on one screen; the ticket is a sample, nothing is issued or called. */
  testCall(screenId: string, lang: Lang | null): VoiceTest {
    const s = this.screens.get(screenId);
    if (!s) throw new DomainError('SCREEN_NOT_FOUND', 'That screen is not connected (any more); reload the list');
    if (lang && !s.langs.some((l) => l.lang === lang)) throw new DomainError('VOICE_LANG_NOT_SPOKEN', `That screen does not speak ${lang}`, 'lang');
    const test: VoiceTest = { lang, ticketNumber: 'A001', windowNumber: typeof s.screen === 'number' ? s.screen : 1 };
    this.emit('test', { screenId, test });
    return test;
  }
}

const order = (s: ScreenVoice) => (s.screen === 'hall' ? 0 : s.screen);
