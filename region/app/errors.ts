/** A refused region request: a stable code, a message for people, an HTTP status and details. */
export class RegionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
