/**
 * Configuration shapes of the hall (settings, services, windows) as the admin
 * API takes and returns them: the server's domain uses them, and the admin UI
 * edits them, so they are wire types, defined once as zod schemas in
 * common/wire/config.ts. No runtime dependencies.
 */
export type { ServiceRoute, HallSettings, NotifySettings, RemoteQueueSettings, ServiceDef, WindowService, WindowDef } from './wire/config.js';
