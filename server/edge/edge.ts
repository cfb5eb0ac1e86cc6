import { compileTrust, type TrustFn } from './peer.js';
import { SocketAdmission } from './socket-admission.js';
import { edgeSettingsFromEnv, type EdgeSettings } from './settings.js';

/** The network edge of one running hall: its settings, whom it trusts as a proxy, its socket seats. */
export interface Edge {
  settings: EdgeSettings;
  trust: TrustFn;
  sockets: SocketAdmission;
}

export function createEdge(given: Partial<EdgeSettings> = {}, env: NodeJS.ProcessEnv = process.env): Edge {
  const settings = edgeSettingsFromEnv(env, given);
  return { settings, trust: compileTrust(settings.trustProxy), sockets: new SocketAdmission(settings) };
}
