// The few calls of proxy-addr (express's own dependency) the hall uses.
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';
  type Trust = (addr: string, i: number) => boolean;
  type Req = Pick<IncomingMessage, 'headers'> & { connection?: { remoteAddress?: string }; socket?: { remoteAddress?: string } };
  function proxyaddr(req: Req, trust: Trust): string;
  namespace proxyaddr {
    function compile(val: string | string[]): Trust;
  }
  export = proxyaddr;
}
