/**
 * The configuration snapshot the uplink sends (server/uplink/config-snapshot.ts): names of
 * the hall, departments and services in the hall's three languages (an empty translation is
 * none), each service's fee text from its guide, and the zh-CN names older regions read.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceDef } from '../../common/config.js';
import { regionConfigSnapshot } from '../../server/uplink/config-snapshot.js';

const service = (id: string, fees: ServiceDef['guide']['fees']): ServiceDef => ({
  id, departmentId: 'police', name: { 'zh-CN': '户籍业务', 'zh-TW': '戶籍業務', en: 'Household registration' }, prefix: 'F', numberWidth: 3,
  dailyQuota: null, promisedMinutes: 30, guide: { materials: [], fees }, open: true, sortOrder: 1, catalogueCode: '1133',
});

describe('uplink config snapshot', () => {
  it('sends names in three languages and the services\' fees', () => {
    const snap = regionConfigSnapshot({
      hallName: { 'zh-CN': '东区政务服务中心', 'zh-TW': '', en: 'East District Service Centre' },
      timeZone: 'Asia/Shanghai',
      resetHour: 3,
      departments: [{ id: 'police', name: { 'zh-CN': '公安局', 'zh-TW': '公安局', en: 'Police' } }],
      services: [service('household', { 'zh-CN': '身份证工本费20元', 'zh-TW': '身份證工本費20元', en: 'ID card fee ¥20' }), service('blank', { 'zh-CN': '' })],
      windows: [{ id: 'w1', number: 1, name: '1号窗口', departmentId: 'police' } as never],
    });
    expect(snap.hallName).toBe('东区政务服务中心');
    expect(snap.hallNames).toEqual({ 'zh-CN': '东区政务服务中心', en: 'East District Service Centre' });
    expect(snap.departments).toEqual([{ id: 'police', name: '公安局', names: { 'zh-CN': '公安局', 'zh-TW': '公安局', en: 'Police' } }]);
    expect(snap.services[0]).toEqual({
      id: 'household', name: '户籍业务', names: { 'zh-CN': '户籍业务', 'zh-TW': '戶籍業務', en: 'Household registration' }, departmentId: 'police', prefix: 'F',
      promisedMinutes: 30, catalogueCode: '1133', fees: { 'zh-CN': '身份证工本费20元', 'zh-TW': '身份證工本費20元', en: 'ID card fee ¥20' },
    });
    // a guide without a fee text: no fee is sent (none invented)
    expect(snap.services[1].fees).toBeUndefined();
    expect(snap.windows).toEqual([{ id: 'w1', number: 1, name: '1号窗口', departmentId: 'police' }]);
  });
});
