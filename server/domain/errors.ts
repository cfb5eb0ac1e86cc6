/**
 * A rule of the hall was broken. `code` is stable for machines, `message` is for
 * people; the HTTP layer maps codes to statuses.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
