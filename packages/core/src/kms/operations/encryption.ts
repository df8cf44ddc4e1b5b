/**
 * Encrypt and Decrypt, with symmetric keys (KMS Lab's ciphertext blob, encryption context as
 * AAD) and with RSA and SM2 keys (the raw RSAES-OAEP or SM2 ciphertext, as AWS returns it).
 * ReEncrypt (re-encrypt.ts) is these two in a row.
 */

import { plaintextFor } from '../../attestation/plaintext-for.js';
import { AadKind, parseBlob } from '../../blob/ciphertext.js';
import { encodeEncryptionContext } from '../../blob/encryption-context.js';
import { KmsError, messages } from '../../errors.js';
import * as keyCrypto from '../../kms-keys/index.js';
import { algorithmsFor } from '../../kms-keys/key-spec-table.js';
import type * as T from '../../model/types.generated.js';
import type { StoredKey } from '../../store/types.js';
import { openCiphertext, sealUnderKey } from '../ciphertexts.js';
import type { KmsContext } from '../context.js';
import { requireAlgorithm } from './asymmetric.js';

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

/** AWS: "An encryption context is valid only for cryptographic operations with a symmetric encryption KMS key." */
function refuseContext(
  kms: KmsContext,
  key: StoredKey,
  context: Record<string, string> | undefined,
) {
  if (context && Object.keys(context).length > 0)
    throw new KmsError(
      'ValidationException',
      `An encryption context is valid only with symmetric encryption KMS keys; ${kms.arn(key)} has key spec ${key.keySpec}.`,
    );
}

export interface Encryption {
  key: StoredKey;
  plaintext: Uint8Array;
  context: Record<string, string> | undefined;
  algorithm: T.EncryptionAlgorithmSpec | undefined;
}

/** Encrypts under a key already checked to be enabled and for ENCRYPT_DECRYPT. */
export async function encryptUnder(
  { key, plaintext, context, algorithm }: Encryption,
  kms: KmsContext,
) {
  if (key.keySpec === 'SYMMETRIC_DEFAULT') {
    requireSymmetricAlgorithm(kms, key, algorithm);
    const { blob, material } = await sealUnderKey(
      kms,
      key,
      AadKind.AwsEncryptionContext,
      encodeEncryptionContext(context),
      plaintext,
    );
    return {
      ciphertext: blob,
      algorithm: 'SYMMETRIC_DEFAULT' as const,
      keyMaterialId: material.keyMaterialId,
    };
  }
  requireAlgorithm(key, algorithm, algorithmsFor(key.keySpec, key.keyUsage).EncryptionAlgorithms);
  refuseContext(kms, key, context);
  const asymmetric = algorithm as keyCrypto.AsymmetricEncryptionAlgorithm;
  const publicKey = key.privateKey?.publicKey as Uint8Array;
  const ciphertext = await keyCrypto.encrypt(
    key.keySpec,
    publicKey,
    asymmetric,
    plaintext,
    kms.crypto,
  );
  return { ciphertext, algorithm: asymmetric, keyMaterialId: undefined };
}

export interface Decryption {
  ciphertext: Uint8Array | undefined;
  /** The key the caller names; required for asymmetric ciphertexts, which name none. */
  keyId: string | undefined;
  context: Record<string, string> | undefined;
  algorithm: T.EncryptionAlgorithmSpec | undefined;
  grantTokens: string[] | undefined;
}

function isKmsLabBlob(ciphertext: Uint8Array): boolean {
  try {
    parseBlob(ciphertext);
    return true;
  } catch {
    return false;
  }
}

/** Decrypt's checks and work, in AWS's order; ReEncrypt's first half. */
export async function decryptCiphertext(kms: KmsContext, request: Decryption, operation: string) {
  const { ciphertext, keyId, context, algorithm } = request;
  // The model leaves CiphertextBlob optional (DryRunModifiers can waive it); AWS still
  // requires it of every other request.
  if (ciphertext === undefined)
    throw new KmsError(
      'ValidationException',
      "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
    );
  const named = keyId === undefined ? undefined : await kms.resolve(keyId, true);
  // AWS answers a symmetric ciphertext with the KeyId of a key that cannot decrypt (an HMAC
  // or signing key) IncorrectKeyException, as for any other key it was not made under.
  const blobForAnotherKey =
    named !== undefined && named.keyUsage !== 'ENCRYPT_DECRYPT' && isKmsLabBlob(ciphertext);
  if (named && named.keySpec !== 'SYMMETRIC_DEFAULT' && !blobForAnotherKey) {
    kms.requireEnabled(named);
    kms.requireUsage(named, 'ENCRYPT_DECRYPT', operation);
    requireAlgorithm(
      named,
      algorithm,
      algorithmsFor(named.keySpec, named.keyUsage).EncryptionAlgorithms,
    );
    refuseContext(kms, named, context);
    await kms.checkGrantTokens(request.grantTokens);
    const plaintext = await keyCrypto.decrypt(
      named.keySpec,
      kms.privateKeys.access(named),
      algorithm as keyCrypto.AsymmetricEncryptionAlgorithm,
      ciphertext,
      kms.crypto,
    );
    return {
      key: named,
      plaintext,
      algorithm: algorithm as T.EncryptionAlgorithmSpec,
      keyMaterialId: undefined,
    };
  }
  const { key, plaintext, material } = await openCiphertext(
    kms,
    ciphertext,
    AadKind.AwsEncryptionContext,
    encodeEncryptionContext(context),
    (key) => {
      if (named && named.keyId !== key.keyId)
        throw new KmsError('IncorrectKeyException', messages.incorrectKey);
      requireSymmetricAlgorithm(kms, key, algorithm);
    },
  );
  await kms.checkGrantTokens(request.grantTokens);
  return {
    key,
    plaintext,
    algorithm: 'SYMMETRIC_DEFAULT' as const,
    keyMaterialId: material.keyMaterialId,
  };
}

export function encrypt(kms: KmsContext, input: T.EncryptCommandInput) {
  return kms.run('Encrypt', input, async () => {
    const key = await kms.resolve(input.KeyId as string, true);
    kms.requireEnabled(key);
    kms.requireUsage(key, 'ENCRYPT_DECRYPT', 'Encrypt');
    await kms.checkGrantTokens(input.GrantTokens);
    const encrypted = await encryptUnder(
      {
        key,
        plaintext: input.Plaintext as Uint8Array,
        context: input.EncryptionContext,
        algorithm: input.EncryptionAlgorithm,
      },
      kms,
    );
    kms.dryRun(input.DryRun);
    return {
      CiphertextBlob: encrypted.ciphertext,
      KeyId: kms.arn(key),
      EncryptionAlgorithm: encrypted.algorithm,
    };
  });
}

export function decrypt(kms: KmsContext, input: T.DecryptCommandInput) {
  return kms.run('Decrypt', input, async () => {
    const decrypted = await decryptCiphertext(
      kms,
      {
        ciphertext: input.CiphertextBlob,
        keyId: input.KeyId,
        context: input.EncryptionContext,
        algorithm: input.EncryptionAlgorithm,
        grantTokens: input.GrantTokens,
      },
      'Decrypt',
    );
    const recipient = await kms.recipient(input.Recipient);
    kms.dryRun(input.DryRun);
    return {
      KeyId: kms.arn(decrypted.key),
      ...(await plaintextFor(recipient, 'Plaintext', decrypted.plaintext)),
      EncryptionAlgorithm: decrypted.algorithm,
      KeyMaterialId: decrypted.keyMaterialId,
    };
  });
}
