import { MAX_NEAR_THRESHOLD } from '../domain/priority.js';
import { DEFAULT_SETTINGS } from '../domain/settings.js';
import type { HallSettings } from '../domain/model.js';
import type { HallDatabase } from '../store/store.js';

/** A change of settings: whole fields, except the groups `notify` and `remoteQueue`, whose fields may be given one by one (older clients leave new ones out; the current values stay). */
export type SettingsPatch = Omit<Partial<HallSettings>, 'notify' | 'remoteQueue'> & { notify?: Partial<HallSettings['notify']>; remoteQueue?: Partial<HallSettings['remoteQueue']> };

/** Settings are read once and cached; admin changes write through. */
export class SettingsService {
  private cache: HallSettings | null = null;

  constructor(private store: HallDatabase) {}

  get(): HallSettings {
    if (!this.cache) {
      const saved = this.store.config.getSetting<Partial<HallSettings>>('hall') ?? {};
      // Groups are merged too: a hall saved before a group gained a field (notify.timeoutSeconds, notify.parallelReceivers, remoteQueue.perAddressPerDay) gets that field's default.
      const notify = { ...DEFAULT_SETTINGS.notify, ...saved.notify };
      // A threshold saved before the cap (up to 50) is read as the cap: each step costs work in every commit.
      notify.aheadThreshold = Math.min(notify.aheadThreshold, MAX_NEAR_THRESHOLD);
      this.cache = { ...DEFAULT_SETTINGS, ...saved, notify, remoteQueue: { ...DEFAULT_SETTINGS.remoteQueue, ...saved.remoteQueue } };
    }
    return this.cache;
  }

  update(patch: SettingsPatch): HallSettings {
    const cur = this.get();
    const next: HallSettings = { ...cur, ...patch, notify: { ...cur.notify, ...patch.notify }, remoteQueue: { ...cur.remoteQueue, ...patch.remoteQueue } };
    this.store.config.setSetting('hall', next);
    this.cache = next;
    return next;
  }
}
