import { DEFAULT_SETTINGS } from '../domain/settings.js';
import type { HallSettings } from '../domain/model.js';
import type { HallDatabase } from '../store/store.js';

/** A settings change: remoteQueue may leave out fields (older clients), the current ones stay. */
export type SettingsPatch = Omit<Partial<HallSettings>, 'remoteQueue'> & { remoteQueue?: Partial<HallSettings['remoteQueue']> };

/** Settings are read once and cached; admin changes write through. */
export class SettingsService {
  private cache: HallSettings | null = null;

  constructor(private store: HallDatabase) {}

  get(): HallSettings {
    if (!this.cache) {
      const saved = this.store.config.getSetting<Partial<HallSettings>>('hall') ?? {};
      // remoteQueue gains fields over time (perAddressPerDay): a hall's saved object is completed by the defaults.
      this.cache = { ...DEFAULT_SETTINGS, ...saved, remoteQueue: { ...DEFAULT_SETTINGS.remoteQueue, ...saved.remoteQueue } };
    }
    return this.cache;
  }

  update(patch: SettingsPatch): HallSettings {
    const cur = this.get();
    const next: HallSettings = { ...cur, ...patch, remoteQueue: { ...cur.remoteQueue, ...patch.remoteQueue } };
    this.store.config.setSetting('hall', next);
    this.cache = next;
    return next;
  }
}
