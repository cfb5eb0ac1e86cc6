/**
 * Masking for screens and tickets (張*三, *****************4) and age from a
 * birth date. Pure; the HMAC used for look-ups is computed server side.
 * Strings are handled by code point so rare characters outside the BMP count as one.
 */

/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明, 张 → *. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/**
 * Only the last character visible: 410102199003071234 → *****************4.
 * Anything more rebuilds the number: the area code is known for most visitors of
 * a hall (its own county), and with the sequence digits shown (the old
 * 4101**********1234) a birth date — or even a birth year — leaves a few hundred
 * candidates at most, which the keyed HMAC then picks from. The last character
 * alone is the check digit (1 in 11), so the 8 birth-date and 3 sequence digits
 * stay hidden. Short strings are fully masked.
 */
export function maskIdNumber(id: string): string {
  const chars = [...id.trim()];
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 1) + chars[chars.length - 1];
}

function parseDate(s: string, what: string): [number, number, number] {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`${what} must be YYYY-MM-DD or YYYYMMDD, got "${s}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * Completed years on `onDate` (both calendar dates in the hall's time zone, so
 * no clock or time zone is read here). Someone born on 29 February turns a year
 * older on 1 March in common years.
 */
export function ageAt(birthDate: string, onDate: string): number {
  const [by, bm, bd] = parseDate(birthDate, 'birthDate');
  const [y, m, d] = parseDate(onDate, 'onDate');
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  if (age < 0) throw new RangeError(`onDate ${onDate} is before birthDate ${birthDate}`);
  return age;
}
