import { createKms } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import { explainFailure, explainName, inputError } from '../src/errors/explain';

describe('explainFailure', () => {
  it('explains the engine failures a learner meets, beside the AWS name and message', async () => {
    const kms = createKms();
    const { KeyMetadata } = await kms.createKey({});
    const KeyId = KeyMetadata?.KeyId as string;
    const pair = await kms.generateDataKeyPairWithoutPlaintext({
      KeyId,
      KeyPairSpec: 'ECC_NIST_P256',
      EncryptionContext: { purpose: 'a' },
    });
    const failures = await Promise.all(
      [
        kms.decrypt({
          CiphertextBlob: pair.PrivateKeyCiphertextBlob,
          EncryptionContext: { purpose: 'b' },
        }),
        kms.generateDataKeyPair({ KeyId: 'alias/missing', KeyPairSpec: 'RSA_2048' }),
        kms.generateDataKeyPair({ KeyId, KeyPairSpec: 'RSA_2048', DryRun: true }),
        kms
          .disableKey({ KeyId })
          .then(() => kms.generateDataKeyPair({ KeyId, KeyPairSpec: 'SM2' })),
      ].map((call) => call.then(() => undefined, explainFailure)),
    );
    expect(failures.map((failure) => failure?.name)).toEqual([
      'InvalidCiphertextException',
      'NotFoundException',
      'DryRunOperationException',
      'DisabledException',
    ]);
    expect(failures[0]?.explanation).toMatch(
      /context .* differs from the one used at encryption, or the blob was altered/,
    );
    expect(failures[1]?.message).toContain('alias/missing');
    expect(failures[3]?.explanation).toMatch(/disabled/);
  });

  it('explains Alibaba Cloud codes from the Advance operations', async () => {
    const kms = createKms();
    const { KeyMetadata } = await kms.createKey({});
    const made = await kms.advanceGenerateDataKeyPairWithoutPlaintext({
      KeyId: KeyMetadata?.KeyId,
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'DER',
      Aad: new TextEncoder().encode('one'),
    });
    const failure = await kms
      .advanceDecrypt({
        CiphertextBlob: made.PrivateKeyCiphertextBlob,
        Aad: new TextEncoder().encode('two'),
      })
      .then(() => undefined, explainFailure);
    expect(failure?.name).toBe('InvalidCiphertext');
    expect(failure?.explanation).toMatch(/Aad differs/);
  });

  it('falls back to a generic sentence for unknown names, and explains the app’s own errors', () => {
    expect(explainName('toString')).toBe('The operation failed. The details are below.');
    expect(explainFailure('plain text')).toEqual({
      name: 'Error',
      explanation: 'The operation failed. The details are below.',
      message: 'plain text',
    });
    expect(explainFailure(inputError('Not base64')).explanation).toMatch(/could not be read/);
  });
});
