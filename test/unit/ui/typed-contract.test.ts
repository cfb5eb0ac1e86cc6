import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

const SNIPPETS = {
  /** link.on: lines 6–9 must not compile. */
  link: `import { EV } from '../common/events.js';
import type { Link } from './realtime.js';
declare const display: Link<'/display'>;
display.on(EV.called, (c) => c.ticketNumber.toUpperCase());
display.on(EV.window, (w) => w.map((x) => x.id));
display.on(EV.called, (c: { ticketNumber: number }) => c);
display.on<{ foo: string }>(EV.called, () => undefined);
display.on(EV.monitor, () => undefined);
display.on(EV.window, (w) => w.id);
`,
  /** The counter's act: lines 5–8 must not compile. */
  act: `import { act } from '../counter-ui/counter-state.js';
void act('pause', { reason: '午休' });
void act('call-ticket', { number: 'A001' });
void act('finish');
void act('pause', {});
void act('transfer', { toServiceId: 7 });
void act('restore');
void act('teleport');
`,
};

/**
 * Type-checks the snippets as UI files (tsconfig.ui.json) in ui-shared/, in one
 * program, and returns the 1-based lines with errors per snippet. Nothing is written.
 */
function errorLines(): Record<keyof typeof SNIPPETS, number[]> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.ui.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const files = Object.fromEntries(Object.entries(SNIPPETS).map(([k, code]) => [path.join(root, 'ui-shared', `__typecheck_${k}__.ts`), code]));
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (name in files ? ts.createSourceFile(name, files[name]!, lang) : getSourceFile(name, lang, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name in files || fileExists(name);
  const program = ts.createProgram(Object.keys(files), { ...config.options, noEmit: true }, host);
  const out = {} as Record<keyof typeof SNIPPETS, number[]>;
  for (const key of Object.keys(SNIPPETS) as (keyof typeof SNIPPETS)[]) {
    const source = program.getSourceFile(path.join(root, 'ui-shared', `__typecheck_${key}__.ts`))!;
    out[key] = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
    );
  }
  return out;
}

/** Issue 12 §2/§3 in the UIs: socket payloads and window-action inputs come from the shared maps in common/. */
describe('the UIs are typed by the shared contract', () => {
  it('link.on takes its payload from the event map, and the counter acts only with window actions and their declared inputs', { timeout: 120_000 }, () => {
    const lines = errorLines();
    // A wrong payload type, a listener naming a type the payload is not, an event /display does not push, a wrong use.
    expect(lines.link).toEqual([6, 7, 8, 9]);
    // pause without its reason, a wrong transfer input, restore (a ticket action) and an unknown name.
    expect(lines.act).toEqual([5, 6, 7, 8]);
  });
});
