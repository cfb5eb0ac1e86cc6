/**
 * Made-up cards for the demo and tests. The numbers have valid check digits but
 * belong to nobody (sequence 123 / 002 on a fixed birth date).
 */
import type { IdCardTextInput } from './text.js';

export const DEMO_RESIDENT: IdCardTextInput = {
  name: '张小三',
  gender: 'male',
  nationCode: '01',
  birthDate: '1990-03-07',
  address: '河南省郑州市金水区花园路100号',
  idNumber: '410102199003071230',
  authority: '郑州市公安局金水分局',
  validFrom: '2015-06-01',
  validTo: '2035-06-01',
};

export const DEMO_HMT_PERMIT: IdCardTextInput = {
  cardType: 'hmt-residence-permit',
  name: '陈大文',
  gender: 'male',
  nationCode: '',
  birthDate: '1985-06-12',
  address: '河南省郑州市中原区建设路8号',
  idNumber: '810000198506120024',
  authority: '郑州市公安局',
  validFrom: '2020-01-01',
  validTo: '2030-01-01',
  passNumber: 'H01234567',
  issueCount: 1,
};
