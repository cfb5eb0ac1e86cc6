/**
 * 16-bit PCM mono WAV in and out, and what the built-in pack does to each
 * clip: cut a long recording at its silences, trim, fade the edges and bring
 * every clip to one loudness. Pure functions over samples (floats in -1…1).
 */
export interface Pcm {
  rate: number;
  samples: Float32Array;
}

export function decodeWav(buf: Uint8Array): Pcm {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tag = (o: number) => String.fromCharCode(buf[o]!, buf[o + 1]!, buf[o + 2]!, buf[o + 3]!);
  if (buf.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let rate = 0;
  let bits = 0;
  let channels = 0;
  for (let o = 12; o + 8 <= buf.length; ) {
    const id = tag(o);
    let size = v.getUint32(o + 4, true);
    const body = o + 8;
    if (id === 'fmt ') {
      if (v.getUint16(body, true) !== 1) throw new Error('WAV is not PCM');
      channels = v.getUint16(body + 2, true);
      rate = v.getUint32(body + 4, true);
      bits = v.getUint16(body + 14, true);
    } else if (id === 'data') {
      if (bits !== 16 || channels !== 1) throw new Error(`WAV is ${bits}-bit ${channels}-channel, want 16-bit mono`);
      // A writer that was not closed leaves the size at its placeholder: take what is there.
      if (size > buf.length - body) size = buf.length - body;
      const n = Math.floor(size / 2);
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = v.getInt16(body + i * 2, true) / 32768;
      return { rate, samples };
    }
    o = body + size + (size & 1);
  }
  throw new Error('WAV has no data');
}

export function encodeWav({ rate, samples }: Pcm): Uint8Array {
  const out = new Uint8Array(44 + samples.length * 2);
  const v = new DataView(out.buffer);
  const put = (o: number, s: string) => [...s].forEach((c, i) => (out[o + i] = c.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, 36 + samples.length * 2, true);
  put(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, 'data');
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) v.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767), true);
  return out;
}

/** Below this a sample counts as silence (about -40 dBFS). */
export const SILENCE = 0.01;

/** The sounding stretches of a recording, split wherever it is silent for at least `minGapMs`. */
export function splitAtSilences(pcm: Pcm, minGapMs: number): Pcm[] {
  const { rate, samples } = pcm;
  const minGap = Math.round((rate * minGapMs) / 1000);
  const out: Pcm[] = [];
  let start = -1;
  let lastLoud = -1;
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]!) < SILENCE) {
      if (start >= 0 && i - lastLoud >= minGap) {
        out.push({ rate, samples: samples.slice(start, lastLoud + 1) });
        start = -1;
      }
      continue;
    }
    if (start < 0) start = i;
    lastLoud = i;
  }
  if (start >= 0) out.push({ rate, samples: samples.slice(start, lastLoud + 1) });
  return out;
}

/** Loudness of the sounding part (RMS over 20 ms frames louder than silence), in dBFS. */
export function activeLoudness({ rate, samples }: Pcm): number {
  const frame = Math.max(1, Math.round(rate / 50));
  let sum = 0;
  let n = 0;
  for (let o = 0; o < samples.length; o += frame) {
    let e = 0;
    const end = Math.min(samples.length, o + frame);
    for (let i = o; i < end; i++) e += samples[i]! * samples[i]!;
    if (Math.sqrt(e / (end - o)) < SILENCE) continue;
    sum += e;
    n += end - o;
  }
  return n === 0 ? -Infinity : 10 * Math.log10(sum / n);
}

export function peak({ samples }: Pcm): number {
  let p = 0;
  for (const s of samples) p = Math.max(p, Math.abs(s));
  return p;
}

/**
 * Trimmed to the sound with `padMs` either side, faded in and out, and brought to
 * `targetDb` of active loudness; peaks above `ceiling` are softly limited, so
 * a clip with a loud vowel is not made quieter than the rest.
 */
export function finishClip(pcm: Pcm, targetDb = -20, ceiling = 0.9, padMs = 10): Pcm {
  const { rate } = pcm;
  // Level first (which frames count as sound depends on the level, so measure again after each
  // step), then trim at the silence threshold of the levelled clip, so what is kept is what is heard.
  let gain = 1;
  for (let i = 0; i < 4; i++) {
    const level = activeLoudness({ rate, samples: pcm.samples.map((x) => x * gain) });
    if (!Number.isFinite(level)) break;
    gain *= 10 ** ((targetDb - level) / 20);
  }
  const loud = pcm.samples.map((x) => x * gain);
  let a = 0;
  let b = loud.length - 1;
  while (a < b && Math.abs(loud[a]!) < SILENCE) a++;
  while (b > a && Math.abs(loud[b]!) < SILENCE) b--;
  const pad = Math.round((rate * padMs) / 1000);
  const s = loud.slice(Math.max(0, a - pad), Math.min(loud.length, b + 1 + pad));
  const knee = ceiling * 0.8;
  for (let i = 0; i < s.length; i++) {
    const x = s[i]!;
    const m = Math.abs(x);
    // Above the knee the level bends smoothly towards the ceiling (never past it).
    s[i] = m <= knee ? x : Math.sign(x) * (knee + (ceiling - knee) * Math.tanh((m - knee) / (ceiling - knee)));
  }
  const fade = Math.min(Math.round(rate * 0.008), Math.floor(s.length / 2));
  for (let i = 0; i < fade; i++) {
    s[i]! *= i / fade;
    s[s.length - 1 - i]! *= i / fade;
  }
  return { rate, samples: s };
}
