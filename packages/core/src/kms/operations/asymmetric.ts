/**
 * Operations on asymmetric KMS keys: GetPublicKey, Sign, Verify, DeriveSharedSecret. The
 * cryptography is in kms-keys/; the private half is opened by private-keys.ts. (Encrypt and
 * Decrypt with RSA and SM2 keys are in encryption.ts, beside the symmetric ones; Encapsulate
 * and Decapsulate with ML-KEM keys in encapsulation.ts.)
 */
import { plaintextFor } from '../../attestation/plaintext-for.js';
import { KmsError } from '../../errors.js';
import * as keyCrypto from '../../kms-keys/index.js';
import { algorithmsFor } from '../../kms-keys/key-spec-table.js';
import type * as T from '../../model/types.generated.js';
import type { StoredKey } from '../../store/types.js';
import type { KmsContext } from '../context.js';

/**
 * Resolves a key for a cryptographic operation and makes AWS's checks in AWS's order: the
 * key exists, is enabled, has the usage the operation needs, and the grant tokens are valid.
 */
export async function keyForUse(
  kms: KmsContext,
  identifier: string,
  usage: T.KeyUsageType,
  operation: string,
  grantTokens: string[] | undefined,
): Promise<StoredKey> {
  const key = await kms.resolve(identifier, true);
  kms.requireEnabled(key);
  kms.requireUsage(key, usage, operation);
  await kms.checkGrantTokens(grantTokens);
  return key;
}

/** The key's public key (DER SPKI); symmetric and HMAC keys have none. */
export function publicKeyOf(kms: KmsContext, key: StoredKey, operation: string): Uint8Array {
  const publicKey = key.privateKey?.publicKey;
  if (!publicKey)
    throw new KmsError(
      'UnsupportedOperationException',
      `${kms.arn(key)} key spec is ${key.keySpec} which is not valid for ${operation}.`,
    );
  return publicKey;
}

/** AWS: "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224." */
export function requireAlgorithm(
  key: StoredKey,
  algorithm: string | undefined,
  allowed: readonly string[] | undefined,
): void {
  if (algorithm === undefined || !allowed?.includes(algorithm))
    throw new KmsError(
      'InvalidKeyUsageException',
      `Algorithm ${algorithm ?? 'SYMMETRIC_DEFAULT'} is incompatible with key spec ${key.keySpec}.`,
    );
}

export function getPublicKey(kms: KmsContext, input: T.GetPublicKeyCommandInput) {
  return kms.run('GetPublicKey', input, async () => {
    const key = await kms.resolve(input.KeyId as string, true);
    kms.requireEnabled(key);
    const publicKey = publicKeyOf(kms, key, 'GetPublicKey');
    await kms.checkGrantTokens(input.GrantTokens);
    return {
      KeyId: kms.arn(key),
      // A copy: the caller may change what it gets, never the stored key.
      PublicKey: publicKey.slice(),
      CustomerMasterKeySpec: key.keySpec as T.CustomerMasterKeySpec,
      KeySpec: key.keySpec,
      KeyUsage: key.keyUsage,
      ...algorithmsFor(key.keySpec, key.keyUsage),
    };
  });
}

export function sign(kms: KmsContext, input: T.SignCommandInput) {
  return kms.run('Sign', input, async () => {
    const key = await keyForUse(
      kms,
      input.KeyId as string,
      'SIGN_VERIFY',
      'Sign',
      input.GrantTokens,
    );
    const algorithm = input.SigningAlgorithm as T.SigningAlgorithmSpec;
    requireAlgorithm(key, algorithm, algorithmsFor(key.keySpec, key.keyUsage).SigningAlgorithms);
    const signature = await keyCrypto.sign(
      key.keySpec,
      kms.privateKeys.access(key),
      algorithm,
      input.MessageType ?? 'RAW',
      input.Message as Uint8Array,
      kms.crypto,
    );
    kms.dryRun(input.DryRun);
    return { KeyId: kms.arn(key), Signature: signature, SigningAlgorithm: algorithm };
  });
}

export function verify(kms: KmsContext, input: T.VerifyCommandInput) {
  return kms.run('Verify', input, async () => {
    const key = await keyForUse(
      kms,
      input.KeyId as string,
      'SIGN_VERIFY',
      'Verify',
      input.GrantTokens,
    );
    const algorithm = input.SigningAlgorithm as T.SigningAlgorithmSpec;
    requireAlgorithm(key, algorithm, algorithmsFor(key.keySpec, key.keyUsage).SigningAlgorithms);
    const valid = await keyCrypto.verify(
      key.keySpec,
      publicKeyOf(kms, key, 'Verify'),
      algorithm,
      input.MessageType ?? 'RAW',
      input.Message as Uint8Array,
      input.Signature as Uint8Array,
      kms.crypto,
    );
    kms.dryRun(input.DryRun);
    // AWS answers a signature that does not verify with KMSInvalidSignatureException and no message.
    if (!valid) throw new KmsError('KMSInvalidSignatureException', '');
    return { KeyId: kms.arn(key), SignatureValid: true, SigningAlgorithm: algorithm };
  });
}

export function deriveSharedSecret(kms: KmsContext, input: T.DeriveSharedSecretCommandInput) {
  return kms.run('DeriveSharedSecret', input, async () => {
    const key = await keyForUse(
      kms,
      input.KeyId as string,
      'KEY_AGREEMENT',
      'DeriveSharedSecret',
      input.GrantTokens,
    );
    const recipient = await kms.recipient(input.Recipient);
    const sharedSecret = await keyCrypto.deriveSharedSecret(
      key.keySpec,
      kms.privateKeys.access(key),
      input.PublicKey as Uint8Array,
      kms.crypto,
    );
    kms.dryRun(input.DryRun);
    return {
      KeyId: kms.arn(key),
      ...(await plaintextFor(recipient, 'SharedSecret', sharedSecret)),
      KeyAgreementAlgorithm: 'ECDH' as const,
      KeyOrigin: 'AWS_KMS' as const,
    };
  });
}
