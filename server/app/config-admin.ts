import { randomUUID } from 'node:crypto';
import type { Department } from '../../common/types.js';
import { assertTimeZone } from '../domain/business-day.js';
import { DomainError } from '../domain/errors.js';
import { assertRoute } from '../domain/route.js';
import type { HallSettings, ServiceDef, WindowDef } from '../domain/model.js';
import type { PriorityCategory } from '../domain/priority-groups.js';
import type { ClientRecord } from '../store/auth-repo.js';
import type { Actor } from '../store/event-log.js';
import { audit, auditLog, type AuditQuery } from './audit.js';
import { nextDoorSecret } from './door-code.js';
import type { AppContext } from './context.js';
import { announce } from './hall-commit.js';
import type { SettingsPatch, SettingsService } from './settings-service.js';
import { notifyTargetsFromEnv, type NotifyTargets } from './notify/targets.js';

/**
 * Configuration changes by administrators. Each one is audited in the event log
 * and announced so screens apply it live, without a restart.
 */
export class ConfigAdmin {
  constructor(
    private ctx: AppContext,
    private settings: SettingsService,
    /** Where notifications may go: the webhook and callback URLs are checked here when saved. */
    private targets: NotifyTargets = notifyTargetsFromEnv(),
  ) {}

  private audit(type: string, actor: Actor, data: object): void {
    audit(this.ctx, type, actor, data);
  }

  private done(): void {
    this.ctx.bus.emit('configChanged');
    announce(this.ctx, { windowIds: [], trackTokens: [] });
  }

  updateSettings(patch: SettingsPatch, actor: Actor): HallSettings {
    if (patch.timeZone) assertTimeZone(patch.timeZone);
    if (patch.notify?.webhookUrl) this.targets.check(patch.notify.webhookUrl, 'notify.webhookUrl');
    let audited: SettingsPatch = patch;
    if (patch.remoteQueue?.doorCode !== undefined) {
      const sent = patch.remoteQueue.doorCode;
      const doorCode = nextDoorSecret(this.settings.get().remoteQueue.doorCode, sent);
      patch = { ...patch, remoteQueue: { ...patch.remoteQueue, doorCode } };
      // The secret never goes into the audit log: only what was done with it.
      audited = { ...patch, remoteQueue: { ...patch.remoteQueue, doorCode: sent === '' ? '' : doorCode === sent ? '(unchanged)' : '(regenerated)' } };
    }
    const next = this.ctx.store.tx(() => {
      const s = this.settings.update(patch);
      this.audit('config.settings.updated', actor, audited);
      return s;
    });
    this.done();
    return next;
  }

  saveDepartment(d: Department, actor: Actor): Department {
    this.ctx.store.tx(() => {
      this.ctx.store.config.saveDepartment(d);
      this.audit('config.department.saved', actor, d);
    });
    this.done();
    return d;
  }

  services(): ServiceDef[] {
    return this.ctx.store.config.services();
  }

  windows(): WindowDef[] {
    return this.ctx.store.config.windows();
  }

  departments(): Department[] {
    return this.ctx.store.config.departments();
  }

  /** `mustExist`: a change of a known service (PUT), never a creation under a new id. */
  saveService(input: Omit<ServiceDef, 'id'> & { id?: string }, actor: Actor, mustExist = false): ServiceDef {
    const { store } = this.ctx;
    if (mustExist && !(input.id && store.config.service(input.id))) throw new DomainError('SERVICE_NOT_FOUND', `There is no service "${input.id}"`, 'id');
    const s: ServiceDef = { ...input, id: input.id ?? randomUUID() };
    if (!store.config.departments().some((d) => d.id === s.departmentId)) {
      throw new DomainError('DEPARTMENT_NOT_FOUND', `There is no department "${s.departmentId}"`, 'departmentId');
    }
    if (s.route) assertRoute(s.route, new Set(store.config.services().map((x) => x.id)), s.id);
    store.tx(() => {
      store.config.saveService(s);
      this.audit('config.service.saved', actor, s);
    });
    this.done();
    return s;
  }

