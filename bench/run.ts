/**
 * `npm run bench` (add `--json` for machine-readable output, `--quick` for a
 * short smoke run). Every figure is printed next to a baseline measured in the
 * same run on the same machine, and as a ratio. All traffic is on loopback;
 * the server and the load generators are separate processes.
 */
import { cpus, totalmem } from 'node:os';
import { execSync } from 'node:child_process';
import { displayCases } from './cases/display.js';
import { historyCases } from './cases/history.js';
import { issueCases } from './cases/issue.js';
import { memoryCases } from './cases/memory.js';
import { printerCases } from './cases/printer.js';
import { agentCases } from './cases/agent.js';
import { voiceCases } from './cases/voice.js';
import { regionCases } from './cases/region.js';
import { regionLiveCases } from './cases/region-live.js';
import { uplinkCases } from './cases/uplink.js';
import { printTable, type BenchCase } from './lib/report.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const log = (s: string) => {
  if (!json) process.stdout.write(`${s}\n`);
  else process.stderr.write(`${s}\n`);
};

function machine() {
  let disk = 'unknown';
  try {
    disk = execSync(`df -h --output=source,fstype,size ${process.cwd()} | tail -1`, { encoding: 'utf8' }).trim().replace(/\s+/g, ' ');
  } catch {
    // not Linux
  }
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, ramGB: Math.round(totalmem() / 2 ** 30), node: process.version, disk };
}

const started = Date.now();
const cases: BenchCase[] = [];
const run = async (name: string, fn: () => Promise<BenchCase[]>) => {
  if (only && !only.includes(name)) return;
  log(`${name}…`);
  const t = Date.now();
  try {
    cases.push(...(await fn()));
  } catch (err) {
    log(`  ${name} failed: ${(err as Error).stack ?? err}`);
    cases.push({ name: `${name}: did not complete`, value: NaN, unit: '', baseline: null, ratio: null, target: null, pass: false, note: String((err as Error).message) });
  }
  log(`  (${((Date.now() - t) / 1000).toFixed(0)} s)`);
};

await run('issue', () => issueCases(quick ? 1500 : 4000, log));
await run('display', () => displayCases(quick ? 100 : 500, quick ? 10 : 50, log));
await run('memory', () => memoryCases(300, quick ? 100 : 500, quick ? 2000 : 20_000, quick ? 10_000 : 60_000, log));
await run('history', () => historyCases(quick ? 100_000 : 1_000_000, log, quick ? 200 : 1000));
await run('printer', () => printerCases(quick ? 10 : 50, log));
await run('agent', () => agentCases(quick ? 2 : 5, quick ? 10 : 50, log));
await run('voice', () => voiceCases(quick ? 5 : 30, log));
await run('region', () => regionCases(quick ? 10 : 40, quick ? 2 : 6, quick ? 20 : 100, log));
await run('region-live', () => regionLiveCases(quick ? { steps: [100, 200], stepSeconds: 2, fixedHalls: 100, fixedSeconds: 3 } : { steps: [100, 200, 400, 800, 1600], stepSeconds: 3, fixedHalls: 100, fixedSeconds: 8 }, log));
await run('uplink', () => uplinkCases(quick ? 3000 : 8000, 17_000, log));

const result = { machine: machine(), durationSeconds: Math.round((Date.now() - started) / 1000), cases };
if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  log(`\nmachine: ${JSON.stringify(result.machine)}`);
  printTable(cases);
  log(`\n${result.durationSeconds} s`);
}
process.exit(0);
