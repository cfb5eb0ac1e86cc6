import { describe, expect, it } from 'vitest';
import { activeLoudness, decodeWav, encodeWav, finishClip, peak, splitAtSilences, type Pcm } from '../../../scripts/voice/wav.js';

const RATE = 22050;
const tone = (ms: number, amp: number, hz = 440) => Float32Array.from({ length: Math.round((RATE * ms) / 1000) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / RATE));
const silence = (ms: number) => new Float32Array(Math.round((RATE * ms) / 1000));
const join = (...parts: Float32Array[]): Pcm => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), (o += p.length));
  return { rate: RATE, samples: out };
};

describe('clip processing', () => {
  it('WAV round trip keeps rate and samples (16-bit)', () => {
    const pcm = join(tone(50, 0.5));
    const back = decodeWav(encodeWav(pcm));
    expect(back.rate).toBe(RATE);
    expect(back.samples.length).toBe(pcm.samples.length);
    for (let i = 0; i < pcm.samples.length; i += 37) expect(Math.abs(back.samples[i]! - pcm.samples[i]!)).toBeLessThan(1e-4);
    expect(() => decodeWav(new Uint8Array(40))).toThrow(/not a WAV/);
  });

  it('cuts a recording at long silences only, one piece per sounding stretch', () => {
    const rec = join(silence(100), tone(300, 0.5), silence(80), tone(200, 0.5), silence(400), tone(500, 0.2), silence(400), tone(100, 0.8));
    const pieces = splitAtSilences(rec, 270);
    expect(pieces.map((p) => Math.round((p.samples.length / RATE) * 10))).toEqual([6, 5, 1]); // 300+80+200 ms kept together
  });

  it('brings quiet and loud clips to one loudness, trims silence, never exceeds the ceiling', () => {
    const clips = [join(silence(200), tone(400, 0.05), silence(300)), join(tone(400, 0.9)), join(tone(300, 0.3, 200), silence(50), tone(300, 0.6, 300))];
    const done = clips.map((c) => finishClip(c, -20, 0.9, 10));
    for (const d of done) {
      expect(activeLoudness(d)).toBeGreaterThan(-20.6);
      expect(activeLoudness(d)).toBeLessThan(-19.4);
      expect(peak(d)).toBeLessThanOrEqual(0.9);
    }
    // 200 ms of leading and 300 ms of trailing silence are gone (10 ms pad each side remains).
    expect(done[0]!.samples.length / RATE).toBeCloseTo(0.42, 2);
    expect(Math.abs(done[0]!.samples[0]!)).toBe(0); // faded in
  });
});
