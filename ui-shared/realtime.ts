import { io, type Socket } from 'socket.io-client';
import type { NS } from '../common/events.js';
import type { Ack } from '../common/types.js';
import type { EventPayload, SocketNamespace, socketEvents } from '../common/wire/socket.js';
import { ApiFailure } from './api.js';
import { deviceToken, fixtureMode } from './env.js';
import { Observable } from './store.js';

export type LinkState = 'connecting' | 'online' | 'offline' | 'denied';

type Handler = (payload: any) => void;

/** A Socket.IO namespace path (`/counter`…) and its key in the shared event map (common/wire/socket.ts). */
export type NsPath = (typeof NS)[SocketNamespace];
type KeyOf<P extends NsPath> = { [K in SocketNamespace]: (typeof NS)[K] extends P ? K : never }[SocketNamespace];
/** The events the server pushes on namespace `P`. */
export type PushName<P extends NsPath> = keyof (typeof socketEvents)[KeyOf<P>] & string;
/** The payload of push `E` on `P`, from the shared map: `PushPayload<'/display', 'called'>`. */
export type PushPayload<P extends NsPath, E extends PushName<P>> = EventPayload<KeyOf<P>, E>;
/** The pushes on `P` whose payload is a `T` (what a listener that declares its type may listen to). */
type PushesOf<P extends NsPath, T> = { [E in PushName<P>]: PushPayload<P, E> extends T ? E : never }[PushName<P>];

/** What a Link needs from socket.io; the fixture implements it too. */
export interface Transport {
  on(ev: string, fn: (...args: any[]) => void): void;
  emitWithAck(ev: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  connect(): void;
  disconnect(): void;
}

export interface LinkOptions {
  /** Handshake auth, read again on every reconnect (a token may have changed). */
  auth?: () => Record<string, unknown>;
}

/**
 * One socket.io namespace with the house rules: reconnect for ever with
 * back-off, tell the UI whether it is online, run `onConnect` hooks after every
 * (re)connect so a page can re-subscribe, and unwrap `{ok:false, error}` acks
 * into ApiFailure. The server sends a full `state` snapshot on each connect;
 * pages rebuild from it rather than patching what they had.
 */
export class Link<P extends NsPath = NsPath> {
  readonly state = new Observable<LinkState>('connecting');
  private handlers = new Map<string, Set<Handler>>();
  private connectHooks = new Set<() => void>();
  private transport: Transport | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly ns: P,
    private opts: LinkOptions = {},
  ) {
    if (fixtureMode) {
      void import('./fixture/realtime.js').then((m) => this.attach(m.fixtureTransport(ns, () => this.auth())));
    } else {
      this.attach(this.socketTransport());
    }
  }

  private auth(): Record<string, unknown> {
    const a = this.opts.auth?.() ?? {};
    if (deviceToken && a.token === undefined) return { token: deviceToken, ...a };
    return a;
  }

  private socketTransport(): Transport {
    const socket: Socket = io(this.ns, {
      autoConnect: false,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
      auth: (cb) => cb(this.auth()),
    });
    socket.on('disconnect', (reason) => {
      // The server may drop us on purpose (restart, kick); socket.io then waits for us.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', () => {
      // A middleware refusal stops socket.io's own retries; keep trying slowly,
      // an admin may approve the device or the server may come back.
      if (!socket.active) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => socket.connect(), 15_000);
      }
    });
    return {
      on: (ev, fn) => void socket.on(ev, fn),
      emitWithAck: (ev, payload, ms) => socket.timeout(ms).emitWithAck(ev, payload),
      connect: () => void socket.connect(),
      disconnect: () => void socket.disconnect(),
    };
  }

  private attach(t: Transport): void {
    this.transport = t;
    t.on('connect', () => {
      this.state.set('online');
      for (const h of this.connectHooks) h();
    });
    t.on('disconnect', () => this.state.set('offline'));
    t.on('connect_error', (err: { message?: string; data?: { code?: string } }) => {
      const code = err?.data?.code ?? '';
      const denied = /^(UNAUTHORI[SZ]ED|UNAUTHENTICATED|FORBIDDEN)$/.test(code) || /unauthori[sz]ed|forbidden/i.test(err?.message ?? '');
      this.state.set(denied ? 'denied' : 'offline');
    });
    for (const ev of this.handlers.keys()) this.bind(ev);
    t.connect();
  }

  private bound = new Set<string>();
  private bind(ev: string): void {
    if (!this.transport || this.bound.has(ev)) return;
    this.bound.add(ev);
    this.transport.on(ev, (payload: unknown) => {
      for (const h of this.handlers.get(ev) ?? []) h(payload);
    });
  }

  /**
   * Listens to a push; the payload's type comes from the shared event map, so a
   * handler for the wrong shape does not compile. A handler that names its type
   * (`on<T>(ev, fn)`) is accepted only when the event's payload is a `T`.
   */
  on<E extends PushName<P>>(ev: E, fn: (payload: PushPayload<P, E>) => void): () => void;
  on<T>(ev: PushesOf<P, T>, fn: (payload: T) => void): () => void;
  on(ev: string, fn: Handler): () => void {
    let set = this.handlers.get(ev);
    if (!set) this.handlers.set(ev, (set = new Set()));
    set.add(fn as Handler);
    this.bind(ev);
    return () => set.delete(fn as Handler);
  }

  /** Runs now if online, and after every reconnect. */
  onConnect(fn: () => void): () => void {
    this.connectHooks.add(fn);
    if (this.state.get() === 'online') fn();
    return () => this.connectHooks.delete(fn);
  }

  /** An event with acknowledgement; the ack's `{ok:false}` becomes an ApiFailure. */
  async request<T extends object = object>(ev: string, payload: unknown = {}, timeoutMs = 6000): Promise<T> {
    if (!this.transport || this.state.get() !== 'online') throw new ApiFailure('NETWORK', 'Not connected to the hall server');
    let res: Ack<T>;
    try {
      res = (await this.transport.emitWithAck(ev, payload, timeoutMs)) as Ack<T>;
    } catch {
      throw new ApiFailure('TIMEOUT', `No answer to ${ev}`);
    }
    if (res && (res as { ok?: boolean }).ok === false) {
      const e = (res as { error: { code: string; message: string; field?: string } }).error;
      throw new ApiFailure(e.code, e.message, 0, e.field);
    }
    return res as T;
  }

  reconnect(): void {
    this.transport?.disconnect();
    this.transport?.connect();
  }

  close(): void {
    clearTimeout(this.retryTimer);
    this.transport?.disconnect();
  }
}
