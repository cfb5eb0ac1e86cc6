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

/** The report, the admins' list entry and the test call: zod schemas in common/wire/voice.ts. */
export type { VoiceReport, ScreenVoice, VoiceTest } from './wire/voice.js';

export const VOICE_EV = {
  /** `/display`, screen → server (ack): a VoiceReport. */
  report: 'voice-report',
  /** `/display`, server → one screen: a VoiceTest. */
  test: 'voice-test',
  /** `/admin`, server → admins: ScreenVoice[] (on connect and on every change). */
  screens: 'voice-screens',
} as const;
