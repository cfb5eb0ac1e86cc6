/**
 * How many 18-character ID numbers an attacker holding the hall's data (but not
 * secret.key) is left with for one person. Worst case for the hall:
 *  - the 6-digit area code is taken as known (most visitors live in the hall's county);
 *  - every true fact about the person found anywhere in the data counts, as if the
 *    attacker could link it to them (masks, dates, ages, years, gender, the elderly grant);
 *  - the birth date is otherwise assumed between 16 and 100 years before the visit;
 *  - the check character is computed, so a visible check character keeps 1 in 11.
 */
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface Facts {
  /** Positions (0–17) whose character is known. */
  revealed: Map<number, string>;
  exactDate: boolean;
  birthYear: boolean;
  /** Ages (on a given day) that were seen: each bounds the birth date to a year. */
  ages: { age: number; on: string }[];
  parity: boolean;
  elderlyOn: { day: string; age: number } | null;
  /** Where each fact came from, for a readable failure. */
  sources: string[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const shiftYears = (day: string, years: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return iso(d);
};
const ageOn = (birth: string, day: string) => {
  let a = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  if (day.slice(5) < birth.slice(5)) a--;
  return a;
};

/** Gathers what the texts (raw bytes, CSV, logs) and structured values (rows, JSON) reveal about `id`. */
export function factsAbout(id: string, texts: string[], values: { key: string; value: unknown; where: string }[], visitDay: string): Facts {
  const f: Facts = { revealed: new Map(), exactDate: false, birthYear: false, ages: [], parity: false, elderlyOn: null, sources: [] };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const dateForms = [birth, birth.replace(/-/g, '/'), `${id.slice(6, 10)}年${Number(id.slice(10, 12))}月${Number(id.slice(12, 14))}日`];
  texts.forEach((t, i) => {
    // Masks: runs of digits/X with at least one '*', right-aligned to the number.
    for (const m of t.matchAll(/[0-9Xx*]{9,18}/g)) {
      const tok = m[0].toUpperCase();
      if (!tok.includes('*') || /^\*+$/.test(tok)) continue;
      const off = 18 - tok.length;
      const consistent = [...tok].every((c, k) => c === '*' || c === id[off + k]);
      if (!consistent) continue;
      [...tok].forEach((c, k) => c !== '*' && f.revealed.set(off + k, c));
      f.sources.push(`mask ${tok} in text #${i}`);
    }
    // Any 8 or more characters of the number after the area code, in clear (e.g. 19900307).
    for (let start = 6; start <= 10; start++) {
      for (let end = 18; end - start >= 8; end--) {
        if (t.includes(id.slice(start, end))) {
          for (let k = start; k < end; k++) f.revealed.set(k, id[k]);
          f.sources.push(`clear ${id.slice(start, end)} in text #${i}`);
        }
      }
    }
    for (const d of dateForms) {
      if (t.includes(d)) {
        f.exactDate = true;
        f.sources.push(`birth date ${d} in text #${i}`);
      }
    }
  });
  for (const { key, value, where } of values) {
    const v = typeof value === 'number' || typeof value === 'string' ? String(value) : null;
    if (v === null) continue;
    if (/birth|born/i.test(key) && v.startsWith(id.slice(6, 10))) {
      f.birthYear = true;
      f.sources.push(`${key}=${v} in ${where}`);
    }
    if (/year/i.test(key) && v === id.slice(6, 10)) {
      f.birthYear = true;
      f.sources.push(`${key}=${v} in ${where}`);
    }
    if (/^age$|_age$|Age$/.test(key) && /^\d{1,3}$/.test(v)) {
      const age = Number(v);
      if (age === ageOn(birth, visitDay)) {
        f.ages.push({ age, on: visitDay });
        f.sources.push(`${key}=${v} in ${where}`);
      }
    }
    if (/gender|sex/i.test(key) && /^(male|female|男|女|1|2)$/.test(v)) {
      f.parity = true;
      f.sources.push(`${key}=${v} in ${where}`);
    }
  }
  return f;
}

/** Counts the numbers consistent with the facts (stops counting at `cap`). */
export function countCandidates(id: string, f: Facts, visitDay: string, cap = 200_000): number {
  let lo = shiftYears(visitDay, -100);
  let hi = shiftYears(visitDay, -16);
  if (f.elderlyOn) hi = shiftYears(f.elderlyOn.day, -f.elderlyOn.age);
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (f.exactDate) lo = hi = birth;
  let count = 0;
  const area = id.slice(0, 6);
  let areaSum = 0;
  for (let k = 0; k < 6; k++) areaSum += Number(area[k]) * W[k];
  for (let d = new Date(`${lo}T00:00:00Z`); iso(d) <= hi; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = iso(d);
    if (f.birthYear && date.slice(0, 4) !== birth.slice(0, 4)) continue;
    if (f.ages.some((a) => ageOn(date, a.on) !== a.age)) continue;
    const digits = date.replace(/-/g, '');
    let ok = true;
    let sum = areaSum;
    for (let k = 0; k < 8; k++) {
      const r = f.revealed.get(6 + k);
      if (r !== undefined && r !== digits[k]) ok = false;
      sum += Number(digits[k]) * W[6 + k];
    }
    if (!ok) continue;
    for (let seq = 0; seq < 1000; seq++) {
      const s = String(seq).padStart(3, '0');
      if (f.parity && seq % 2 !== Number(id[16]) % 2) continue;
      if ([0, 1, 2].some((k) => f.revealed.has(14 + k) && f.revealed.get(14 + k) !== s[k])) continue;
      const total = sum + Number(s[0]) * W[14] + Number(s[1]) * W[15] + Number(s[2]) * W[16];
      const check = CHECK[total % 11];
      if (f.revealed.has(17) && f.revealed.get(17) !== check) continue;
      if (++count >= cap) return count;
    }
  }
  return count;
}
