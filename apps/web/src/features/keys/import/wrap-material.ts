/**
 * Wrapping key material in the page, as AWS documents its wrapping algorithms, with the
 * browser's WebCrypto: the material never leaves the page unwrapped.
 * - RSAES_OAEP_SHA_1 / RSAES_OAEP_SHA_256: the material encrypted with RSA-OAEP (MGF1 with the
 *   same hash) under the wrapping public key from GetParametersForImport.
 * - RSA_AES_KEY_WRAP_SHA_1 / RSA_AES_KEY_WRAP_SHA_256: a fresh 256-bit AES key encrypted with
 *   RSA-OAEP, followed by the material wrapped under that AES key with AES Key Wrap with
 *   Padding (RFC 5649). WebCrypto's AES-KW is RFC 3394, without padding, which refuses a
 *   PKCS #8 key whose length is not a multiple of 8: `@noble/ciphers`' aeskwp does RFC 5649,
 *   loaded only when this algorithm is used.
 */
import type { AlgorithmSpec, WrappingKeySpec } from '@kms-lab/core';

export type WrappingAlgorithm = Extract<
  AlgorithmSpec,
  'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256'
>;
export type RsaWrappingKeySpec = Exclude<WrappingKeySpec, 'SM2'>;

/** AWS's default first, as the form offers them. */
export const WRAPPING_ALGORITHMS: readonly WrappingAlgorithm[] = [
  'RSAES_OAEP_SHA_256',
  'RSAES_OAEP_SHA_1',
  'RSA_AES_KEY_WRAP_SHA_256',
  'RSA_AES_KEY_WRAP_SHA_1',
];
export const WRAPPING_KEY_SPECS: readonly RsaWrappingKeySpec[] = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
];

export const MODULUS_BYTES: Record<RsaWrappingKeySpec, number> = {
  RSA_2048: 256,
  RSA_3072: 384,
  RSA_4096: 512,
};

export const hashOf = (algorithm: WrappingAlgorithm) =>
  algorithm.endsWith('SHA_1') ? ('SHA-1' as const) : ('SHA-256' as const);

export const isRsaAesKeyWrap = (algorithm: WrappingAlgorithm) =>
  algorithm.startsWith('RSA_AES_KEY_WRAP');

/** RFC 8017 7.1.1: RSA-OAEP encrypts at most k - 2·hLen - 2 bytes. */
export function oaepCapacity(spec: RsaWrappingKeySpec, algorithm: WrappingAlgorithm): number {
  const hashBytes = hashOf(algorithm) === 'SHA-1' ? 20 : 32;
  return MODULUS_BYTES[spec] - 2 * hashBytes - 2;
}

export interface WrappedMaterial {
  /** ImportKeyMaterial's EncryptedKeyMaterial. */
  encryptedKeyMaterial: Uint8Array;
  /** The RSA-OAEP part's length, and for RSA_AES_KEY_WRAP the AES key wrap's. */
  parts: { oaep: number; aesKeyWrap?: number };
}

const AES_KEY_BYTES = 32;

/**
 * EncryptedKeyMaterial for ImportKeyMaterial. Throws, naming the limit, when RSA-OAEP alone
 * cannot carry the material (a PKCS #8 private key needs RSA_AES_KEY_WRAP).
 */
export async function wrapKeyMaterial(
  publicKeySpki: Uint8Array,
  spec: RsaWrappingKeySpec,
  algorithm: WrappingAlgorithm,
  material: Uint8Array,
): Promise<WrappedMaterial> {
  const subtle = globalThis.crypto.subtle;
  const oaepKey = await subtle.importKey(
    'spki',
    new Uint8Array(publicKeySpki),
    { name: 'RSA-OAEP', hash: hashOf(algorithm) },
    false,
    ['encrypt'],
  );
  const oaep = async (plaintext: Uint8Array) =>
    new Uint8Array(await subtle.encrypt({ name: 'RSA-OAEP' }, oaepKey, new Uint8Array(plaintext)));
  if (!isRsaAesKeyWrap(algorithm)) {
    const capacity = oaepCapacity(spec, algorithm);
    if (material.length > capacity)
      throw new Error(
        `${material.length} bytes of key material are more than ${algorithm} with an ${spec} wrapping key can carry (${capacity} bytes): choose RSA_AES_KEY_WRAP_SHA_256.`,
      );
    const encryptedKeyMaterial = await oaep(material);
    return { encryptedKeyMaterial, parts: { oaep: encryptedKeyMaterial.length } };
  }
  const [{ aeskwp }] = await Promise.all([import('@noble/ciphers/aes.js')]);
  const aesKey = globalThis.crypto.getRandomValues(new Uint8Array(AES_KEY_BYTES));
  try {
    const wrappedAesKey = await oaep(aesKey);
    const wrappedMaterial = aeskwp(aesKey).encrypt(material);
    const encryptedKeyMaterial = new Uint8Array(wrappedAesKey.length + wrappedMaterial.length);
    encryptedKeyMaterial.set(wrappedAesKey, 0);
    encryptedKeyMaterial.set(wrappedMaterial, wrappedAesKey.length);
    return {
      encryptedKeyMaterial,
      parts: { oaep: wrappedAesKey.length, aesKeyWrap: wrappedMaterial.length },
    };
  } finally {
    aesKey.fill(0);
  }
}
