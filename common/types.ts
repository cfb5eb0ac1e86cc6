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

export interface QueueCounts {
  services: { id: string; waiting: number; estimatedWaitSeconds: number }[];
}

/**
 * `/kiosk` event `id-card`: masked data only, plus a short-lived `cardToken` the
 * kiosk hands back when it takes the ticket (the clear number stays on the
 * server; an expired token answers CARD_EXPIRED).
 */
export interface IdCardRead {
  cardToken: string;
  maskedName: string;
  maskedIdNumber: string;
  cardType?: string;
}

/** `/kiosk` event `id-card-error`. */
export interface IdCardError {
  code: string;
  message: string;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | ApiError;

