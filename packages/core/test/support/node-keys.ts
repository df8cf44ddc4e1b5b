import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { expect } from 'vitest';

/**
 * Parses a DER pair with node:crypto (OpenSSL) and checks that the public key derived from
 * the private key is the public key given. Returns both KeyObjects.
 */
export function nodeReadsPair(
  publicDer: Uint8Array | undefined,
  privateDer: Uint8Array | undefined,
): { publicKey: KeyObject; privateKey: KeyObject } {
  const publicKey = createPublicKey({
    key: Buffer.from(publicDer as Uint8Array),
    format: 'der',
    type: 'spki',
  });
  const privateKey = createPrivateKey({
    key: Buffer.from(privateDer as Uint8Array),
    format: 'der',
    type: 'pkcs8',
  });
  const derived = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  expect(Buffer.from(publicDer as Uint8Array).equals(derived)).toBe(true);
  expect(publicKey.asymmetricKeyType).toBe(privateKey.asymmetricKeyType);
  return { publicKey, privateKey };
}
