/**
 * ML-KEM data key pairs (FIPS 203): ML_KEM_512, ML_KEM_768 and ML_KEM_1024. A pair is made
 * from a 64-byte seed d || z drawn from the injected provider (FIPS 203, Algorithm 19,
 * ML-KEM.KeyGen: "d <-$ B^32, z <-$ B^32"); the public key is its encapsulation key ek in a
 * SubjectPublicKeyInfo, the private key the seed in a PKCS #8, `seed [0]`, as OpenSSL 3.5 writes
 * it (der/module-lattice-key.ts). AWS, GenerateDataKeyPair: "For ML-KEM data key pairs, the
 * DER-encoded PKCS8 PrivateKeyInfo contains the private key in seed format. As a result, the
 * length of the private key is the same for all ML-KEM key pair specs": 86 bytes.
 *
 * With the pair: ML-KEM.Encaps to its public key and ML-KEM.Decaps with its private key
 * (FIPS 203, Algorithms 20 and 21), as AWS's Encapsulate and Decapsulate do with ML-KEM KMS keys.
 * Keys are parsed and checked against the spec first; a malformed key, or a ciphertext of the
 * wrong length, throws.
 */
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import {
  encodeModuleLatticeKeyPair,
  type ModuleLatticeParameterSet,
  parseModuleLatticePrivateKeyInfo,
  parseModuleLatticePublicKey,
} from '../der/module-lattice-key.js';
import type { DataKeyPairSpec } from '../model/types.generated.js';
import { randomBytes } from './bytes.js';
import { mlKemEncapsulationKey } from './ml-kem-keygen.js';
import { type MlKemKeyPairSpec, mlKemSpec } from './specs.js';
import type { CryptoProvider, DerKeyPair, KeyPairGenerator } from './types.js';

/** FIPS 203, Algorithm 19: d and z, 32 bytes each. */
const SEED_BYTES = 64;
/** FIPS 203, Algorithm 20: the message m of ML-KEM.Encaps is 32 bytes. */
const MESSAGE_BYTES = 32;

const KEMS = {
  'ML-KEM-512': ml_kem512,
  'ML-KEM-768': ml_kem768,
  'ML-KEM-1024': ml_kem1024,
} as const satisfies Record<MlKemKeyPairSpec['parameterSet'], unknown>;

/** A pair of `spec` from `seed` (d || z); the caller wipes the seed. */
export function mlKemKeyPairFromSeed(spec: DataKeyPairSpec, seed: Uint8Array): DerKeyPair {
  const { parameterSet } = mlKemSpec(spec);
  return encodeModuleLatticeKeyPair(parameterSet, seed, mlKemEncapsulationKey(parameterSet, seed));
}

export const generateMlKemKeyPair: KeyPairGenerator = async (spec, crypto) => {
  const seed = randomBytes(crypto, SEED_BYTES);
  try {
    return mlKemKeyPairFromSeed(spec, seed);
  } finally {
    seed.fill(0);
  }
};

function checkParameterSet(
  info: Readonly<MlKemKeyPairSpec>,
  found: ModuleLatticeParameterSet,
  what: string,
): void {
  if (found.name !== info.parameterSet)
    throw new Error(`${info.spec}: the ${what} is ${found.name}, not ${info.parameterSet}`);
}

export interface MlKemEncapsulation {
  /** K, 32 bytes. */
  sharedSecret: Uint8Array;
  /** c: 768, 1088 or 1568 bytes, as AWS's SharedSecretCiphertextBlob. */
  ciphertext: Uint8Array;
}

/**
 * ML-KEM.Encaps to an SPKI public key of `spec`, with m drawn from the provider. The key is
 * checked as FIPS 203, Section 7.2 asks ("modulus check"): an ek whose coefficients are not all
 * below q throws.
 */
export function encapsulateWithPublicKey(
  spec: DataKeyPairSpec,
  spki: Uint8Array,
  crypto: CryptoProvider,
): MlKemEncapsulation {
  const info = mlKemSpec(spec);
  const { parameterSet, publicKey } = parseModuleLatticePublicKey(spki);
  checkParameterSet(info, parameterSet, 'public key');
  const message = randomBytes(crypto, MESSAGE_BYTES);
  try {
    const { sharedSecret, cipherText } = KEMS[info.parameterSet].encapsulate(publicKey, message);
    // noble's K is a view of a larger buffer: the copy is K alone.
    const secret = sharedSecret.slice();
    sharedSecret.fill(0);
    return { sharedSecret: secret, ciphertext: cipherText };
  } finally {
    message.fill(0);
  }
}

/**
 * ML-KEM.Decaps with a PKCS #8 private key of `spec`: the seed, the expanded key or both
 * (der/module-lattice-key.ts reads all three). A ciphertext of another length throws; any
 * ciphertext of the right length gives 32 bytes, the shared secret or, for one that was not
 * made for this key, FIPS 203's implicit rejection (K-bar = J(z || c)), as AWS's Decapsulate.
 */
export function decapsulateWithPrivateKey(
  spec: DataKeyPairSpec,
  pkcs8: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  const info = mlKemSpec(spec);
  if (ciphertext.length !== info.ciphertextBytes)
    throw new Error(
      `${spec}: the ciphertext is ${ciphertext.length} bytes, expected ${info.ciphertextBytes}`,
    );
  const key = parseModuleLatticePrivateKeyInfo(pkcs8);
  const kem = KEMS[info.parameterSet];
  let expanded: Uint8Array | undefined;
  try {
    checkParameterSet(info, key.parameterSet, 'private key');
    if (key.seed !== undefined) {
      expanded = kem.keygen(key.seed).secretKey;
      // draft-ietf-lamps-kyber-certificates: with both, the expanded key must be the seed's.
      if (key.expandedKey !== undefined && !sameBytes(expanded, key.expandedKey))
        throw new Error(`${spec}: the private key's seed and expanded key do not match`);
    }
    return kem.decapsulate(ciphertext, expanded ?? (key.expandedKey as Uint8Array));
  } finally {
    key.seed?.fill(0);
    key.expandedKey?.fill(0);
    expanded?.fill(0);
  }
}

/** Constant-time comparison of two secrets of public length. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}
