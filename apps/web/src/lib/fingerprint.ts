import { toHex } from './bytes';

/**
 * The first 8 bytes of the SHA-256 of some bytes, colon-separated, as people compare
 * fingerprints. Of a shared secret it tells two secrets apart without showing either: the
 * journey keeps the fingerprint of an encapsulated secret, never the secret.
 */
export async function fingerprintOf(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', Uint8Array.from(bytes));
  return toHex(new Uint8Array(digest).subarray(0, 8), ':');
}
