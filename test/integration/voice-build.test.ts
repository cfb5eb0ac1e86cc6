import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPack } from '../../scripts/voice/build-pack.js';
import { espeakVersion } from '../../scripts/voice/espeak.js';
import { inventory } from '../../scripts/voice/inventory.js';
import { activeLoudness, decodeWav, peak, SILENCE } from '../../scripts/voice/wav.js';
import { removeDir, tempDir } from '../helpers/hall.js';

/** The built-in pack as `npm start` generates it (eSpeak NG from npm, no system package). */
describe('built-in voice pack generation', () => {
  const dir = tempDir('onestop-voice-build-');
  afterAll(() => removeDir(dir));

  it('says every inventory entry as one clip, all at one loudness, cut in the right places', async () => {
    const out = join(dir, 'zh-CN');
    const m = await buildPack('zh-CN', out, await espeakVersion());
    const specs = inventory('zh-CN');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(m);
    expect(m.builtin).toBe(true);
    for (const s of specs) for (const k of s.keys) expect(m.clips[k]).toBe(s.file);

    const secs: Record<string, number> = {};
    const levels: number[] = [];
    for (const s of specs) {
      const pcm = decodeWav(readFileSync(join(out, s.file)));
      const len = pcm.samples.length / pcm.rate;
      secs[s.file] = len;
      expect(len, s.file).toBeGreaterThan(0.1);
      expect(len, s.file).toBeLessThan(2.5);
      expect(peak(pcm), s.file).toBeLessThanOrEqual(0.9);
      levels.push(activeLoudness(pcm));
      // Trimmed: no more than the 10 ms pad of silence at either end.
      const edge = Math.round(pcm.rate * 0.02);
      expect(pcm.samples.slice(0, edge).some((x) => Math.abs(x) >= SILENCE), `${s.file} starts with sound`).toBe(true);
      expect(pcm.samples.slice(-edge).some((x) => Math.abs(x) >= SILENCE), `${s.file} ends with sound`).toBe(true);
    }
    expect(Math.max(...levels) - Math.min(...levels)).toBeLessThan(1.5); // dB
    // Each clip holds its own words: longer texts make longer clips (a cut off by one would not).
    const f = (k: string) => secs[m.clips[k]!]!;
    expect(f('号窗口办理')).toBeGreaterThan(f('请') * 2);
    expect(f('99')).toBeGreaterThan(f('9') * 1.8); // 九十九 vs 九
    expect(f('12')).toBeGreaterThan(f('2') * 1.3); // 十二 vs 二
  }, 120_000);
});
