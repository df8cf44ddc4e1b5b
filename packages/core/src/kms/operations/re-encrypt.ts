/**
 * ReEncrypt: decrypts under the source key and encrypts under the destination key, inside
 * the engine, so the plaintext (a data key, a data key pair's private key) never leaves it.
 * Source and destination may each be symmetric or asymmetric.
 */
import type * as T from '../../model/types.generated.js';
import type { KmsContext } from '../context.js';
import { decryptCiphertext, encryptUnder } from './encryption.js';

export function reEncrypt(kms: KmsContext, input: T.ReEncryptCommandInput) {
  return kms.run('ReEncrypt', input, async () => {
    const source = await decryptCiphertext(
      kms,
      {
        ciphertext: input.CiphertextBlob,
        keyId: input.SourceKeyId,
        context: input.SourceEncryptionContext,
        algorithm: input.SourceEncryptionAlgorithm,
        grantTokens: input.GrantTokens,
      },
      'ReEncrypt',
    );
    const destination = await kms.resolve(input.DestinationKeyId as string, true);
    kms.requireEnabled(destination);
    kms.requireUsage(destination, 'ENCRYPT_DECRYPT', 'ReEncrypt');
    const encrypted = await encryptUnder(
      {
        key: destination,
        plaintext: source.plaintext,
        context: input.DestinationEncryptionContext,
        algorithm: input.DestinationEncryptionAlgorithm,
      },
      kms,
    );
    kms.dryRun(input.DryRun);
    return {
      CiphertextBlob: encrypted.ciphertext,
      SourceKeyId: kms.arn(source.key),
      KeyId: kms.arn(destination),
      SourceEncryptionAlgorithm: source.algorithm,
      DestinationEncryptionAlgorithm: encrypted.algorithm,
      SourceKeyMaterialId: source.keyMaterialId,
      DestinationKeyMaterialId: encrypted.keyMaterialId,
    };
  });
}
