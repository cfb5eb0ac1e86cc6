/**
 * What each hall of the region chaos run (chaos-run.ts) does while the faults run, over
 * its real HTTP API: kiosks issue, clerks call next and finish or mark no-shows, and in
 * turn every kind of ticket that counts differently from a plain one — a no-show that is
 * restored and served, online numbers (线上取号) of which one arrives and is served and
 * one is left to expire, a transfer, a joint case (联办) served at both its steps, a call
 * of one particular ticket with a recall — with ratings from the windows' screens.
 * Every other time a step takes the other way: the no-show comes from running out of
 * recalls, the arrived online number is transferred instead of served, the joint case's
 * second step is a no-show restored and served. Online numbers left unarrived for over a
 * minute are tried at the kiosk late (refused: they expired, by the hall's sweep or then).
 * Every action the hall acknowledges is counted; every action it refuses or fails is a
 * failure (each step acts on tickets it has just made, so the hall has no legitimate
 * reason to refuse one), but a call-next that finds the queue empty or a late check-in
 * refused as expired.
 */
import { Api, clerkAt } from '../helpers/hall.js';
import { bareKiosk, idNumber, patchSettings } from '../helpers/features.js';

/** The plain services the load issues for: their window and its number. */
export const SERVICES = [['social', 'w3', 3], ['tax', 'w6', 6]] as const;

/**
 * Online numbers for 社保: no door QR, no caps the load would hit (a fresh device and ID
 * number each), expired one minute after they were taken (the setting's minimum: the hall
 * runs on real time; its sweep runs every 30 s).
 */
const REMOTE_QUEUE = { enabled: true, arrivalRule: 'keep', expireMinutes: 1, perDevicePerDay: 1, perPersonPerDay: 1, perAddressPerDay: 0, quotas: { social: 10_000 }, doorCode: '' };

/** The special steps, in turn. */
const KINDS = ['restore', 'online', 'transfer', 'joint', 'recall'] as const;
type Kind = (typeof KINDS)[number];

/** Who acts at one hall: a kiosk, the clerks and screens of w3 and w6, a phone, and the joint service's id. */
export interface HallActors {
  kiosk: Api;
  clerks: [Api, Api];
  screens: [Api, Api];
  phone: Api;
  jointId: string;
}

/** Configures a fresh demo hall for the load (online numbers, a joint service, window screens) and signs its actors in. */
export async function prepareHall(admin: Api): Promise<HallActors> {
  await patchSettings(admin, { remoteQueue: REMOTE_QUEUE });
  const joint = await admin.post('/api/v1/admin/services', {
    departmentId: 'general', name: { 'zh-CN': '社保税务联办', en: 'Social security and tax (joint)' }, prefix: 'J', route: { steps: [['social'], ['tax']] },
  });
  if (joint.status !== 201) throw new Error(`joint service: ${JSON.stringify(joint.body)}`);
  const screens: Api[] = [];
  for (const [, , n] of SERVICES) {
    const client = (await admin.post('/api/v1/admin/clients', { kind: 'display', name: `${n}号窗口屏`, config: { mode: 'window', window: n } })).body.client;
    screens.push(new Api(admin.base, (await admin.post(`/api/v1/admin/clients/${client.id}/token`)).body.token));
  }
  const clerks: Api[] = [];
  for (const [, , n] of SERVICES) clerks.push(await clerkAt(admin.base, n));
  return { kiosk: (await bareKiosk(admin)).api, clerks: clerks as [Api, Api], screens: screens as [Api, Api], phone: new Api(admin.base), jointId: joint.body.service.id };
}

class Refused extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Issues, serves and runs the special steps at one hall until stopped. */
export class Load {
  /** Tickets the hall acknowledged (kiosk tickets, joint cases and online numbers: what its report counts as issued). */
  issued = 0;
  failures: string[] = [];
  /** Special steps the hall carried out to the end. */
  done: Record<Kind, number> = { restore: 0, online: 0, transfer: 0, joint: 0, recall: 0 };
  /** What the hall acknowledged that its report counts apart: restores, online numbers, transfers, ratings; late check-ins refused. */
  made = { restored: 0, remote: 0, transferred: 0, rated: 0, lateCheckIns: 0 };
  /** Online numbers left unarrived: their arrival code and when they were taken (ms). */
  private unarrived: { code: string; at: number }[] = [];
  /** The joint service's id at this hall (its report row). */
  readonly jointId: string;
  paused = false;
  busy = false;
  private running = true;
  private phones = 0;
  private loop: Promise<void>;

