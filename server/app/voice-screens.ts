import { EventEmitter } from 'node:events';
import type { Lang } from '../../common/types.js';
import type { ScreenVoice, VoiceReport, VoiceTest } from '../../common/voice.js';
import { DomainError } from '../domain/errors.js';

/** At most this many speaking screens are remembered (a hall has tens; junk clients cannot grow it). */
export const MAX_SCREENS = 1000;

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

  constructor(private now: () => Date = () => new Date()) {
    super();
  }

  report(screenId: string, r: VoiceReport): void {
    const had = this.screens.get(screenId);
    if (!had && this.screens.size >= MAX_SCREENS) throw new DomainError('TOO_MANY_SCREENS', `At most ${MAX_SCREENS} speaking screens are listed`);
    this.screens.set(screenId, { ...r, screenId, since: had?.since ?? this.now().toISOString() });
    this.emit('changed');
  }

  leave(screenId: string): void {
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
