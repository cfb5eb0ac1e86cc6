import type { IncomingMessage } from 'node:http';
import { originAllowed } from './origin.js';
import proxyaddr from 'proxy-addr';
import { compileTrust, normalise, peerOf, type TrustFn } from './peer.js';
import type { EdgeSettings } from './settings.js';

/** How many known addresses are remembered, and for how long after their last token. */
const KNOWN_MAX = 4096;
const KNOWN_FOR_MS = 7 * 24 * 3600_000;

/** What engine.io hands over: the connection and the request that opened it. */
interface EngineConn {
  request: IncomingMessage;
  once(ev: 'close', fn: () => void): unknown;
}

interface Seat {
  address: string;
  /** Still counted against the address and the hall (no token shown yet). */
  counted: boolean;
}

/**
 * Admission of socket connections before Socket.IO spends memory on them.
 * Every new connection takes an anonymous seat of its address (and of the
 * hall) when it opens; one that then shows a staff or device token gives its
 * seat back. Beyond `socketsPerAddress` or `anonymousSockets` a connection is
 * refused at the handshake with a message saying why. The last
 * `reservedSockets` of the hall-wide seats are kept for addresses the hall
 * knows (they have shown a token since start, or are in `trustedNetworks`):
 * a flood from a few addresses cannot lock out the counters, screens and
 * agents. Browsers must come from the hall's own pages (or an allowed origin).
 */
export class SocketAdmission {
  private perAddress = new Map<string, number>();
  private anonymous = 0;
  private seats = new WeakMap<object, Seat>();
  /** Sockets per staff session or device token: a token frees the anonymous seat, so it is bounded here. */
  private perToken = new Map<string, number>();
  private trust: TrustFn;
  private trustedNetwork: TrustFn;
  /** Addresses that showed a staff or device token, with when they last did (newest last, bounded). */
  private known = new Map<string, number>();
  /** Refusals since start, by reason: for the log and the tests. */
  readonly refused = { perAddress: 0, hall: 0, origin: 0 };

  constructor(private settings: EdgeSettings) {
    this.trust = compileTrust(settings.trustProxy);
    try {
      this.trustedNetwork = proxyaddr.compile(settings.trustedNetworks);
    } catch (err) {
      throw new Error(`ONESTOP_TRUSTED_NETWORKS: ${(err as Error).message} (give addresses or subnets, comma-separated: 10.1.0.0/24, 10.1.1.5)`);
    }
  }

  /** An address showed a valid staff or device token (a socket or an HTTP request): it may use the reserved seats. */
  noteKnown(address: string, now = Date.now()): void {
    const a = normalise(address);
    this.known.delete(a);
    this.known.set(a, now);
    if (this.known.size > KNOWN_MAX) this.known.delete(this.known.keys().next().value!);
  }

  /** Whether this address may take the reserved seats. */
  isKnown(address: string, now = Date.now()): boolean {
    const at = this.known.get(address);
    if (at !== undefined && now - at < KNOWN_FOR_MS) return true;
    return this.trustedNetwork(address, 0);
  }

  /** engine.io's `allowRequest`: runs on each new connection's handshake, before anything is allocated. */
  allowRequest = (req: IncomingMessage, done: (message: string | null, ok: boolean) => void): void => {
    const viaProxy = this.trust(normalise(req.socket.remoteAddress ?? ''), 0);
    if (!originAllowed(req.headers, this.settings.allowedOrigins, viaProxy)) {
      this.refused.origin++;
      return done(`ORIGIN_NOT_ALLOWED: pages of ${String(req.headers.origin).slice(0, 100)} may not connect to this hall`, false);
    }
    const { address } = peerOf(req.socket.remoteAddress, req.headers, this.trust);
    const mine = this.perAddress.get(address) ?? 0;
    if (mine >= this.settings.socketsPerAddress) {
      this.refused.perAddress++;
      return done(`TOO_MANY_CONNECTIONS: your network address already has ${mine} open connections to the hall (the limit); close some and try again`, false);
    }
    const { anonymousSockets, reservedSockets } = this.settings;
    const cap = this.isKnown(address) ? anonymousSockets : Math.max(0, anonymousSockets - reservedSockets);
    if (this.anonymous >= cap) {
      this.refused.hall++;
      return done(`TOO_MANY_CONNECTIONS: the hall server has ${this.anonymous} open public connections (the limit); try again in a minute`, false);
    }
    this.perAddress.set(address, mine + 1);
    this.anonymous++;
    const seat: Seat = { address, counted: true };
    this.seats.set(req, seat);
    // A handshake that fails after this point never becomes a connection: give the seat back.
    setTimeout(() => {
      if (this.seats.get(req) === seat) this.release(seat);
    }, 10_000).unref();
    done(null, true);
  };

  /** engine.io's `connection`: the seat now lives as long as the connection. */
  opened(conn: EngineConn): void {
    const seat = this.seats.get(conn.request);
    if (!seat) return;
    this.seats.delete(conn.request);
    this.seats.set(conn, seat);
    conn.once('close', () => {
      this.seats.delete(conn);
      this.release(seat);
    });
  }

  /** The connection showed a real token: it no longer counts as anonymous. */
  /**
   * `equipment`: a staff session or a kiosk token, which makes the address known. Display and
   * platform tokens do not: a screen's token can be read off a public screen (list the screens'
   * network in `trustedNetworks` instead), and a platform is not on the hall's LAN.
   */
  authenticated(conn: object, equipment: boolean): void {
    const seat = this.seats.get(conn);
    if (!seat) return;
    if (equipment) this.noteKnown(seat.address);
    this.release(seat);
  }

  private release(seat: Seat): void {
    if (!seat.counted) return;
    seat.counted = false;
    this.anonymous--;
    const n = (this.perAddress.get(seat.address) ?? 1) - 1;
    if (n <= 0) this.perAddress.delete(seat.address);
    else this.perAddress.set(seat.address, n);
  }

  /** Whether one more socket with this token would stay within `socketsPerToken` (checked before connecting, for a clear refusal). */
  tokenHasRoom(key: string): boolean {
    return (this.perToken.get(key) ?? 0) < this.settings.socketsPerToken;
  }

  /** Counts a connected socket against its token; false (and nothing counted) beyond the limit. */
  takeTokenSeat(key: string): boolean {
    const n = this.perToken.get(key) ?? 0;
    if (n >= this.settings.socketsPerToken) return false;
    this.perToken.set(key, n + 1);
    return true;
  }

  releaseTokenSeat(key: string): void {
    const n = (this.perToken.get(key) ?? 1) - 1;
    if (n <= 0) this.perToken.delete(key);
    else this.perToken.set(key, n);
  }

  /** Anonymous connections now: in total and from one address. */
  counts(address?: string): { anonymous: number; fromAddress: number } {
    return { anonymous: this.anonymous, fromAddress: address ? (this.perAddress.get(address) ?? 0) : 0 };
  }
}