  constructor(private a: HallActors) {
    this.jointId = a.jointId;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    for (let i = 0; this.running; i++) {
      if (this.paused) {
        await sleep(20);
        continue;
      }
      this.busy = true;
      try {
        await this.step(i);
      } catch (e) {
        this.failures.push(e instanceof Refused ? e.message : `step ${i} threw ${(e as Error).message}`);
      } finally {
        this.busy = false;
      }
      await sleep(2);
    }
  }

  private async step(i: number): Promise<void> {
    const s = i % 2;
    await this.issue(SERVICES[s][0]);
    if (i % 3 === 2) {
      const [clerk, w] = [this.a.clerks[s], SERVICES[s][1]];
      const called = await this.ok(`call-next ${w}`, clerk.post(`/api/v1/windows/${w}/call-next`));
      if (called.ticket) await this.ok(`${w} ends`, clerk.post(`/api/v1/windows/${w}/${i % 6 === 5 ? 'no-show' : 'finish'}`));
    }
    if (i % 4 === 3) {
      const kind = KINDS[((i - 3) / 4) % KINDS.length];
      // every other time a kind comes round, it takes its other way
      await this[kind](i, this.done[kind] % 2 === 1);
      this.done[kind]++;
    }
  }

  /** A kiosk ticket. */
  private async issue(serviceId: string): Promise<{ id: string; number: string }> {
    const t = (await this.ok(`issue ${serviceId}`, this.a.kiosk.post('/api/v1/tickets', { serviceId }), 201)).ticket;
    this.issued++;
    return t;
  }

  /** A no-show (marked, or out of recalls), restored, called again and served. */
  private async restore(i: number, byRecalls: boolean): Promise<void> {
    const t = await this.issue('social');
    await this.ok('call-ticket', this.a.clerks[0].post('/api/v1/windows/w3/call-ticket', { ticketId: t.id }));
    await this.noShowAndRestore(0, t.id, byRecalls);
    await this.ok('start', this.a.clerks[0].post('/api/v1/windows/w3/start'));
    await this.serve(0, i);
  }

  /** The window's called ticket becomes a no-show, is restored and called again. */
  private async noShowAndRestore(s: 0 | 1, ticketId: string, byRecalls: boolean): Promise<void> {
    const [clerk, w] = [this.a.clerks[s], SERVICES[s][1]];
    if (!byRecalls) await this.ok('no-show', clerk.post(`/api/v1/windows/${w}/no-show`));
    for (let n = 0; byRecalls; n++) {
      const r = await this.ok('recall', clerk.post(`/api/v1/windows/${w}/recall`));
      if (r.autoNoShow) break;
      if (n === 5) throw new Refused(`recall: still no no-show after ${n + 1} recalls`);
    }
    await this.ok('restore', clerk.post(`/api/v1/tickets/${ticketId}/restore`));
    this.made.restored++;
    await this.ok('call-ticket restored', clerk.post(`/api/v1/windows/${w}/call-ticket`, { ticketId }));
  }

  /**
   * Two online numbers: one arrives at the kiosk with its code and is served (or transferred), the other
   * is left to expire; those left over a minute ago are tried at the kiosk now, too late.
   */
  private async online(i: number, transfer: boolean): Promise<void> {
    const arrives = await this.takeOnline();
    const left = await this.takeOnline();
    const checkedIn = await this.ok('check-in', this.a.kiosk.post('/api/v1/appointments/check-in', { code: arrives.view.remote.arrivalCode }), 201);
    if (checkedIn.arrived !== true) throw new Refused(`check-in: ${JSON.stringify(checkedIn)}`);
    await this.ok('call-ticket online', this.a.clerks[0].post('/api/v1/windows/w3/call-ticket', { ticketId: arrives.ticket.id }));
    if (transfer) await this.transferOn();
    else await this.serve(0, i);
    while (this.unarrived.length > 0 && Date.now() - this.unarrived[0].at > 65_000) {
      const late = await this.a.kiosk.post('/api/v1/appointments/check-in', { code: this.unarrived.shift()!.code });
      if (late.body?.error?.code !== 'REMOTE_EXPIRED') throw new Refused(`late check-in ${late.status} ${JSON.stringify(late.body)}`);
      this.made.lateCheckIns++;
    }
    this.unarrived.push({ code: left.view.remote.arrivalCode, at: Date.now() });
  }

