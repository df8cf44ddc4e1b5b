// Helpers for the ML-DSA and ML-KEM tests.
import { shake256 } from '@noble/hashes/sha3.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { expect } from 'vitest';
import {
  type DataKeyPairSpec,
  mlKemKeyPairFromSeed,
  mlKemSpec,
  parseModuleLatticePrivateKeyInfo,
  parseModuleLatticePublicKey,
} from '../../src/index.js';

/**
 * The mu of pure ML-DSA with the empty context, FIPS 204: tr = H(pk, 64) (Algorithm 6, step 7),
 * M' = IntegerToBytes(0, 1) || IntegerToBytes(|ctx|, 1) || ctx || M (Algorithm 2, step 10),
 * mu = H(tr || M', 64) (Algorithm 7, step 6), where H is SHAKE256.
 */
export function mlDsaMu(spki: Uint8Array, message: Uint8Array): Uint8Array {
  const { publicKey } = parseModuleLatticePublicKey(spki);
  const tr = shake256(publicKey, { dkLen: 64 });
  return shake256(concatBytes(tr, Uint8Array.of(0, 0), message), { dkLen: 64 });
}

/** FIPS 204, Table 2: the signature sizes of ML-DSA-44, -65 and -87. */
export const ML_DSA_SIGNATURE_BYTES = {
  ML_DSA_44: 2420,
  ML_DSA_65: 3309,
  ML_DSA_87: 4627,
} as const;

/** FIPS 203, Table 3: the ciphertext sizes of ML-KEM-512, -768 and -1024. */
export const ML_KEM_CIPHERTEXT_BYTES = {
  ML_KEM_512: 768,
  ML_KEM_768: 1088,
  ML_KEM_1024: 1568,
} as const;

/** The PKCS #8 of the seed form: 54 bytes for every ML-DSA key, 86 for every ML-KEM key. */
export const SEED_PKCS8_BYTES = { 'ML-DSA': 54, 'ML-KEM': 86 } as const;

/**
 * WebCrypto whose getRandomValues gives the same bytes on every run: a KMS on it makes the
 * same ML-DSA and ML-KEM keys, signatures and encapsulations each time, which shows that
 * their randomness is the provider's and not globalThis.crypto's.
 */
export function repeatableCrypto(): Pick<Crypto, 'subtle' | 'getRandomValues'> {
  let counter = 0;
  return {
    subtle: globalThis.crypto.subtle,
    getRandomValues<T extends ArrayBufferView | null>(array: T): T {
      if (array) {
        const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
        for (let index = 0; index < bytes.length; index++) bytes[index] = (counter++ * 131) & 0xff;
      }
      return array;
    },
  };
}

/**
 * Checks an ML-KEM data key pair: the PKCS #8 is the 86-byte seed form (AWS: "the length of the
 * private key is the same for all ML-KEM key pair specs"), the SPKI is of the spec's parameter
 * set, and ML-KEM.KeyGen of the seed gives that SPKI. OpenSSL 3.5 checks the same in
 * engine-ml-kem-data-keys.test.ts.
 */
export function expectMlKemDataKeyPair(
  spec: DataKeyPairSpec,
  publicKey: Uint8Array | undefined,
  privateKey: Uint8Array | undefined,
): void {
  const { parameterSet } = mlKemSpec(spec);
  expect(privateKey).toHaveLength(86);
  expect(parseModuleLatticePublicKey(publicKey as Uint8Array).parameterSet.name).toBe(parameterSet);
  const { seed, expandedKey } = parseModuleLatticePrivateKeyInfo(privateKey as Uint8Array);
  expect([seed?.length, expandedKey]).toEqual([64, undefined]);
  expect(mlKemKeyPairFromSeed(spec, seed as Uint8Array).publicKey).toEqual(publicKey);
}
