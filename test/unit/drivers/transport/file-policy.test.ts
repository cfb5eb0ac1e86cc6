import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDeviceUri, createTransport, DeviceError } from '../../../../drivers/transport/index.js';
import { removeDir, tempDir } from '../../../helpers/hall.js';

async function openError(uri: string): Promise<DeviceError> {
  const t = createTransport(uri);
  try {
    await t.open();
  } catch (err) {
    return err as DeviceError;
  } finally {
    await t.close();
  }
  throw new Error(`${uri} opened`);
}

/** Issue 10 #11: a file: URI opens only device nodes and files in the device-file folder, and creates nothing elsewhere. */
describe('file: URIs are confined', () => {
  let root: string;
  let folder: string;
  let outside: string;

  beforeEach(() => {
    root = tempDir();
    folder = join(root, 'device-files');
    outside = join(root, 'system');
    mkdirSync(outside);
    process.env.ONESTOP_DEVICE_FILE_DIR = folder;
  });

  afterEach(() => {
    delete process.env.ONESTOP_DEVICE_FILE_DIR;
    removeDir(root);
  });

  it('an existing file outside the folder is neither opened nor changed', async () => {
    const victim = join(outside, 'passwd');
    writeFileSync(victim, 'root:x:0:0\n');
    const err = await openError(`file:${victim}`);
    expect(err.code).toBe('FILE_NOT_ALLOWED');
    expect(err.message).toContain(folder);
    expect(err.message).toMatch(/\/dev\/usb\/lp0/);
    expect(readFileSync(victim, 'utf8')).toBe('root:x:0:0\n');
    expect(() => checkDeviceUri(`file:${victim}`)).toThrow(/not allowed/);
  });

  it('a missing file outside the folder is not created, nor through .. or a link', async () => {
    for (const uri of [`file:${join(outside, 'new.bin')}`, 'file:../system/new.bin', `file:${folder}/../system/new.bin`]) {
      expect((await openError(uri)).code, uri).toBe('FILE_NOT_ALLOWED');
    }
    mkdirSync(folder);
    symlinkSync(outside, join(folder, 'escape'));
    expect((await openError('file:escape/new.bin')).code).toBe('FILE_NOT_ALLOWED');
    writeFileSync(join(outside, 'target'), 'x');
    symlinkSync(join(outside, 'target'), join(folder, 'link.bin'));
    expect((await openError('file:link.bin')).code).toBe('FILE_NOT_ALLOWED');
    expect(existsSync(join(outside, 'new.bin'))).toBe(false);
    expect(readFileSync(join(outside, 'target'), 'utf8')).toBe('x');
  });

  it('character devices other than printer/serial nodes are refused', async () => {
    expect((await openError('file:/dev/null')).code).toBe('FILE_NOT_ALLOWED');
    expect(() => checkDeviceUri('file:/dev/null')).toThrow(/not a printer or serial device node/);
    expect(() => checkDeviceUri('file:/etc/hostname')).toThrow(/not allowed/);
    // A printer node not plugged in yet may be saved; opening it says it is absent.
    expect(() => checkDeviceUri('file:/dev/usb/lp7')).not.toThrow();
    expect((await openError('file:/dev/usb/lp7')).code).toBe('DEVICE_NOT_FOUND');
  });

  it('a capture file in the folder (absolute or relative) is created owner-only and appended to', async () => {
    const t = createTransport('file:capture.bin');
    await t.open();
    await t.write(Buffer.from('A'));
    await t.close();
    const u = createTransport(`file:${join(folder, 'capture.bin')}`);
    await u.open();
    await u.write(Buffer.from('B'));
    await u.close();
    expect(readFileSync(join(folder, 'capture.bin'), 'utf8')).toBe('AB');
    expect((statSync(join(folder, 'capture.bin')).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(folder).mode & 0o777).toString(8)).toBe('700');
  });
});
