/**
 * Every Socket.IO event, both directions, defined once in zod per namespace:
 * what the server receives is parsed with `socketInputs` (a bad payload is
 * acked `{ok:false,error:{code:'VALIDATION',…}}` and changes nothing), what it
 * emits is typed from `socketEvents`. The names are those of `EV` / `VOICE_EV`
 * (common/events.ts, common/voice.ts, plain constants the UIs import without
 * zod); the checks at the end fail the build when a name has no schema here.
 */
import { z } from 'zod';
import { EV } from '../events.js';
import { VOICE_EV } from '../voice.js';
import { WindowTarget, type WindowActionName } from './window-actions.js';
import { JsonObject, LocalizedText } from './base.js';
import { ManagedDeviceHealth } from './admin.js';
import { ScreenVoice, VoiceReport, VoiceTest } from './voice.js';
import { CalledEvent, HallSnapshot, Ticket, TrackView, WindowState } from './hall.js';
import { RateRequestEvent, SupervisionAlert } from './supervision.js';

const id = z.string().min(1).max(100);

// ── client → server ────────────────────────────────────────────────────────

export const TrackRequest = z.object({ token: z.string().min(8).max(64) });
/** Nothing, or an empty object. */
export const NoPayload = z.object({}).optional();

/** Kiosk agent → server: one device's health. */
export const AgentHealth = z.object({
  kind: z.enum(['printer', 'idcard']),
  state: z.enum(['ok', 'warning', 'error', 'unavailable']),
  detail: z.string().max(300),
});
/** Kiosk agent → server, first: the devices it hosts. */
export const AgentHello = z.object({
  printer: z.object({ uri: z.string().max(300), paperWidth: z.union([z.literal(58), z.literal(80)]) }).nullable(),
  reader: z.object({ uri: z.string().max(300) }).nullable(),
  /** The current health of every device the agent hosts (older agents send none). */
  health: z.array(AgentHealth).max(4).optional(),
});
/** Kiosk agent → server: a card its reader read. */
export const AgentCard = z.object({
  cardType: z.enum(['resident', 'hmt-residence-permit']),
  name: z.string().min(1).max(60),
  idNumber: z.string().min(15).max(18),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
/** Kiosk agent → server: its answer to `agent:printer-check` and `agent:print`. */
export const AgentAck = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string().max(100), message: z.string().max(1000) }) }),
]);

/** Every client → server event, per namespace (the `/counter` window actions come from `windowActionEvent`, common/wire/window-actions.ts). */
export const socketInputs = {
  display: { [EV.track]: TrackRequest, [EV.state]: NoPayload, [VOICE_EV.report]: VoiceReport },
  counter: { [EV.watch]: WindowTarget },
  kiosk: { [EV.hello]: NoPayload, [EV.agentHello]: AgentHello, [EV.agentCard]: AgentCard, [EV.agentHealth]: AgentHealth },
  admin: {},
} as const;

// ── server → client ────────────────────────────────────────────────────────

/** `/kiosk` `id-card`: masked data only, plus the short-lived token the kiosk sends back with its ticket request. */
export const IdCardRead = z.object({ cardToken: z.string(), maskedName: z.string(), maskedIdNumber: z.string(), cardType: z.string().optional() });
export type IdCardRead = z.infer<typeof IdCardRead>;
/** Refusals pushed without a request: `id-card-error`, `session-ended`. */
export const PushedError = z.object({ code: z.string(), message: z.string() });
export type PushedError = z.infer<typeof PushedError>;
/** `/display` `queue`: how many wait per service. */
export const QueueCounts = z.object({ services: z.array(z.object({ id: z.string(), waiting: z.number().int(), estimatedWaitSeconds: z.number() })) });
export type QueueCounts = z.infer<typeof QueueCounts>;
/** `/counter` `window` (and the `watch` reply): a window and what it may call next. */
export const CounterWindow = z.object({ window: WindowState, waiting: z.array(Ticket) });
export type CounterWindow = z.infer<typeof CounterWindow>;
/** `/kiosk` `state`, on connect: which kiosk this is. */
export const KioskState = z.object({ kioskId: z.string(), name: z.string(), config: JsonObject, hall: LocalizedText });
export type KioskState = z.infer<typeof KioskState>;
/** `/admin` `monitor`: the hall and every device. */
export const Monitor = HallSnapshot.extend({ devices: z.array(ManagedDeviceHealth) });
export type Monitor = z.infer<typeof Monitor>;

