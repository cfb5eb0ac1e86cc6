import { fixtureMode } from './env.js';

/**
 * What this hall server offers, read from its OpenAPI document once per page
 * load. Features that land on the server at different times (appointments,
 * reports, alerts, ratings) are shown only when the server has them, so a UI
 * never offers a button that ends in a 404.
 */
type Paths = Record<string, Record<string, unknown>>;
let doc: Promise<Paths> | null = null;

function load(): Promise<Paths> {
  if (fixtureMode) return Promise.resolve({});
  doc ??= fetch('/api/v1/openapi.json', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : {}))
    .then((d: { paths?: Paths }) => d.paths ?? {})
    .catch(() => {
      doc = null; // try again next time: the server may be restarting
      return {};
    });
  return doc;
}

/** Whether the server documents `method path` (path as in the document, e.g. `/api/v1/admin/alerts/{id}/ack`). */
export async function hasApi(path: string, method = 'get'): Promise<boolean> {
  const paths = await load();
  return !!paths[path]?.[method.toLowerCase()];
}
