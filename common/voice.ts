import type { Lang } from './types.js';

/**
 * What each speaking screen will use for its calls, reported by the screen over
 * `/display` and relayed to supervisors and admins over `/admin`.
 *   speech        the browser's own speech voice for the language
 *   hall-pack     recorded clips the hall dropped into DATA_DIR/voice/<lang>/
 *   builtin-pack  the clips generated at install (eSpeak NG)
 *   chime         no voice for this language: a two-tone chime only
 */
export const VOICE_MODES = ['speech', 'hall-pack', 'builtin-pack', 'chime'] as const;
export type VoiceMode = (typeof VOICE_MODES)[number];

/** `/display` → server: this screen's voice, per language it speaks. */
export interface VoiceReport {
  /** 'hall' for the hall screen, or the window number of a window screen (?voice=1). */
  screen: 'hall' | number;
  langs: { lang: Lang; mode: VoiceMode }[];
  /** Whether the browser let it make sound yet (autoplay). */
  soundBlocked: boolean;
}

/** One connected speaking screen as admins see it. */
export interface ScreenVoice extends VoiceReport {
  /** Stable for the life of the connection; the target of a test call. */
  screenId: string;
  since: string;
}

/** Server → one screen: say a test call now. */
export interface VoiceTest {
  lang: Lang | null;
  ticketNumber: string;
  windowNumber: number;
}

export const VOICE_EV = {
  /** `/display`, screen → server (ack): a VoiceReport. */
  report: 'voice-report',
  /** `/display`, server → one screen: a VoiceTest. */
  test: 'voice-test',
  /** `/admin`, server → admins: ScreenVoice[] (on connect and on every change). */
  screens: 'voice-screens',
} as const;
