import { networkInterfaces } from 'node:os';

type Interfaces = ReturnType<typeof networkInterfaces>;

/**
 * The address printed in ticket QR codes when the hall setting `publicBaseUrl`
 * is empty: the server's own, never the `Host` header of whoever asked (a
 * request could otherwise print a link to any site on a citizen's ticket).
 * In order: `ONESTOP_PUBLIC_URL`; the `HOST` the server listens on when it is a
 * specific address; the machine's first non-internal IPv4 address; localhost.
 */
export function ownBaseUrl(opts: { port: number; host?: string; env?: NodeJS.ProcessEnv; interfaces?: Interfaces }): string {
  const env = opts.env ?? process.env;
  const configured = env.ONESTOP_PUBLIC_URL?.trim();
  if (configured) return checkedUrl(configured);
  const host = opts.host?.trim();
  if (host && !['0.0.0.0', '::', '::0', ''].includes(host)) return `http://${host.includes(':') ? `[${host}]` : host}:${opts.port}`;
  for (const addrs of Object.values(opts.interfaces ?? networkInterfaces())) {
    const v4 = addrs?.find((a) => (a.family === 'IPv4' || (a.family as unknown) === 4) && !a.internal);
    if (v4) return `http://${v4.address}:${opts.port}`;
  }
  return `http://localhost:${opts.port}`;
}

function checkedUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ONESTOP_PUBLIC_URL "${text}" is not a URL (e.g. http://192.168.1.10:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`ONESTOP_PUBLIC_URL "${text}" must start with http:// or https://`);
  return url.toString().replace(/\/$/, '');
}

/** The base of printed links: the hall setting when set, else the server's own address. */
export function qrBaseUrl(publicBaseUrl: string, own: string): string {
  return (publicBaseUrl.trim() || own).replace(/\/$/, '');
}
