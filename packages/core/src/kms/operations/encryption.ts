/** Encrypt and Decrypt. */
import { AadKind } from '../../blob/ciphertext.js';
import { encodeEncryptionContext } from '../../blob/encryption-context.js';
import { KmsError, messages } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { StoredKey } from '../../store/types.js';
import type { KmsContext } from '../context.js';

export function requireSymmetricAlgorithm(
  kms: KmsContext,
  key: StoredKey,
  algorithm: T.EncryptionAlgorithmSpec | undefined,
) {
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT')
    throw new KmsError(
      'InvalidKeyUsageException',
      `${kms.arn(key)} is a symmetric encryption key: EncryptionAlgorithm ${algorithm} is not valid for it (use SYMMETRIC_DEFAULT).`,
    );
}

export function encrypt(kms: KmsContext, input: T.EncryptCommandInput) {
  return kms.run('Encrypt', input, async () => {
    const key = await kms.wrappingKey(input.KeyId as string, 'Encrypt', input.GrantTokens);
    requireSymmetricAlgorithm(kms, key, input.EncryptionAlgorithm);
    kms.dryRun(input.DryRun);
    const { blob } = await kms.seal(
      key,
      AadKind.AwsEncryptionContext,
      encodeEncryptionContext(input.EncryptionContext),
      input.Plaintext as Uint8Array,
    );
    return {
      CiphertextBlob: blob,
      KeyId: kms.arn(key),
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' as const,
    };
  });
}

export function decrypt(kms: KmsContext, input: T.DecryptCommandInput) {
  return kms.run('Decrypt', input, async () => {
    // The model leaves CiphertextBlob optional (DryRunModifiers can waive it); AWS still
    // requires it of every other request.
    if (input.CiphertextBlob === undefined)
      throw new KmsError(
        'ValidationException',
        "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
      );
    // A KeyId in the request must name the key the ciphertext was made under.
    const named = input.KeyId === undefined ? undefined : await kms.resolve(input.KeyId, true);
    const { key, plaintext, material } = await kms.open(
      input.CiphertextBlob as Uint8Array,
      AadKind.AwsEncryptionContext,
      encodeEncryptionContext(input.EncryptionContext),
      (key) => {
        if (named && named.keyId !== key.keyId)
          throw new KmsError('IncorrectKeyException', messages.incorrectKey);
        requireSymmetricAlgorithm(kms, key, input.EncryptionAlgorithm);
      },
    );
    kms.checkGrantTokens(input.GrantTokens);
    kms.refuseRecipient(input.Recipient);
    kms.dryRun(input.DryRun);
    return {
      KeyId: kms.arn(key),
      Plaintext: plaintext,
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' as const,
      KeyMaterialId: material.keyMaterialId,
    };
  });
}
