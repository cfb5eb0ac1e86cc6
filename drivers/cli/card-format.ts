/**
 * The only way a card leaves the ID-card command: masked name and number, no
 * address, no issuing authority, no permit number, no birth day. Everything printed goes
 * through maskedCard() first, so the clear fields never reach a formatter.
 */
import { maskIdNumber, maskName } from '../idcard/mask.js';
import type { IdCardText } from '../idcard/text.js';

export interface MaskedCard {
  cardType: IdCardText['cardType'];
  name: string;
  idNumber: string;
  gender: IdCardText['gender'];
  nation: string;
  birthDate: string;
  validFrom: string;
  validTo: string;
  issueCount?: number;
}

export function maskedCard(c: IdCardText): MaskedCard {
  return {
    cardType: c.cardType,
    name: maskName(c.name),
    idNumber: maskIdNumber(c.idNumber),
    gender: c.gender,
    nation: c.nation,
    // The year only: the full date with gender and the mask's last character would narrow the number to a few dozen.
    birthDate: `${c.birthDate.slice(0, 4)}-**-**`,
    validFrom: c.validFrom,
    validTo: c.validTo,
    ...(c.issueCount !== undefined ? { issueCount: c.issueCount } : {}),
  };
}

const GENDER: Record<IdCardText['gender'], string> = { male: '男 male', female: '女 female', unknown: 'unknown', unspecified: 'unspecified' };
const TYPE: Record<IdCardText['cardType'], string> = {
  resident: '居民身份证 resident ID card',
  'hmt-residence-permit': '港澳台居民居住证 HK/Macao/Taiwan residence permit',
};

export function formatCard(m: MaskedCard): string[] {
  return [
    `Card read:`,
    `  card type   ${TYPE[m.cardType]}`,
    `  name        ${m.name}`,
    `  ID number   ${m.idNumber}`,
    `  gender      ${GENDER[m.gender]}`,
    ...(m.nation ? [`  nation      ${m.nation}`] : []),
    `  birth date  ${m.birthDate}`,
    `  valid       ${m.validFrom} → ${m.validTo === 'long-term' ? '长期 long-term' : m.validTo}`,
    ...(m.issueCount !== undefined ? [`  issued      ${m.issueCount} time(s)`] : []),
    `  (address and issuing authority are read but never shown)`,
  ];
}
