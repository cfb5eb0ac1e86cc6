/**
 * A door secret typed by an admin before the hall made them (8+ characters,
 * often far fewer than 128 bits): it keeps working, but the admin UI asks to
 * regenerate it. Secrets the hall makes have 32 characters (192 bits).
 */
export function doorSecretIsWeak(secret: string): boolean {
  return secret !== '' && secret.length < 32;
}