/** Every server → client event, per namespace. */
export const socketEvents = {
  display: {
    [EV.state]: HallSnapshot,
    [EV.called]: CalledEvent,
    [EV.queue]: QueueCounts,
    /** Only the windows that changed since the last push. */
    [EV.window]: z.array(WindowState),
    [EV.ticket]: TrackView,
    [EV.rateRequest]: RateRequestEvent,
    [EV.sessionEnded]: PushedError,
    [VOICE_EV.test]: VoiceTest,
  },
  counter: {
    [EV.window]: CounterWindow,
    [EV.windowLost]: z.object({ windowId: z.string() }),
    [EV.sessionEnded]: PushedError,
  },
  kiosk: {
    [EV.state]: KioskState,
    [EV.device]: ManagedDeviceHealth,
    [EV.idCard]: IdCardRead,
    [EV.idCardError]: PushedError,
    /** The hall's configuration changed: reload services. */
    [EV.config]: z.undefined(),
    [EV.sessionEnded]: PushedError,
    [EV.agentPrinterCheck]: z.object({}),
    /** A ticket layout (drivers/printer TicketLayout) for the agent's printer. */
    [EV.agentPrint]: JsonObject,
    [EV.agentReplaced]: z.object({ message: z.string() }),
  },
  admin: {
    [EV.monitor]: Monitor,
    [EV.alert]: SupervisionAlert,
    [EV.device]: ManagedDeviceHealth,
    [EV.sessionEnded]: PushedError,
    [VOICE_EV.screens]: z.array(ScreenVoice),
  },
} as const;

export type SocketNamespace = keyof typeof socketEvents;
type Out = typeof socketEvents;
type In = typeof socketInputs;
/** The payload of event `E` sent by the server on namespace `N`, e.g. `EventPayload<'display', 'called'>`. */
export type EventPayload<N extends SocketNamespace, E extends keyof Out[N]> = Out[N][E] extends z.ZodType ? z.output<Out[N][E]> : never;
/** Socket.IO's typed-events map of what the server emits on `N`. */
export type ServerEmits<N extends SocketNamespace> = {
  [E in keyof Out[N] & string]: Out[N][E] extends z.ZodUndefined ? () => void : (payload: EventPayload<N, E>) => void;
};
/** The input of event `E` received on namespace `N`. */
export type EventInput<N extends SocketNamespace, E extends keyof In[N]> = In[N][E] extends z.ZodType ? z.output<In[N][E]> : never;
/** A `/kiosk` push to one kiosk's room (the hall bus carries these from the device manager). */
export type KioskPush = { [E in keyof Out['kiosk'] & string]: { kioskId: string; event: E; payload: EventPayload<'kiosk', E> } }[keyof Out['kiosk'] & string];

// Every name in EV has its schema here, and every name here is in EV or VOICE_EV.
type Names<T> = { [N in keyof T]: keyof T[N] & string }[keyof T];
type EvName = (typeof EV)[keyof typeof EV] | (typeof VOICE_EV)[keyof typeof VOICE_EV];
type Covered = Names<Out> | Names<In> | WindowActionName;
type Check<T extends true> = T;
export type EveryEventHasASchema = Check<Exclude<EvName, Covered> extends never ? true : false>;
export type EverySchemaIsNamed = Check<Exclude<Covered, EvName | WindowActionName> extends never ? true : false>;
