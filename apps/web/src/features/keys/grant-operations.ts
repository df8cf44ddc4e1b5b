import type { GrantOperation } from '@kms-lab/core';

/** Allowed on every KMS key: they act on the key or the grant, not on data. */
const GENERAL: readonly GrantOperation[] = ['CreateGrant', 'DescribeKey', 'RetireGrant'];

/**
 * AWS, "Grant operations": the cryptographic operations a grant may allow, per key type.
 * The Grants form offers only these, so a learner is not led into a ValidationException;
 * `apps/web/test/grant-operations.test.ts` checks them against the engine's CreateGrant.
 */
function cryptographicOperations(keySpec: string, keyUsage: string): GrantOperation[] {
  switch (keyUsage) {
    case 'ENCRYPT_DECRYPT':
      return keySpec === 'SYMMETRIC_DEFAULT'
        ? [
            'Decrypt',
            'Encrypt',
            'GenerateDataKey',
            'GenerateDataKeyPair',
            'GenerateDataKeyPairWithoutPlaintext',
            'GenerateDataKeyWithoutPlaintext',
            'ReEncryptFrom',
            'ReEncryptTo',
          ]
        : ['Decrypt', 'Encrypt', 'GetPublicKey', 'ReEncryptFrom', 'ReEncryptTo'];
    case 'SIGN_VERIFY':
      return ['GetPublicKey', 'Sign', 'Verify'];
    case 'KEY_AGREEMENT':
      return ['DeriveSharedSecret', 'GetPublicKey'];
    case 'ENCAPSULATE_DECAPSULATE':
      return ['Decapsulate', 'Encapsulate', 'GetPublicKey'];
    case 'GENERATE_VERIFY_MAC':
      return ['GenerateMac', 'VerifyMac'];
    default:
      return [];
  }
}

/** The operations a grant on a key of this spec and usage may allow. */
export const grantOperationsFor = (keySpec: string, keyUsage: string): GrantOperation[] => [
  ...GENERAL,
  ...cryptographicOperations(keySpec, keyUsage),
];

/**
 * Encryption context constraints only make sense where the operations take a context:
 * AWS allows them on symmetric encryption keys only.
 */
export const takesContextConstraints = (keySpec: string) => keySpec === 'SYMMETRIC_DEFAULT';

export type ConstraintKind = 'EncryptionContextEquals' | 'EncryptionContextSubset';