  /** `mustExist`: a change of a known window (PUT), never a creation under a new id. */
  saveWindow(input: Omit<WindowDef, 'id'> & { id?: string }, actor: Actor, mustExist = false): WindowDef {
    const { store } = this.ctx;
    if (mustExist && !(input.id && store.config.window(input.id))) throw new DomainError('WINDOW_NOT_FOUND', `There is no window "${input.id}"`, 'id');
    const w: WindowDef = { ...input, id: input.id ?? randomUUID() };
    if (!store.config.departments().some((d) => d.id === w.departmentId)) {
      throw new DomainError('DEPARTMENT_NOT_FOUND', `There is no department "${w.departmentId}"`, 'departmentId');
    }
    const known = new Set(store.config.services().map((s) => s.id));
    const missing = w.services.find((l) => !known.has(l.serviceId));
    if (missing) throw new DomainError('SERVICE_NOT_FOUND', `There is no service "${missing.serviceId}"`, 'services');
    const clash = store.config.windows().find((x) => x.number === w.number && x.id !== w.id);
    if (clash) throw new DomainError('WINDOW_NUMBER_TAKEN', `Window number ${w.number} is already used by ${clash.name}`, 'number');
    store.tx(() => {
      store.config.saveWindow(w);
      this.audit('config.window.saved', actor, w);
    });
    this.done();
    return w;
  }

  saveClient(input: { id?: string; kind: ClientRecord['kind']; name: string; config: Record<string, unknown>; revoked?: boolean }, actor: Actor): ClientRecord {
    const { store } = this.ctx;
    const id = input.id ?? randomUUID();
    const existing = store.auth.client(id);
    if (existing && existing.kind !== input.kind) {
      throw new DomainError('CLIENT_KIND_FIXED', 'A kiosk cannot become a display or the other way round', 'kind');
    }
    // The same URL rules however the callback is set (its own route, or a client's whole config).
    if (input.config.callbackUrl !== undefined && input.config.callbackUrl !== '') this.targets.check(input.config.callbackUrl, 'config.callbackUrl');
    store.tx(() => {
      store.auth.saveClient({ id, kind: input.kind, name: input.name, config: input.config, revoked: input.revoked ?? false }, this.ctx.now().toISOString());
      this.audit('config.client.saved', actor, { id, kind: input.kind, name: input.name, config: input.config });
    });
    this.done();
    return store.auth.client(id)!;
  }

  /** `agent: true` binds a kiosk to its kiosk agent: without the agent connected the kiosk takes no tickets. */
  setKioskAgent(id: string, agent: boolean, actor: Actor): ClientRecord {
    const c = this.ctx.store.auth.client(id);
    if (!c) throw new DomainError('CLIENT_NOT_FOUND', `There is no kiosk ${id}`);
    if (c.kind !== 'kiosk') throw new DomainError('CLIENT_NOT_KIOSK', 'Only kiosks have a kiosk agent', 'agent');
    if ((c.config.agent === true) === agent) return c;
    return this.saveClient({ ...c, config: { ...c.config, agent } }, actor);
  }

  auditLog(q: AuditQuery) {
    return auditLog(this.ctx, q);
  }

  priorityCategories(): PriorityCategory[] {
    return this.ctx.store.priority.all();
  }

  /** `create`: refuse an id already in use (POST); otherwise create or change (PUT). */
  savePriorityCategory(c: PriorityCategory, actor: Actor, create = false): PriorityCategory {
    const { store } = this.ctx;
    store.tx(() => {
      if (create && store.priority.get(c.id)) throw new DomainError('PRIORITY_CATEGORY_EXISTS', `The category "${c.id}" already exists; change it with PUT`, 'id');
      store.priority.save(c);
      this.audit('config.priority_category.saved', actor, c);
    });
    this.ctx.bus.emit('configChanged');
    return c;
  }

  deletePriorityCategory(id: string, actor: Actor): string {
    const { store } = this.ctx;
    store.tx(() => {
      if (!store.priority.get(id)) throw new DomainError('PRIORITY_CATEGORY_NOT_FOUND', `There is no priority category "${id}"`, 'id');
      store.priority.delete(id);
      this.audit('config.priority_category.deleted', actor, { id });
    });
    this.ctx.bus.emit('configChanged');
    return id;
  }
}
