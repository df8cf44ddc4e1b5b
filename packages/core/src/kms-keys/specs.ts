/**
 * The KMS key specs whose cryptography this folder implements, as data: the algorithms each
 * spec allows per key usage, the digest length of each signing algorithm, the HMAC key
 * lengths. AWS KMS Developer Guide, "Key spec reference". The nine key pair specs have the
 * same names as the DataKeyPairSpecs, so the key family and OIDs come from keypairs/specs.ts;
 * the ML-DSA and ML-KEM specs' parameter sets are in module-lattice.ts.
 */

import type {
  EncryptionAlgorithmSpec,
  KeySpec,
  MacAlgorithmSpec,
  SigningAlgorithmSpec,
} from '../model/types.generated.js';
import { KMS_KEY_SPECS } from './key-spec-table.js';
import { invalidKeyUsage } from './kms-errors.js';

/**
 * KMS key specs backed by a classical key pair: the nine DataKeyPairSpec names, whose keys
 * keypairs/ generates (ML-DSA and ML-KEM keys have their own types below).
 */
export type KeyPairKeySpec = Extract<
  KeySpec,
  | 'RSA_2048'
  | 'RSA_3072'
  | 'RSA_4096'
  | 'ECC_NIST_P256'
  | 'ECC_NIST_P384'
  | 'ECC_NIST_P521'
  | 'ECC_SECG_P256K1'
  | 'ECC_NIST_EDWARDS25519'
  | 'SM2'
>;
export type RsaKeySpec = Extract<KeySpec, 'RSA_2048' | 'RSA_3072' | 'RSA_4096'>;
export type EcdsaKeySpec = Extract<
  KeySpec,
  'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521' | 'ECC_SECG_P256K1'
>;
export type HmacKeySpec = Extract<KeySpec, `HMAC_${string}`>;
/** ML-DSA (FIPS 204) signing keys. */
export type MlDsaKeySpec = Extract<KeySpec, 'ML_DSA_44' | 'ML_DSA_65' | 'ML_DSA_87'>;
/** ML-KEM (FIPS 203) key encapsulation keys. */
export type MlKemKeySpec = Extract<KeySpec, 'ML_KEM_512' | 'ML_KEM_768' | 'ML_KEM_1024'>;
/** Every spec whose key material generateKmsKeyMaterial makes. */
export type KmsKeyMaterialSpec = KeyPairKeySpec | HmacKeySpec | MlDsaKeySpec | MlKemKeySpec;

/** Sign and Verify's MessageType for the key pair specs (EXTERNAL_MU is ML-DSA's only). */
export type MessageType = 'RAW' | 'DIGEST';
/** Sign and Verify's MessageType for ML-DSA keys: the message, or its 64-byte mu. */
export type MlDsaMessageType = 'RAW' | 'EXTERNAL_MU';

export type AsymmetricEncryptionAlgorithm = Exclude<EncryptionAlgorithmSpec, 'SYMMETRIC_DEFAULT'>;

/** The hashes WebCrypto names, for the RSA and NIST algorithms. */
export type ShaName = 'SHA-256' | 'SHA-384' | 'SHA-512';

const SIGNING_SPECS: readonly KeyPairKeySpec[] = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ECC_NIST_EDWARDS25519',
  'SM2',
];

/** The signing algorithms of each key pair spec, from the one KMS key spec table. */
export const SIGNING_ALGORITHMS: Readonly<Record<KeyPairKeySpec, readonly SigningAlgorithmSpec[]>> =
  Object.fromEntries(
    SIGNING_SPECS.map((spec) => [spec, KMS_KEY_SPECS[spec].sign ?? []]),
  ) as unknown as Record<KeyPairKeySpec, readonly SigningAlgorithmSpec[]>;

/** The asymmetric encryption algorithms of a spec (none for most). */
export const encryptionAlgorithmsOf = (spec: KeySpec): readonly AsymmetricEncryptionAlgorithm[] =>
  (KMS_KEY_SPECS[spec]?.encrypt ?? []).filter(
    (algorithm): algorithm is AsymmetricEncryptionAlgorithm => algorithm !== 'SYMMETRIC_DEFAULT',
  );

/** The KEY_AGREEMENT specs; ECDH is their one algorithm. */
export const KEY_AGREEMENT_SPECS = [
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'SM2',
] as const satisfies readonly KeySpec[];
export type KeyAgreementKeySpec = (typeof KEY_AGREEMENT_SPECS)[number];

export interface HmacSpecInfo {
  /** AWS: "HMAC_224 ... 224 bits" and so on; the key is as long as the digest. */
  keyBytes: 28 | 32 | 48 | 64;
  /** WebCrypto's name for the hash; undefined for SHA-224, which WebCrypto lacks. */
  webCryptoHash: ShaName | undefined;
}

export const HMAC_SPECS: Readonly<Record<HmacKeySpec, HmacSpecInfo>> = {
  HMAC_224: { keyBytes: 28, webCryptoHash: undefined },
  HMAC_256: { keyBytes: 32, webCryptoHash: 'SHA-256' },
  HMAC_384: { keyBytes: 48, webCryptoHash: 'SHA-384' },
  HMAC_512: { keyBytes: 64, webCryptoHash: 'SHA-512' },
};

/**
 * Bytes of the Message when MessageType is DIGEST. AWS: "the length of the Message value must
 * match the length of hashed messages for the specified signing algorithm"; SM2DSA's digest is
 * the 32-byte SM3(Z_A || M), ED25519_PH_SHA_512's the 64-byte SHA-512 of the message.
 */
