import type { KeySpec, KeyUsageType } from '@kms-lab/core';

/**
 * Which KeyUsage each KeySpec allows, in the order AWS lists them (AWS KMS Developer Guide,
 * "Key spec reference"). The Create form's `Key usage` select follows it. It is data only,
 * with type-only imports, so the Keys screen (in the start bundle) loads no engine code;
 * `satisfies` makes a KeySpec added to the SDK's enum fail the typecheck until it is here,
 * and test/key-specs.test.ts checks the table against the engine's CreateKey.
 */
const USAGES_OF_SPEC = {
  SYMMETRIC_DEFAULT: ['ENCRYPT_DECRYPT'],
  RSA_2048: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  RSA_3072: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  RSA_4096: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  ECC_NIST_P256: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_NIST_P384: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_NIST_P521: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_SECG_P256K1: ['SIGN_VERIFY'],
  ECC_NIST_EDWARDS25519: ['SIGN_VERIFY'],
  SM2: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'],
  HMAC_224: ['GENERATE_VERIFY_MAC'],
  HMAC_256: ['GENERATE_VERIFY_MAC'],
  HMAC_384: ['GENERATE_VERIFY_MAC'],
  HMAC_512: ['GENERATE_VERIFY_MAC'],
  ML_DSA_44: ['SIGN_VERIFY'],
  ML_DSA_65: ['SIGN_VERIFY'],
  ML_DSA_87: ['SIGN_VERIFY'],
  ML_KEM_512: ['ENCAPSULATE_DECAPSULATE'],
  ML_KEM_768: ['ENCAPSULATE_DECAPSULATE'],
  ML_KEM_1024: ['ENCAPSULATE_DECAPSULATE'],
} as const satisfies Record<KeySpec, readonly KeyUsageType[]>;

export const ALL_KEY_SPECS = Object.keys(USAGES_OF_SPEC) as KeySpec[];

/**
 * ML-DSA and ML-KEM keys (FIPS 204 and 203): made from a seed, not by the key pair generator;
 * "Use a KMS key" signs with the first and encapsulates with the second.
 */
export const isPostQuantum = (spec: KeySpec) => spec.startsWith('ML_');

/** The usages a key of this spec may have; the first is the form's default. */
export const usagesOf = (spec: KeySpec): readonly KeyUsageType[] => USAGES_OF_SPEC[spec];

export interface KeySpecGroup {
  label: string;
  specs: KeySpec[];
}

/** The specs whose names start with one of the prefixes, in the order of USAGES_OF_SPEC. */
const specsNamed = (...prefixes: string[]) =>
  ALL_KEY_SPECS.filter((spec) => prefixes.some((prefix) => spec.startsWith(prefix)));

/** The Key spec select's option groups. */
export const KEY_SPEC_GROUPS: readonly KeySpecGroup[] = [
  { label: 'Symmetric', specs: ['SYMMETRIC_DEFAULT'] },
  { label: 'RSA', specs: specsNamed('RSA_') },
  { label: 'Elliptic curve', specs: specsNamed('ECC_', 'SM2') },
  { label: 'HMAC', specs: specsNamed('HMAC_') },
  {
    label: 'Post-quantum (ML-DSA signs, ML-KEM encapsulates)',
    specs: specsNamed('ML_DSA_', 'ML_KEM_'),
  },
];

/** What the usage lets the key do, for the select's option text. */
export const USAGE_NOTES: Readonly<Record<KeyUsageType, string>> = {
  ENCRYPT_DECRYPT: 'encrypt and decrypt',
  SIGN_VERIFY: 'sign and verify',
  KEY_AGREEMENT: 'derive shared secrets (ECDH)',
  GENERATE_VERIFY_MAC: 'generate and verify MACs',
  ENCAPSULATE_DECAPSULATE: 'encapsulate and decapsulate shared secrets (ML-KEM)',
};

/**
 * The specs whose key material can be imported (CreateKey with Origin EXTERNAL): AWS allows
 * symmetric, HMAC, RSA, ECC and SM2 keys; KMS Lab's engine imports all of them
 * (test/key-specs.test.ts checks the list against its CreateKey).
 */
export const isImportableSpec = (spec: KeySpec) =>
  spec === 'SYMMETRIC_DEFAULT' ||
  spec.startsWith('HMAC_') ||
  spec.startsWith('RSA_') ||
  spec.startsWith('ECC_NIST_P') ||
  spec === 'ECC_SECG_P256K1' ||
  spec === 'SM2';
