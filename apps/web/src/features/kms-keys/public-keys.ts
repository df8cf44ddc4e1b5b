import { getKms } from '../../kms/runtime';

/**
 * Public keys of KMS keys, fetched with GetPublicKey once per key: an asymmetric KMS key
 * never changes its key pair (it does not rotate). The page needs one to hash an SM2
 * message (Z_A) and to compute a peer's side of ECDH. Public keys only: nothing secret.
 */
const cache = new Map<string, Promise<Uint8Array>>();

export function publicKeyOf(keyId: string): Promise<Uint8Array> {
  let found = cache.get(keyId);
  if (!found) {
    found = getKms()
      .then((kms) => kms.getPublicKey({ KeyId: keyId }))
      .then((response) => response.PublicKey as Uint8Array);
    // A failure (a disabled key) is not kept: the next call asks again.
    found.catch(() => cache.delete(keyId));
    cache.set(keyId, found);
  }
  return found;
}
