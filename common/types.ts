/**
 * Wire types shared by the hall server and the browser UIs. The shapes are
 * defined once as zod schemas in common/wire/ (which also make the OpenAPI
 * document); these are their TypeScript types. Type-only imports, so the
 * Vite builds take no runtime dependency from here.
 */
export type {
  Lang,
  LocalizedText,
  TicketStatus,
  PriorityClass,
  WindowStatus,
  SelectionPolicy,
  Role,
  ApiError,
} from './wire/base.js';
export type {
  ServiceGuide,
  Department,
  ServiceSummary,
  MaskedIdentity,
  Ticket,
  WindowState,
  CalledEvent,
  HallSnapshot,
  TrackView,
  RemoteTrack,
  ClockHealth,
  DeviceHealth,
  AuditEvent,
} from './wire/hall.js';
import type { Lang, ApiError } from './wire/base.js';

export const LANGS: readonly Lang[] = ['zh-CN', 'zh-TW', 'en'];

/** Socket payloads (zod schemas in common/wire/socket.ts): `/display` `queue`, `/kiosk` `id-card` (masked data only, plus a
 * short-lived `cardToken` the kiosk hands back when it takes the ticket; an expired token answers CARD_EXPIRED) and `id-card-error`. */
export type { QueueCounts, IdCardRead, PushedError as IdCardError } from './wire/socket.js';

export type Ack<T extends object = object> = ({ ok: true } & T) | ApiError;

