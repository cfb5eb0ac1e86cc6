import type { Lang } from '../common/types.js';
import type { VoicePackManifest } from './voice-pack.js';

/**
 * Clips played on one WebAudio clock: every clip of a pack is fetched and
 * decoded ahead (at page load), and a call's clips are scheduled back to back
 * with exact gaps, so nothing waits on the network or a decoder between them.
 * Each sound is written to `window.__voiceLog` when it is scheduled (what, and
 * when on the audio clock): the record the end-to-end tests and the bench read,
 * and a diagnostic on site.
 */
export interface VoiceLogEntry {
  /** received: the `called` event reached the page (no sound; the bench's baseline). */
  kind: 'received' | 'chime' | 'clip' | 'speech';
  /** The clip URL, or the text handed to the speech engine. */
  what: string;
  lang: Lang | null;
  /** The call this belongs to: "A001@12" (+ "R" for a recall, "T" for a test call). */
  call: string;
  /** Start and end on the AudioContext clock, in seconds (speech: its start only). */
  at: number;
  end: number;
  /** Wall-clock time (performance.timeOrigin + performance.now()) the sound starts. */
  wallAt: number;
}

const LOG_MAX = 500;
export const voiceLog: VoiceLogEntry[] = [];
(window as unknown as { __voiceLog: VoiceLogEntry[] }).__voiceLog = voiceLog;

export function logSound(e: Omit<VoiceLogEntry, 'wallAt'>, ctx: AudioContext | null): void {
  const ahead = ctx ? Math.max(0, e.at - ctx.currentTime) * 1000 : 0;
  voiceLog.push({ ...e, wallAt: performance.timeOrigin + performance.now() + ahead });
  if (voiceLog.length > LOG_MAX) voiceLog.shift();
}

const buffers = new Map<string, Promise<AudioBuffer | null>>();

/** Fetches and decodes one clip once; null when it cannot be had. */
export function clipBuffer(ctx: AudioContext, url: string): Promise<AudioBuffer | null> {
  let p = buffers.get(url);
  if (!p) {
    p = fetch(url)
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(String(r.status)))))
      .then((b) => ctx.decodeAudioData(b))
      .catch(() => {
        buffers.delete(url); // try again next time
        return null;
      });
    buffers.set(url, p);
  }
  return p;
}

export function forgetClips(): void {
  buffers.clear();
}

/** Decodes every clip of a pack (page load, and after a pack changed). */
export async function warmPack(ctx: AudioContext, base: string, pack: VoicePackManifest): Promise<number> {
  const files = [...new Set(Object.values(pack.clips))];
  const got = await Promise.all(files.map((f) => clipBuffer(ctx, `${base}/${f}`)));
  return got.filter(Boolean).length;
}

/**
 * Schedules the clips of one sentence (parts of clip URLs) from `start` on the
 * context's clock; returns when the last one ends, or null when a clip could
 * not be loaded (nothing is scheduled then).
 */
export async function scheduleSentence(
  ctx: AudioContext,
  parts: string[][],
  start: number,
  gaps: { part: number; clip: number },
  tag: { lang: Lang; call: string },
): Promise<number | null> {
  const bufs = await Promise.all(parts.map((p) => Promise.all(p.map((u) => clipBuffer(ctx, u)))));
  if (bufs.some((p) => p.some((b) => !b))) return null;
  // Loading may have taken a moment: never schedule in the past.
  let t = Math.max(start, ctx.currentTime + 0.02);
  bufs.forEach((p, i) => {
    if (i > 0) t += gaps.part / 1000;
    p.forEach((b, j) => {
      if (j > 0) t += gaps.clip / 1000;
      const src = ctx.createBufferSource();
      src.buffer = b!;
      src.connect(ctx.destination);
      src.start(t);
      logSound({ kind: 'clip', what: parts[i]![j]!, lang: tag.lang, call: tag.call, at: t, end: t + b!.duration }, ctx);
      t += b!.duration;
    });
  });
  return t;
}

/** Resolves when the context's clock reaches `t`. */
export function until(ctx: AudioContext, t: number): Promise<void> {
  const ms = Math.max(0, (t - ctx.currentTime) * 1000);
  return new Promise((r) => setTimeout(r, ms + 20));
}