export const DIGEST_BYTES: Readonly<Partial<Record<SigningAlgorithmSpec, number>>> = {
  RSASSA_PSS_SHA_256: 32,
  RSASSA_PSS_SHA_384: 48,
  RSASSA_PSS_SHA_512: 64,
  RSASSA_PKCS1_V1_5_SHA_256: 32,
  RSASSA_PKCS1_V1_5_SHA_384: 48,
  RSASSA_PKCS1_V1_5_SHA_512: 64,
  ECDSA_SHA_256: 32,
  ECDSA_SHA_384: 48,
  ECDSA_SHA_512: 64,
  SM2DSA: 32,
  ED25519_PH_SHA_512: 64,
};

/** The hash named at the end of an RSA or ECDSA algorithm, e.g. SHA-256 for ECDSA_SHA_256. */
export function shaOf(algorithm: SigningAlgorithmSpec): ShaName {
  if (algorithm.endsWith('_SHA_256')) return 'SHA-256';
  if (algorithm.endsWith('_SHA_384')) return 'SHA-384';
  if (algorithm.endsWith('_SHA_512')) return 'SHA-512';
  throw new Error(`${algorithm} does not name a SHA-2 hash`);
}

const has = <T extends string>(table: object, key: T): boolean =>
  typeof key === 'string' && Object.hasOwn(table, key);

export const ML_DSA_KEY_SPECS = [
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
] as const satisfies readonly MlDsaKeySpec[];
export const ML_KEM_KEY_SPECS = [
  'ML_KEM_512',
  'ML_KEM_768',
  'ML_KEM_1024',
] as const satisfies readonly MlKemKeySpec[];

export const isKeyPairKeySpec = (spec: KeySpec): spec is KeyPairKeySpec =>
  has(SIGNING_ALGORITHMS, spec);
export const isHmacKeySpec = (spec: KeySpec): spec is HmacKeySpec => has(HMAC_SPECS, spec);
export const isMlDsaKeySpec = (spec: KeySpec): spec is MlDsaKeySpec =>
  (ML_DSA_KEY_SPECS as readonly string[]).includes(spec);
export const isMlKemKeySpec = (spec: KeySpec): spec is MlKemKeySpec =>
  (ML_KEM_KEY_SPECS as readonly string[]).includes(spec);
export const isKmsKeyMaterialSpec = (spec: KeySpec): spec is KmsKeyMaterialSpec =>
  isKeyPairKeySpec(spec) || isHmacKeySpec(spec) || isMlDsaKeySpec(spec) || isMlKemKeySpec(spec);

/**
 * The guard every operation runs first: the engine checks key usage and algorithm too, but a
 * call that slips past it must not reach the cryptography with the wrong key.
 */
export function requireSigningAlgorithm(
  spec: KeySpec,
  algorithm: SigningAlgorithmSpec,
): KeyPairKeySpec | MlDsaKeySpec {
  if (
    (isKeyPairKeySpec(spec) || isMlDsaKeySpec(spec)) &&
    KMS_KEY_SPECS[spec].sign?.includes(algorithm)
  )
    return spec;
  throw invalidKeyUsage(algorithm, spec);
}

export function requireEncryptionAlgorithm(
  spec: KeySpec,
  algorithm: AsymmetricEncryptionAlgorithm,
): KeyPairKeySpec {
  if (!isKeyPairKeySpec(spec) || !encryptionAlgorithmsOf(spec).includes(algorithm)) {
    throw invalidKeyUsage(algorithm, spec);
  }
  return spec;
}

export function requireMacAlgorithm(spec: KeySpec, algorithm: MacAlgorithmSpec): HmacSpecInfo {
  if (!isHmacKeySpec(spec) || !KMS_KEY_SPECS[spec].mac?.includes(algorithm)) {
    throw invalidKeyUsage(algorithm, spec);
  }
  return HMAC_SPECS[spec];
}

export function requireEncapsulationSpec(spec: KeySpec): MlKemKeySpec {
  if (!isMlKemKeySpec(spec) || !KMS_KEY_SPECS[spec].encapsulate?.includes('ML_KEM'))
    throw invalidKeyUsage('ML_KEM', spec);
  return spec;
}

export function requireKeyAgreementSpec(spec: KeySpec): KeyAgreementKeySpec {
  const found = KEY_AGREEMENT_SPECS.find((candidate) => candidate === spec);
  if (found === undefined || !KMS_KEY_SPECS[found].agree) throw invalidKeyUsage('ECDH', spec);
  return found;
}

/** A key pair spec with its signing family, narrowed for the family's module. */
export type SigningFamily =
  | { family: 'rsa'; spec: RsaKeySpec }
  | { family: 'ecdsa'; spec: EcdsaKeySpec }
  | { family: 'ed25519'; spec: 'ECC_NIST_EDWARDS25519' }
  | { family: 'sm2'; spec: 'SM2' };

export function signingFamily(spec: KeyPairKeySpec): SigningFamily {
  switch (spec) {
    case 'RSA_2048':
    case 'RSA_3072':
    case 'RSA_4096':
      return { family: 'rsa', spec };
    case 'ECC_NIST_P256':
    case 'ECC_NIST_P384':
    case 'ECC_NIST_P521':
    case 'ECC_SECG_P256K1':
      return { family: 'ecdsa', spec };
    case 'ECC_NIST_EDWARDS25519':
      return { family: 'ed25519', spec };
    case 'SM2':
      return { family: 'sm2', spec };
  }
}
