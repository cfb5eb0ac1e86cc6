import { describe, expect, it } from 'vitest';
import { parseUri, UriError } from '../../../../drivers/transport/uri.js';
import { DeviceError } from '../../../../drivers/transport/types.js';

describe('parseUri', () => {
  it('parses serial with defaults and options', () => {
    expect(parseUri('serial:/dev/ttyUSB0')).toEqual({
      scheme: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, rs485: false,
    });
    expect(parseUri('serial:/dev/ttyUSB0?baud=115200&parity=even&dataBits=7&stopBits=2&rs485=1')).toEqual({
      scheme: 'serial', path: '/dev/ttyUSB0', baudRate: 115200, dataBits: 7, parity: 'even', stopBits: 2, rs485: true,
    });
    expect(parseUri('serial:COM3?baudRate=19200')).toMatchObject({ path: 'COM3', baudRate: 19200 });
    expect(parseUri('serial:/dev/ttyS1?rs485')).toMatchObject({ rs485: true });
  });

  it('parses tcp, usb, file, hid and sim', () => {
    expect(parseUri('tcp:192.168.1.50:9100')).toEqual({ scheme: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parseUri('tcp:[fe80::1]:4001')).toEqual({ scheme: 'tcp', host: 'fe80::1', port: 4001 });
    expect(parseUri('tcp:printer.hall.local:9100')).toMatchObject({ host: 'printer.hall.local' });
    expect(parseUri('usb:0x0483:0x5743')).toEqual({ scheme: 'usb', vendorId: 0x0483, productId: 0x5743 });
    expect(parseUri('usb:0483:5743?interface=1')).toEqual({ scheme: 'usb', vendorId: 0x0483, productId: 0x5743, interface: 1 });
    expect(parseUri('file:/dev/usb/lp0')).toEqual({ scheme: 'file', path: '/dev/usb/lp0', read: true });
    expect(parseUri('file:/tmp/out.bin?read=0')).toEqual({ scheme: 'file', path: '/tmp/out.bin', read: false });
    expect(parseUri('hid:0x1234:0x5678')).toEqual({ scheme: 'hid', vendorId: 0x1234, productId: 0x5678 });
    expect(parseUri('sim:printer')).toEqual({ scheme: 'sim', name: 'printer', params: {} });
    expect(parseUri('sim:led?debug')).toMatchObject({ params: { debug: '1' } }); // a bare flag means "1"
    expect(parseUri('sim:led?address=3&profile=bus-crc16')).toEqual({ scheme: 'sim', name: 'led', params: { address: '3', profile: 'bus-crc16' } });
  });

  it.each([
    ['', /empty/],
    ['/dev/ttyUSB0', /scheme:address/],
    ['com3', /scheme:address/],
    ['ftp:host:21', /unknown scheme "ftp"/],
    ['serial:', /missing port path/],
    ['serial:/dev/ttyUSB0?baud=fast', /baud must be a whole number/],
    ['serial:/dev/ttyUSB0?baud=11520', /unusual baud rate 11520/],
    ['serial:/dev/ttyUSB0?parity=maybe', /parity must be/],
    ['serial:/dev/ttyUSB0?dataBits=9', /dataBits 9 out of range/],
    ['serial:/dev/ttyUSB0?stopBits=3', /stopBits must be/],
    ['serial:/dev/ttyUSB0?baud=9600&baud=19200', /given twice/],
    ['serial:/dev/ttyUSB0?speed=9600', /unknown option "speed"/],
    ['serial:/dev/ttyUSB0?rs485=maybe', /rs485 must be/],
    ['tcp:192.168.1.50', /tcp:host:port/],
    ['tcp:192.168.1.50:99999', /port 99999 out of range/],
    ['usb:0x0483', /vendor:product/],
    ['usb:0x0483:0xZZZZ', /vendor:product/],
    ['usb:0x0483:0x5743?interface=x', /interface must be/],
    ['hid:1234', /vendor:product/],
    ['file:', /missing file path/],
    ['sim:', /simulator name/],
  ])('rejects %j', (uri, message) => {
    let caught: unknown;
    try {
      parseUri(uri);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UriError);
    expect(caught).toBeInstanceOf(DeviceError);
    expect((caught as DeviceError).code).toBe('BAD_URI');
    expect((caught as Error).message).toMatch(message);
  });
});
