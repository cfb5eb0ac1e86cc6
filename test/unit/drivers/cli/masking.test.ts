/**
 * The ID-card command must never print a name or ID number in clear: these
 * tests decode real simulated cards (frames, parser, reader loop) and search
 * everything the installer would see.
 */
import { describe, expect, it } from 'vitest';
import { formatCard, maskedCard } from '../../../../drivers/cli/card-format.js';
import { run } from '../../../../drivers/cli/run.js';
import { DEMO_HMT_PERMIT, DEMO_RESIDENT } from '../../../../drivers/idcard/demo-cards.js';
import { IdCardReader } from '../../../../drivers/idcard/reader.js';
import { IdCardSimulator } from '../../../../drivers/idcard/simulator.js';
import type { IdCardText } from '../../../../drivers/idcard/text.js';
import { createPair } from '../../../../drivers/transport/pair.js';
import { captureIo } from './helpers.js';

const CLEAR = [DEMO_RESIDENT, DEMO_HMT_PERMIT].flatMap((c) => [c.name, c.idNumber, c.address, c.authority, c.passNumber ?? c.idNumber]);

function expectNothingInClear(text: string): void {
  for (const secret of CLEAR) expect(text).not.toContain(secret);
  // nor the middle of the number (birth date + sequence), in any spacing
  expect(text.replace(/\s/g, '')).not.toMatch(/19900307123|19850612002/);
}

async function decode(card: typeof DEMO_RESIDENT): Promise<IdCardText> {
  const { host, device } = createPair('test:idcard');
  await Promise.all([host.open(), device.open()]);
  const sim = new IdCardSimulator(device);
  const reader = new IdCardReader(host, { pollIntervalMs: 5, commandTimeoutMs: 500 });
  const got = new Promise<IdCardText>((resolve) => reader.on('card', resolve));
  reader.start();
  sim.placeCard(card);
  const c = await got;
  await reader.stop();
  return c;
}

describe('masked card output', () => {
  it('a decoded resident card is shown masked, without address or authority', async () => {
    const card = await decode(DEMO_RESIDENT);
    expect(card.idNumber).toBe(DEMO_RESIDENT.idNumber); // the decoder really had the clear number
    const m = maskedCard(card);
    expect(m).toEqual({
      cardType: 'resident',
      name: '张*三',
      idNumber: '*****************0',
      gender: 'male',
      nation: '汉',
      birthDate: '1990-**-**',
      validFrom: '2015-06-01',
      validTo: '2035-06-01',
    });
    const text = formatCard(m).join('\n') + JSON.stringify(m);
    expectNothingInClear(text);
    expect(text).toContain('张*三');
    expect(text).toContain('*****************0');
    expect(text).not.toContain('03-07');
  });

  it('a residence permit is masked too and its permit number is left out', async () => {
    const m = maskedCard(await decode(DEMO_HMT_PERMIT));
    expect(m).toMatchObject({ cardType: 'hmt-residence-permit', name: '陈*文', idNumber: '*****************4', issueCount: 1 });
    expectNothingInClear(formatCard(m).join('\n') + JSON.stringify(m));
  });

  it('the idcard command run end to end on sim:idcard prints only masked fields', async () => {
    for (const args of [['sim:idcard', '--once'], ['sim:idcard?card=hmt', '--once', '--json']]) {
      const io = captureIo();
      const code = await run(['idcard', ...args], io);
      const all = [...io.stdout, ...io.stderr].join('\n');
      expect(code, all).toBe(0);
      expect(all).toMatch(/张\*三|陈\*文/);
      expect(all).toMatch(/SAM id|"samId"/);
      expectNothingInClear(all);
    }
  });
});
