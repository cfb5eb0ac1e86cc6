import { DEFAULT_SETTINGS } from '../domain/settings.js';
import type { HallSettings } from '../domain/model.js';
import type { HallDatabase } from '../store/store.js';

/** Settings are read once and cached; admin changes write through. */
export class SettingsService {
  private cache: HallSettings | null = null;

  constructor(private store: HallDatabase) {}

  get(): HallSettings {
    if (!this.cache) {
      const saved = this.store.config.getSetting<Partial<HallSettings>>('hall') ?? {};
      this.cache = { ...DEFAULT_SETTINGS, ...saved };
    }
    return this.cache;
  }

  update(patch: Partial<HallSettings>): HallSettings {
    const next = { ...this.get(), ...patch };
    this.store.config.setSetting('hall', next);
    this.cache = next;
    return next;
  }
}
