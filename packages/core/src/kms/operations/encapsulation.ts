/**
 * Encapsulate and Decapsulate, with ML-KEM KMS keys (ML_KEM_512, ML_KEM_768, ML_KEM_1024 for
 * ENCAPSULATE_DECAPSULATE). The cryptography is kms-keys/encapsulation.ts'; the checks are
 * AWS's, in AWS's order: the key exists, is enabled, has the usage ENCAPSULATE_DECAPSULATE
 * ("<key ARN> key usage is SIGN_VERIFY which is not valid for Encapsulate."), the algorithm
 * is the key's, the grant tokens; then the ciphertext; DryRun last.
 */
import * as keyCrypto from '../../kms-keys/index.js';
import { algorithmsFor } from '../../kms-keys/key-spec-table.js';
import type * as T from '../../model/types.generated.js';
import type { KmsContext } from '../context.js';
import { keyForUse, publicKeyOf, requireAlgorithm } from './asymmetric.js';

async function encapsulationKey(
  kms: KmsContext,
  operation: 'Encapsulate' | 'Decapsulate',
  input: T.EncapsulateRequest | T.DecapsulateRequest,
) {
  const key = await keyForUse(
    kms,
    input.KeyId as string,
    'ENCAPSULATE_DECAPSULATE',
    operation,
    input.GrantTokens,
  );
  const algorithm = input.EncapsulationAlgorithm as T.EncapsulationAlgorithmSpec;
  requireAlgorithm(
    key,
    algorithm,
    algorithmsFor(key.keySpec, key.keyUsage).EncapsulationAlgorithms,
  );
  return { key, algorithm };
}

/** A fresh 32-byte shared secret and its ciphertext under the KMS key's public key. */
export function encapsulate(kms: KmsContext, input: T.EncapsulateCommandInput) {
  return kms.run('Encapsulate', input, async () => {
    const { key, algorithm } = await encapsulationKey(kms, 'Encapsulate', input);
    const { sharedSecret, ciphertext } = keyCrypto.encapsulate(
      key.keySpec,
      publicKeyOf(kms, key, 'Encapsulate'),
      kms.crypto,
    );
    kms.dryRun(input.DryRun);
    return {
      KeyId: kms.arn(key),
      SharedSecret: sharedSecret,
      SharedSecretCiphertextBlob: ciphertext,
      EncapsulationAlgorithm: algorithm,
    };
  });
}

/**
 * The shared secret of a ciphertext, with the KMS key's private key. As FIPS 203 and AWS: a
 * ciphertext of the right length that was not made for this key gives a pseudo-random secret,
 * not an error; only a wrong length is InvalidCiphertextException.
 */
export function decapsulate(kms: KmsContext, input: T.DecapsulateCommandInput) {
  return kms.run('Decapsulate', input, async () => {
    const { key, algorithm } = await encapsulationKey(kms, 'Decapsulate', input);
    const sharedSecret = await keyCrypto.decapsulate(
      key.keySpec,
      kms.privateKeys.access(key),
      input.SharedSecretCiphertextBlob as Uint8Array,
    );
    kms.dryRun(input.DryRun);
    return { KeyId: kms.arn(key), SharedSecret: sharedSecret, EncapsulationAlgorithm: algorithm };
  });
}
