/**
 * ML-DSA and ML-KEM KMS keys: each spec's FIPS parameter set, its @noble/post-quantum
 * implementation, and the KMS key's own public and private keys read from their DER
 * (der/module-lattice-key.ts). The private key is the seed alone, as OpenSSL 3.5 keeps it:
 * ML-DSA's 32-byte xi, ML-KEM's 64-byte d || z. The expanded private key is derived from it
 * for each operation (ML-DSA.KeyGen_internal, ML-KEM.KeyGen_internal) and wiped after use.
 *
 * As keys.ts says of the other KMS keys: the engine hands these in from its store, so a key
 * of the wrong parameter set is the engine's bug and a plain Error.
 */
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import {
  type ModuleLatticeParameterSet,
  parseModuleLatticePrivateKeyInfo,
  parseModuleLatticePublicKey,
} from '../der/module-lattice-key.js';
import type { PrivateKeyAccess } from './access.js';
import { isMlDsaKeySpec, type MlDsaKeySpec, type MlKemKeySpec } from './specs.js';

type ParameterSetName = ModuleLatticeParameterSet['name'];

/** FIPS 204, Table 1: ML-DSA-44, -65 and -87 (security categories 2, 3 and 5). */
export const ML_DSA = {
  ML_DSA_44: { parameterSet: 'ML-DSA-44', dsa: ml_dsa44 },
  ML_DSA_65: { parameterSet: 'ML-DSA-65', dsa: ml_dsa65 },
  ML_DSA_87: { parameterSet: 'ML-DSA-87', dsa: ml_dsa87 },
} as const satisfies Record<MlDsaKeySpec, { parameterSet: ParameterSetName; dsa: unknown }>;

/**
 * FIPS 203, Table 2: ML-KEM-512, -768 and -1024 (security categories 1, 3 and 5), with the
 * ciphertext sizes of Table 3, as AWS gives them: "the encapsulated shared secret is 768 bytes
 * for ML_KEM_512, 1088 bytes for ML_KEM_768, and 1568 bytes for ML_KEM_1024."
 */
export const ML_KEM = {
  ML_KEM_512: { parameterSet: 'ML-KEM-512', kem: ml_kem512, ciphertextBytes: 768 },
  ML_KEM_768: { parameterSet: 'ML-KEM-768', kem: ml_kem768, ciphertextBytes: 1088 },
  ML_KEM_1024: { parameterSet: 'ML-KEM-1024', kem: ml_kem1024, ciphertextBytes: 1568 },
} as const satisfies Record<
  MlKemKeySpec,
  { parameterSet: ParameterSetName; kem: unknown; ciphertextBytes: number }
>;

type ModuleLatticeKeySpec = MlDsaKeySpec | MlKemKeySpec;

function parameterSetNameOf(spec: ModuleLatticeKeySpec): ParameterSetName {
  return isMlDsaKeySpec(spec) ? ML_DSA[spec].parameterSet : ML_KEM[spec].parameterSet;
}

/** The raw public key (FIPS 204 pk, FIPS 203 ek) from the KMS key's SPKI. */
export function readModuleLatticePublicKey(spec: ModuleLatticeKeySpec, spki: Uint8Array) {
  const { parameterSet, publicKey } = parseModuleLatticePublicKey(spki);
  const expected = parameterSetNameOf(spec);
  if (parameterSet.name !== expected)
    throw new Error(`${spec}: the KMS key's public key is ${parameterSet.name}, not ${expected}`);
  return publicKey;
}

/** The seed from the KMS key's PKCS #8, read through `access`; the caller wipes it. */
export async function readSeed(
  spec: ModuleLatticeKeySpec,
  access: PrivateKeyAccess,
): Promise<Uint8Array> {
  const der = await access.bytes();
  try {
    const key = parseModuleLatticePrivateKeyInfo(der);
    key.expandedKey?.fill(0);
    const expected = parameterSetNameOf(spec);
    if (key.parameterSet.name !== expected || key.seed === undefined) {
      key.seed?.fill(0);
      throw new Error(`${spec}: the KMS key's private key is not a ${expected} seed`);
    }
    return key.seed;
  } finally {
    der.fill(0);
  }
}

/**
 * Runs `use` with the expanded private key derived from the KMS key's seed, and wipes the
 * seed and the expanded key after, whether `use` returns or throws.
 */
export async function withExpandedKey<R>(
  spec: ModuleLatticeKeySpec,
  access: PrivateKeyAccess,
  use: (secretKey: Uint8Array) => R,
): Promise<R> {
  const seed = await readSeed(spec, access);
  let secretKey: Uint8Array | undefined;
  try {
    secretKey = isMlDsaKeySpec(spec)
      ? ML_DSA[spec].dsa.keygen(seed).secretKey
      : ML_KEM[spec].kem.keygen(seed).secretKey;
    return use(secretKey);
  } finally {
    seed.fill(0);
    secretKey?.fill(0);
  }
}
