import type { Io } from '../../../../drivers/cli/io.js';

/** An Io that records what the installer would see. */
export function captureIo(): Io & { stdout: string[]; stderr: string[]; abort: () => void } {
  const controller = new AbortController();
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => void stdout.push(l),
    err: (l) => void stderr.push(l),
    signal: controller.signal,
    abort: () => controller.abort(),
  };
}
