import { describe, expect, it } from 'vitest';
import type { HallSnapshot } from '../../../common/types.js';
import { serviceFacts } from '../../../display-ui/service-facts.js';

describe('the hall display rotation: fees and promised time', () => {
  const s = {
    services: [
      { id: 'property', name: { 'zh-CN': '不动产登记', en: 'Property' }, prefix: 'A', waiting: 0, estimatedWaitSeconds: 0, fees: { 'zh-CN': '住宅登记费80元/件', en: '¥80 per case' }, promisedMinutes: 60 },
      { id: 'social', name: { 'zh-CN': '社保医保' }, prefix: 'B', waiting: 0, estimatedWaitSeconds: 0, fees: { 'zh-CN': '' }, promisedMinutes: 20 },
      { id: 'old', name: { 'zh-CN': '旧服务器' }, prefix: 'C', waiting: 0, estimatedWaitSeconds: 0 },
    ],
  } as unknown as HallSnapshot;

  it('says each service\'s fees and promised time in the screen\'s language', () => {
    expect(serviceFacts(s, 'zh-CN')).toEqual(['不动产登记：住宅登记费80元/件，承诺 60 分钟办结', '社保医保：承诺 20 分钟办结']);
    expect(serviceFacts(s, 'en')[0]).toBe('Property: ¥80 per case; done within 60 min');
  });
});
