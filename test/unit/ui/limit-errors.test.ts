import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LANGS } from '../../../common/types.js';
import { checkPersonLimits } from '../../../server/domain/limits.js';

// The UI modules read the page address when loaded: give them an empty one.
let ApiFailure: typeof import('../../../ui-shared/api.js').ApiFailure;
let friendlyError: typeof import('../../../ui-shared/strings.js').friendlyError;
beforeAll(async () => {
  const store = new Map<string, string>();
  vi.stubGlobal('location', new URL('http://hall.local/kiosk'));
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) });
  vi.stubGlobal('document', { cookie: '', documentElement: { lang: 'zh-CN' }, addEventListener: () => {} });
  vi.stubGlobal('navigator', { language: 'zh-CN', languages: ['zh-CN'] });
  ({ ApiFailure } = await import('../../../ui-shared/api.js'));
  ({ friendlyError } = await import('../../../ui-shared/strings.js'));
});
afterAll(() => vi.unstubAllGlobals());

/** The kiosk shows each per-person limit in the citizen's language, not the server's English text. */
describe('per-person limit errors at the kiosk', () => {
  const base = { serviceName: '社保', atKiosk: true, hasIdentity: true, heldActive: 0 };
  const cases = [
    { limits: { maxWaitingPerPerson: 1 }, input: { heldActive: 1 }, hall: undefined },
    { limits: { maxPerPersonPerDay: 2 }, input: { takenToday: 2 }, hall: undefined },
    { limits: {}, input: { hallActive: 3 }, hall: { personMaxWaiting: 3, personMaxPerDay: 0 } },
    { limits: {}, input: { hallToday: 5 }, hall: { personMaxWaiting: 0, personMaxPerDay: 5 } },
  ];

  it('each limit has its own code, and a text in zh-CN, zh-TW and en', () => {
    const codes = cases.map((c) => {
      try {
        checkPersonLimits(c.limits, { ...base, ...c.input }, c.hall);
      } catch (e) {
        return (e as { code: string }).code;
      }
      return 'none';
    });
    expect(codes).toEqual(['PERSON_LIMIT_REACHED', 'PERSON_DAILY_LIMIT_REACHED', 'PERSON_HALL_LIMIT_REACHED', 'PERSON_HALL_DAILY_LIMIT_REACHED']);
    for (const code of codes) {
      const serverText = 'server text';
      const texts = LANGS.map((lang) => friendlyError(new ApiFailure(code, serverText, 409), lang));
      for (const t of texts) expect(t).not.toBe(serverText);
      expect(new Set(texts).size).toBe(3);
      expect(texts[0]).toMatch(/[\u4e00-\u9fff]/);
      expect(texts[2]).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('below every limit, or without an identity, nobody is refused', () => {
    for (const c of cases) {
      const below = Object.fromEntries(Object.entries(c.input).map(([k, v]) => [k, v - 1]));
      expect(() => checkPersonLimits(c.limits, { ...base, ...below }, c.hall)).not.toThrow();
      expect(() => checkPersonLimits(c.limits, { ...base, ...c.input, hasIdentity: false }, c.hall)).not.toThrow();
    }
  });
});
