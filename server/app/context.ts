import type { Logger } from '../log/logger.js';
import type { HallSettings } from '../domain/model.js';
import type { HallDatabase } from '../store/store.js';
import type { HallBus } from './bus.js';

export interface AppContext {
  store: HallDatabase;
  bus: HallBus;
  log: Logger;
  /** The only clock: use cases read time here and pass it into the domain. */
  now(): Date;
  settings(): HallSettings;
  /** Key for HMACs of ID numbers (never stored next to the data it protects). */
  idHmacKey: Buffer;
}
