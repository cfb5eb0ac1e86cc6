/**
 * The hall's configuration as the region labels it: the snapshot of sanitize.ts (zh-CN
 * names, no staff, no devices) with the names in the hall's three languages and each
 * service's fee text (收费标准, from its service guide) added. Pure.
 */
import type { RegionConfigSnapshot, RegionText } from '../../common/region.js';
import type { LocalizedText } from '../../common/types.js';
import { configSnapshot, type HallConfigInput } from './sanitize.js';

/** The languages the hall has a text in (an empty translation is none). */
const text = (t: LocalizedText): RegionText => ({
  'zh-CN': t['zh-CN'],
  ...(t['zh-TW'] ? { 'zh-TW': t['zh-TW'] } : {}),
  ...(t.en ? { en: t.en } : {}),
});

export function regionConfigSnapshot(input: HallConfigInput<LocalizedText>): RegionConfigSnapshot {
  const base = configSnapshot({ ...input, hallName: input.hallName['zh-CN'] });
  const departments = new Map(input.departments.map((d) => [d.id, d]));
  const services = new Map(input.services.map((s) => [s.id, s]));
  return {
    ...base,
    hallNames: text(input.hallName),
    departments: base.departments.map((d) => ({ ...d, names: text(departments.get(d.id)!.name) })),
    services: base.services.map((s) => {
      const def = services.get(s.id)!;
      // no fee text in the guide: the hall states no fee for the service (none is invented)
      return { ...s, names: text(def.name), ...(def.guide.fees['zh-CN'] ? { fees: text(def.guide.fees) } : {}) };
    }),
  };
}
