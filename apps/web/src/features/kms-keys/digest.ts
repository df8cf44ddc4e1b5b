import { parseSubjectPublicKeyInfo, type SigningAlgorithmSpec, sm2, sm3 } from '@kms-lab/core';
import { digestOf } from './algorithms';

/**
 * The Message to send with MessageType DIGEST for `message`, computed in the page: SHA-2
 * with WebCrypto, SM3(Z_A || message) with KMS Lab's SM3 (WebCrypto has no SM3), Z_A from
 * the key's public key (DER SPKI) and the default ID 1234567812345678.
 */
export async function messageDigest(
  algorithm: SigningAlgorithmSpec,
  message: Uint8Array,
  publicKey: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const name = digestOf(algorithm);
  if (name === 'SM3') {
    const point = parseSubjectPublicKeyInfo(await publicKey()).publicKey;
    const z = sm2.computeZ(point);
    const input = new Uint8Array(z.length + message.length);
    input.set(z);
    input.set(message, z.length);
    return sm3(input);
  }
  return new Uint8Array(await crypto.subtle.digest(name, message as Uint8Array<ArrayBuffer>));
}

/** How the card says where the digest came from. */
export function digestDescription(algorithm: SigningAlgorithmSpec): string {
  const name = digestOf(algorithm);
  if (name === 'SM3')
    return 'SM3(Z_A ‖ text), Z_A from the public key and the ID 1234567812345678, with KMS Lab’s SM3 (WebCrypto has no SM3)';
  return `${name} of the text, with WebCrypto`;
}