  private async takeOnline(): Promise<any> {
    const n = ++this.phones;
    const birth = new Date(Date.UTC(1960, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const body = { serviceId: 'social', name: '李四', idNumber: idNumber(birth), deviceId: `chaos-phone-${String(n).padStart(8, '0')}` };
    const taken = await this.ok('online number', this.a.phone.post('/api/v1/remote/tickets', body), 201);
    this.issued++;
    this.made.remote++;
    return taken;
  }

  /** Called at 社保 (after a recall, every other time) and sent on to 税务, where the plain load calls it in turn. */
  private async transfer(_i: number, recalled: boolean): Promise<void> {
    const t = await this.issue('social');
    await this.ok('call-ticket', this.a.clerks[0].post('/api/v1/windows/w3/call-ticket', { ticketId: t.id }));
    if (recalled) await this.ok('recall', this.a.clerks[0].post('/api/v1/windows/w3/recall'));
    await this.transferOn();
  }

  /** w3's called ticket goes on to 税务. */
  private async transferOn(): Promise<void> {
    await this.ok('transfer', this.a.clerks[0].post('/api/v1/windows/w3/transfer', { toServiceId: 'tax' }));
    this.made.transferred++;
  }

  /** A joint case: step 1 at 社保 (w3), step 2 at 税务 (w6), one number; every other time step 2 is a no-show restored first. */
  private async joint(i: number, restored: boolean): Promise<void> {
    const t = await this.issue(this.a.jointId);
    await this.ok('call-ticket joint step 1', this.a.clerks[0].post('/api/v1/windows/w3/call-ticket', { ticketId: t.id }));
    await this.serve(0, i);
    const step2 = await this.ok('call-ticket joint step 2', this.a.clerks[1].post('/api/v1/windows/w6/call-ticket', { number: t.number }));
    if (restored) await this.noShowAndRestore(1, step2.ticket.id, false);
    await this.serve(1, i + 1);
  }

  /** One particular ticket called out of turn, called again, then served (started first, every other time). */
  private async recall(i: number, started: boolean): Promise<void> {
    const t = await this.issue('tax');
    await this.ok('call-ticket', this.a.clerks[1].post('/api/v1/windows/w6/call-ticket', { ticketId: t.id }));
    await this.ok('recall', this.a.clerks[1].post('/api/v1/windows/w6/recall'));
    if (started) await this.ok('start', this.a.clerks[1].post('/api/v1/windows/w6/start'));
    await this.serve(1, i);
  }

  /** Finishes the window's ticket and has its screen rate it (grades in turn). */
  private async serve(s: 0 | 1, i: number): Promise<void> {
    const w = SERVICES[s][1];
    await this.ok(`finish ${w}`, this.a.clerks[s].post(`/api/v1/windows/${w}/finish`));
    await this.ok(`rate-request ${w}`, this.a.clerks[s].post(`/api/v1/windows/${w}/rate-request`));
    await this.ok(`rating ${w}`, this.a.screens[s].post('/api/v1/ratings', { windowId: w, grade: 1 + (i % 5) }), 201);
    this.made.rated++;
  }

  /** The body of an acknowledged request; anything else is a failure that ends the step. */
  private async ok(what: string, req: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
    const r = await req;
    if (r.status !== status) throw new Refused(`${what} ${r.status} ${JSON.stringify(r.body?.error ?? r.body)}`);
    return r.body;
  }

  /** Waits until no request is in flight and holds further ones (the hall is about to go down). */
  async hold(): Promise<void> {
    this.paused = true;
    while (this.busy) await sleep(5);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
