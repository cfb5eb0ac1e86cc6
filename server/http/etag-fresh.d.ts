// The calls of etag and fresh (express's own dependencies, now used directly by the API's reply writer).
declare module 'etag' {
  function etag(entity: string | Buffer, options?: { weak?: boolean }): string;
  export = etag;
}
declare module 'fresh' {
  function fresh(reqHeaders: Record<string, string | string[] | undefined>, resHeaders: Record<string, string | undefined>): boolean;
  export = fresh;
}
