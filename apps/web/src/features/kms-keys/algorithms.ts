import type {
  EncapsulationAlgorithmSpec,
  EncryptionAlgorithmSpec,
  KeyAgreementAlgorithmSpec,
  MacAlgorithmSpec,
  SigningAlgorithmSpec,
} from '@kms-lab/core';

/** Sign and Verify's MessageType for the specs KMS Lab makes (EXTERNAL_MU is ML-DSA only). */
export type SignMessageType = 'RAW' | 'DIGEST' | 'EXTERNAL_MU';

/**
 * The MessageTypes an algorithm takes. AWS: "ED25519_SHA_512 signing algorithm requires
 * KMS MessageType:RAW; ED25519_PH_SHA_512 signing algorithm requires KMS MessageType:DIGEST";
 * ML_DSA_SHAKE_256 takes RAW or EXTERNAL_MU ("KMS skips the first step of the signing
 * process"), never DIGEST.
 */
export function messageTypesFor(algorithm: SigningAlgorithmSpec): SignMessageType[] {
  if (algorithm === 'ML_DSA_SHAKE_256') return ['RAW', 'EXTERNAL_MU'];
  if (algorithm === 'ED25519_SHA_512') return ['RAW'];
  if (algorithm === 'ED25519_PH_SHA_512') return ['DIGEST'];
  return ['RAW', 'DIGEST'];
}

/**
 * What the page hashes the text with for MessageType DIGEST: the SHA-2 named by the
 * algorithm, SHA-512 for Ed25519ph (KMS then applies Ed25519ph to those 64 bytes), and for
 * SM2DSA SM3 over Z_A (from the key's public key and the default ID) then the message, as
 * AWS's "Offline verification with SM2 key pairs" has the caller do.
 */
export type DigestName = 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SM3';

export function digestOf(algorithm: SigningAlgorithmSpec): DigestName {
  if (algorithm === 'SM2DSA') return 'SM3';
  if (algorithm.endsWith('_SHA_256')) return 'SHA-256';
  if (algorithm.endsWith('_SHA_384')) return 'SHA-384';
  if (algorithm.endsWith('_SHA_512')) return 'SHA-512';
  throw new Error(`${algorithm} names no digest KMS Lab computes.`);
}

const ASYMMETRIC_ENCRYPTION: readonly EncryptionAlgorithmSpec[] = [
  'RSAES_OAEP_SHA_256',
  'RSAES_OAEP_SHA_1',
  'SM2PKE',
];

/**
 * The encryption algorithms a key of this spec takes, for ReEncrypt's selects (the named
 * key is found in the app's list). Every algorithm when the key is not known here.
 */
export function encryptionAlgorithmsOf(spec: string | undefined): EncryptionAlgorithmSpec[] {
  if (spec === 'SYMMETRIC_DEFAULT') return ['SYMMETRIC_DEFAULT'];
  if (spec?.startsWith('RSA_')) return ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'];
  if (spec === 'SM2') return ['SM2PKE'];
  return ['SYMMETRIC_DEFAULT', ...ASYMMETRIC_ENCRYPTION];
}

/** The first choice of a select: SHA-256 OAEP over SHA-1 OAEP where both are offered. */
export function preferredEncryption(
  algorithms: readonly EncryptionAlgorithmSpec[],
): EncryptionAlgorithmSpec | undefined {
  return algorithms.includes('RSAES_OAEP_SHA_256') ? 'RSAES_OAEP_SHA_256' : algorithms[0];
}

/** DescribeKey's algorithm lists: what the chosen key's cards offer. */
export interface KeyAlgorithms {
  signing: SigningAlgorithmSpec[];
  encryption: EncryptionAlgorithmSpec[];
  keyAgreement: KeyAgreementAlgorithmSpec[];
  mac: MacAlgorithmSpec[];
  encapsulation: EncapsulationAlgorithmSpec[];
}
