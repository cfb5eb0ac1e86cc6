/**
 * The 256-byte text area of a read reply (UCS-2 little-endian, space padded),
 * decoded into fields, and the inverse (for the simulator). Offsets are in
 * drivers/idcard/README.md. The photo is never passed in here.
 */
import { DeviceError } from '../transport/types.js';
import { isValidIdNumber } from './id-number.js';
import { nationName } from './nations.js';

export const TEXT_LENGTH = 256;

const F = {
  name: [0, 30],
  gender: [30, 2],
  nation: [32, 4],
  birth: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  authority: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  // Hong Kong / Macao / Taiwan residence permit ('J') only:
  passNumber: [220, 18],
  issueCount: [238, 4],
  cardType: [248, 2],
} as const satisfies Record<string, readonly [number, number]>;

type FieldName = keyof typeof F;

export type Gender = 'unknown' | 'male' | 'female' | 'unspecified';
const GENDER_BY_CODE: Record<string, Gender> = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' };
const CODE_BY_GENDER: Record<Gender, string> = { unknown: '0', male: '1', female: '2', unspecified: '9' };

export type CardType = 'resident' | 'hmt-residence-permit';

export interface IdCardText {
  cardType: CardType;
  name: string;
  gender: Gender;
  /** Two digits, '01'…'56', '97', '98'; empty on a residence permit. */
  nationCode: string;
  nation: string;
  /** YYYY-MM-DD */
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD, or 'long-term' for 长期. */
  validTo: string;
  /** Residence permit only: the Home Return / Taiwan Compatriot permit number and how many times issued. */
  passNumber?: string;
  issueCount?: number;
}

const LONG_TERM = '长期';

function field(text: Buffer, f: FieldName): string {
  const [off, len] = F[f];
  // Padding is spaces; some readers pad with NULs.
  return text.toString('utf16le', off, off + len).replace(/[\s\u0000]+$/u, '').replace(/^[\s\u0000]+/u, '');
}

function isoDate(raw: string, what: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new DeviceError('INVALID_CARD_DATA', `${what} is not a valid YYYYMMDD date: "${raw}"`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Decode the text area; throws DeviceError CARD_TYPE_UNSUPPORTED or INVALID_CARD_DATA. */
export function decodeIdText(text: Uint8Array): IdCardText {
  const t = Buffer.from(text);
  if (t.length !== TEXT_LENGTH) throw new DeviceError('INVALID_CARD_DATA', `text area is ${t.length} bytes, expected ${TEXT_LENGTH}`);
  const typeLetter = field(t, 'cardType');
  if (typeLetter === 'I' || typeLetter === 'Y') {
    throw new DeviceError(
      'CARD_TYPE_UNSUPPORTED',
      `foreigner permanent residence card ('${typeLetter}') is not supported yet; please use another document`,
    );
  }
  if (typeLetter !== '' && typeLetter !== 'J') {
    throw new DeviceError('CARD_TYPE_UNSUPPORTED', `card type '${typeLetter}' is not supported yet`);
  }
  const genderCode = field(t, 'gender');
  const gender = GENDER_BY_CODE[genderCode];
  if (!gender) throw new DeviceError('INVALID_CARD_DATA', `unknown gender code "${genderCode}"`);
  const idNumber = field(t, 'idNumber').toUpperCase();
  if (!isValidIdNumber(idNumber)) {
    throw new DeviceError('INVALID_CARD_DATA', 'ID number fails its check digit (card misread or damaged)');
  }
  const name = field(t, 'name');
  if (!name) throw new DeviceError('INVALID_CARD_DATA', 'name is empty');

  const isPermit = typeLetter === 'J';
  const nationCode = isPermit ? '' : field(t, 'nation');
  const nation = isPermit ? '' : nationName(nationCode);
  if (nation === undefined) throw new DeviceError('INVALID_CARD_DATA', `unknown nation code "${nationCode}"`);
  const validToRaw = field(t, 'validTo');

  const out: IdCardText = {
    cardType: isPermit ? 'hmt-residence-permit' : 'resident',
    name,
    gender,
    nationCode,
    nation,
    birthDate: isoDate(field(t, 'birth'), 'birth date'),
    address: field(t, 'address'),
    idNumber,
    authority: field(t, 'authority'),
    validFrom: isoDate(field(t, 'validFrom'), 'valid-from date'),
    validTo: validToRaw === LONG_TERM || validToRaw === '長期' ? 'long-term' : isoDate(validToRaw, 'valid-to date'),
  };
  if (isPermit) {
    out.passNumber = field(t, 'passNumber');
    const count = field(t, 'issueCount');
    if (!/^\d{1,2}$/.test(count)) throw new DeviceError('INVALID_CARD_DATA', `issue count is not a number: "${count}"`);
    out.issueCount = Number(count);
  }
  return out;
}

export type IdCardTextInput = Omit<IdCardText, 'nation' | 'cardType'> & { cardType?: CardType | 'I' | 'Y' };

function put(t: Buffer, f: FieldName, value: string): void {
  const [off, len] = F[f];
  const bytes = Buffer.from(value, 'utf16le');
  if (bytes.length > len) throw new RangeError(`${f} "${value}" does not fit in ${len} bytes`);
  bytes.copy(t, off);
}

const compact = (iso: string): string => iso.replace(/-/g, '');

/** Build a text area (simulator, tests). Does not validate: a test may want a bad check digit. */
export function encodeIdText(c: IdCardTextInput): Buffer {
  const t = Buffer.from(' '.repeat(TEXT_LENGTH / 2), 'utf16le');
  put(t, 'name', c.name);
  put(t, 'gender', CODE_BY_GENDER[c.gender]);
  put(t, 'nation', c.nationCode);
  put(t, 'birth', compact(c.birthDate));
  put(t, 'address', c.address);
  put(t, 'idNumber', c.idNumber);
  put(t, 'authority', c.authority);
  put(t, 'validFrom', compact(c.validFrom));
  put(t, 'validTo', c.validTo === 'long-term' ? LONG_TERM : compact(c.validTo));
  if (c.cardType === 'hmt-residence-permit') {
    put(t, 'passNumber', c.passNumber ?? '');
    put(t, 'issueCount', String(c.issueCount ?? 0).padStart(2, '0'));
    put(t, 'cardType', 'J');
  } else if (c.cardType === 'I' || c.cardType === 'Y') {
    put(t, 'cardType', c.cardType);
  }
  return t;
}
