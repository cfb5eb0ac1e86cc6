/** The voices of the speaking screens on the wire (see common/voice.ts for the modes and event names). */
import { z } from 'zod';
import { VOICE_MODES } from '../voice.js';
import { Lang, named } from './base.js';

/** `/display`, screen → server: the voice this screen will use for its calls, per language it speaks. */
export const VoiceReport = z
  .object({
    /** 'hall' for the hall screen, or the window number of a window screen (?voice=1). */
    screen: z.union([z.literal('hall'), z.number().int().min(1).max(9999)]),
    langs: z.array(z.object({ lang: Lang, mode: z.enum(VOICE_MODES) }).strict()).min(1).max(3),
    /** Whether the browser let it make sound yet (autoplay). */
    soundBlocked: z.boolean(),
  })
  .strict();
export type VoiceReport = z.infer<typeof VoiceReport>;

/** One connected speaking screen as admins see it: its report, an id (stable for the connection; the target of a test call) and since when. */
export const ScreenVoice = named('ScreenVoice', VoiceReport.extend({ screenId: z.string(), since: z.string() }));
export type ScreenVoice = z.infer<typeof ScreenVoice>;

/** Server → one screen: say a test call now. */
export const VoiceTest = named('VoiceTest', z.object({ lang: Lang.nullable(), ticketNumber: z.string(), windowNumber: z.number().int() }));
export type VoiceTest = z.infer<typeof VoiceTest>;
