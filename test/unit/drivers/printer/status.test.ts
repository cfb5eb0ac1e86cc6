import { describe, expect, it } from 'vitest';
import { encodeStatus, isStatusByte, parseStatus, STATUS_QUERIES } from '../../../../drivers/printer/status.js';

describe('DLE EOT status', () => {
  it('has the three query byte strings', () => {
    expect(STATUS_QUERIES.printer.toString('hex')).toBe('100401');
    expect(STATUS_QUERIES.offlineCause.toString('hex')).toBe('100402');
    expect(STATUS_QUERIES.paperSensor.toString('hex')).toBe('100404');
  });

  it('reads an idle printer (12 12 12)', () => {
    expect(parseStatus(0x12, 0x12, 0x12)).toEqual({
      online: true,
      coverOpen: false,
      paperOut: false,
      paperNearEnd: false,
      error: false,
      raw: [0x12, 0x12, 0x12],
    });
  });

  it('reads a paper-out printer (1A 32 7E)', () => {
    const s = parseStatus(0x1a, 0x32, 0x7e);
    expect(s).toMatchObject({ online: false, paperOut: true, paperNearEnd: true, coverOpen: false, error: false });
  });

  it('reads cover open, near end, error', () => {
    expect(parseStatus(0x1a, 0x16, 0x12)).toMatchObject({ online: false, coverOpen: true, paperOut: false });
    expect(parseStatus(0x12, 0x12, 0x1e)).toMatchObject({ online: true, paperNearEnd: true, paperOut: false });
    expect(parseStatus(0x1a, 0x52, 0x12)).toMatchObject({ online: false, error: true });
    // stopped at paper end (EOT 2 bit 5) counts as out even if the sensor byte is clean
    expect(parseStatus(0x1a, 0x32, 0x12).paperOut).toBe(true);
  });

  it('rejects bytes that are not status bytes', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x13)).toBe(false);
    expect(isStatusByte(0x92)).toBe(false);
    expect(() => parseStatus(0x12, 0x00, 0x12)).toThrow(/DLE EOT 2/);
  });

  it('encodes the documented byte triples for the simulator', () => {
    const base = { online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false };
    expect(encodeStatus(base)).toEqual([0x12, 0x12, 0x12]);
    expect(encodeStatus({ ...base, paperOut: true })).toEqual([0x1a, 0x32, 0x7e]);
    expect(encodeStatus({ ...base, paperNearEnd: true })).toEqual([0x12, 0x12, 0x1e]);
    expect(encodeStatus({ ...base, coverOpen: true })).toEqual([0x1a, 0x16, 0x12]);
  });
});
