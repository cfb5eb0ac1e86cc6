/**
 * Settings of the network edge (who the caller is, how much one address may
 * take), read from the environment at start-up; tests pass them directly.
 */
export type TrustProxy = boolean | number | string;

export interface EdgeSettings {
  /** express's `trust proxy`: false (default), true, a hop count, or addresses/subnets (`loopback, 10.0.0.0/8`). */
  trustProxy: TrustProxy;
  /** Concurrent sockets one address may hold before it has shown a staff or device token. */
  socketsPerAddress: number;
  /** Concurrent such sockets from all addresses together (what the heap can carry). */
  anonymousSockets: number;
  /**
   * Of `anonymousSockets`, the seats kept for addresses the hall knows: those that have shown a
   * staff or device token since start, and `trustedNetworks`. Public clients from other addresses
   * get at most `anonymousSockets - reservedSockets`, so a flood from a few addresses cannot lock
   * the counters, screens and kiosk agents out.
   */
  reservedSockets: number;
  /** Addresses or subnets of the hall's own equipment (`10.1.0.0/24, 10.1.1.5`), known even right after a restart. */
  trustedNetworks: string[];
  /** Concurrent sockets one staff session or device token may hold (a token gives the anonymous seat back, so it needs its own bound). */
  socketsPerToken: number;
  /** Unauthenticated HTTP requests per address: sustained per second, and the burst allowed on top. */
  httpPerSecond: number;
  httpBurst: number;
  /**
   * The same for the pages, scripts and voice clips (everything outside `/api`): a screen
   * loading its three voice packs fetches some 450 files at once, so these have their own,
   * larger budget and never eat the budget of the API.
   */
  filesPerSecond: number;
  filesBurst: number;
  /** Events one `/display` socket may send: sustained per second and burst (`state`, `track`). */
  displayEventsPerSecond: number;
  displayEventsBurst: number;
  /** Browser origins allowed to open sockets besides the server's own host (`https://hall.example.cn`). */
  allowedOrigins: string[];
}

export const EDGE_DEFAULTS: EdgeSettings = {
  trustProxy: false,
  // A hall's Wi-Fi puts every phone behind one NAT address: room for a busy day's waiting room on one address.
  socketsPerAddress: 1000,
  anonymousSockets: 2000,
  reservedSockets: 200,
  trustedNetworks: [],
  // A screen, kiosk or counter PC uses one or two namespaces; a supervisor a few tabs.
  socketsPerToken: 20,
  httpPerSecond: 20,
  httpBurst: 400,
  filesPerSecond: 200,
  filesBurst: 3000,
  displayEventsPerSecond: 1,
  displayEventsBurst: 10,
  allowedOrigins: [],
};

/** `TRUST_PROXY` as express reads `trust proxy`: true/false, a hop count, or a comma list of addresses. */
export function parseTrustProxy(v: string | undefined): TrustProxy {
  const s = (v ?? '').trim();
  if (s === '' || /^(false|0|off|no)$/i.test(s)) return false;
  if (/^(true|on|yes)$/i.test(s)) return true;
  if (/^\d+$/.test(s)) return Number(s);
  return s;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
}

function nonNegative(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of 0 or more, not "${raw}"`);
  return n;
}

const list = (v: string | undefined): string[] => (v ?? '').split(',').map((o) => o.trim()).filter(Boolean);

export function edgeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env, given: Partial<EdgeSettings> = {}): EdgeSettings {
  return {
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    socketsPerAddress: positive(env, 'ONESTOP_SOCKETS_PER_ADDRESS', EDGE_DEFAULTS.socketsPerAddress),
    anonymousSockets: positive(env, 'ONESTOP_ANONYMOUS_SOCKETS', EDGE_DEFAULTS.anonymousSockets),
    reservedSockets: nonNegative(env, 'ONESTOP_RESERVED_SOCKETS', EDGE_DEFAULTS.reservedSockets),
    trustedNetworks: list(env.ONESTOP_TRUSTED_NETWORKS),
    socketsPerToken: positive(env, 'ONESTOP_SOCKETS_PER_TOKEN', EDGE_DEFAULTS.socketsPerToken),
    httpPerSecond: positive(env, 'ONESTOP_HTTP_PER_SECOND', EDGE_DEFAULTS.httpPerSecond),
    httpBurst: positive(env, 'ONESTOP_HTTP_BURST', EDGE_DEFAULTS.httpBurst),
    filesPerSecond: positive(env, 'ONESTOP_FILES_PER_SECOND', EDGE_DEFAULTS.filesPerSecond),
    filesBurst: positive(env, 'ONESTOP_FILES_BURST', EDGE_DEFAULTS.filesBurst),
    displayEventsPerSecond: EDGE_DEFAULTS.displayEventsPerSecond,
    displayEventsBurst: EDGE_DEFAULTS.displayEventsBurst,
    allowedOrigins: list(env.ONESTOP_ALLOWED_ORIGINS).map((o) => o.replace(/\/+$/, '')),
    ...given,
  };
}
