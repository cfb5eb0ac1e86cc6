import { DEFAULT_SETTINGS } from '../domain/settings.js';
import type { HallSettings } from '../domain/model.js';
import type { HallDatabase } from '../store/store.js';

/** A change of settings: whole fields, except `notify`, whose fields may be given one by one. */
export type SettingsPatch = Omit<Partial<HallSettings>, 'notify'> & { notify?: Partial<HallSettings['notify']> };

/** Settings are read once and cached; admin changes write through. */
export class SettingsService {
  private cache: HallSettings | null = null;

  constructor(private store: HallDatabase) {}

  get(): HallSettings {
    if (!this.cache) {
      const saved = this.store.config.getSetting<Partial<HallSettings>>('hall') ?? {};
      // Groups are merged too: a hall saved before a group gained a field gets that field's default.
      this.cache = { ...DEFAULT_SETTINGS, ...saved, notify: { ...DEFAULT_SETTINGS.notify, ...saved.notify } };
    }
    return this.cache;
  }

  update(patch: SettingsPatch): HallSettings {
    const cur = this.get();
    const next: HallSettings = { ...cur, ...patch, notify: { ...cur.notify, ...patch.notify } };
    this.store.config.setSetting('hall', next);
    this.cache = next;
    return next;
  }
}
