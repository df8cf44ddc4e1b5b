/**
 * Data keys and data key pairs, wrapped under a symmetric KMS key: GenerateDataKey(WithoutPlaintext),
 * GenerateDataKeyPair(WithoutPlaintext) for every DataKeyPairSpec (ML-KEM's too, but not in
 * China Regions), and GenerateRandom.
 */

import { plaintextFor } from '../../attestation/plaintext-for.js';
import { AadKind } from '../../blob/ciphertext.js';
import { encodeEncryptionContext } from '../../blob/encryption-context.js';
import { KmsError } from '../../errors.js';
import { keyPairSpec } from '../../keypairs/specs.js';
import type * as T from '../../model/types.generated.js';
import { sealUnderKey } from '../ciphertexts.js';
import type { KmsContext } from '../context.js';

function dataKeyLength(numberOfBytes: number | undefined, keySpec: T.DataKeySpec | undefined) {
  if ((numberOfBytes === undefined) === (keySpec === undefined))
    throw new KmsError(
      'ValidationException',
      'Specify either KeySpec or NumberOfBytes (but not both) to set the length of the data key.',
    );
  return numberOfBytes ?? (keySpec === 'AES_128' ? 16 : 32);
}

async function dataKey(kms: KmsContext, operation: string, input: T.GenerateDataKeyRequest) {
  const length = dataKeyLength(input.NumberOfBytes, input.KeySpec);
  const key = await kms.wrappingKey(input.KeyId as string, operation, input.GrantTokens);
  const recipient = await kms.recipient(input.Recipient);
  kms.dryRun(input.DryRun);
  const plaintext = kms.crypto.getRandomValues(new Uint8Array(length));
  const { blob, material } = await sealUnderKey(
    kms,
    key,
    AadKind.AwsEncryptionContext,
    encodeEncryptionContext(input.EncryptionContext),
    plaintext,
  );
  return { key, plaintext, blob, material, recipient };
}

export function generateDataKey(kms: KmsContext, input: T.GenerateDataKeyCommandInput) {
  return kms.run('GenerateDataKey', input, async () => {
    const { key, plaintext, blob, material, recipient } = await dataKey(
      kms,
      'GenerateDataKey',
      input,
    );
    return {
      CiphertextBlob: blob,
      // With a Recipient, the data key leaves only enveloped for the enclave.
      ...(await plaintextFor(recipient, 'Plaintext', plaintext)),
      KeyId: kms.arn(key),
      KeyMaterialId: material.keyMaterialId,
    };
  });
}

export function generateDataKeyWithoutPlaintext(
  kms: KmsContext,
  input: T.GenerateDataKeyWithoutPlaintextCommandInput,
) {
  return kms.run('GenerateDataKeyWithoutPlaintext', input, async () => {
    // The WithoutPlaintext operations take no Recipient (AWS's model): one sent is ignored.
    const { key, blob, material } = await dataKey(kms, 'GenerateDataKeyWithoutPlaintext', {
      ...input,
      Recipient: undefined,
    });
    return { CiphertextBlob: blob, KeyId: kms.arn(key), KeyMaterialId: material.keyMaterialId };
  });
}

export function generateRandom(kms: KmsContext, input: T.GenerateRandomCommandInput = {}) {
  return kms.run('GenerateRandom', input, async () => {
    // Recorded from AWS: the model leaves NumberOfBytes optional, the service does not.
    if (input.NumberOfBytes === undefined)
      throw new KmsError('ValidationException', 'NumberOfBytes is required.');
    if (input.CustomKeyStoreId)
      throw new KmsError('UnsupportedOperationException', 'KMS Lab has no custom key stores.');
    const recipient = await kms.recipient(input.Recipient);
    const random = kms.crypto.getRandomValues(new Uint8Array(input.NumberOfBytes));
    return plaintextFor(recipient, 'Plaintext', random);
  });
}

async function dataKeyPair(
  kms: KmsContext,
  operation: string,
  input: T.GenerateDataKeyPairRequest,
) {
  const key = await kms.wrappingKey(input.KeyId as string, operation, input.GrantTokens);
  // Without a Recipient, no await here: the request takes its generation slot (limits.ts)
  // in the order it arrived.
  const recipient = input.Recipient && (await kms.recipient(input.Recipient));
  const spec = input.KeyPairSpec as T.DataKeyPairSpec;
  // AWS, GenerateDataKeyPair's KeyPairSpec: "The ML-KEM key specs are not available in China
  // Regions." Answered as CreateKey answers an ML-KEM KeySpec there (operations/keys.ts).
  if (keyPairSpec(spec).family === 'ml-kem' && kms.at.partition === 'aws-cn')
    throw new KmsError(
      'UnsupportedOperationException',
      `The ML-KEM key specs are not available in China Regions: ${spec} data key pairs cannot be generated in ${kms.region}.`,
    );
  const pair = await kms.generatePair(spec, true, () => kms.dryRun(input.DryRun));
  const { blob, material } = await sealUnderKey(
    kms,
    key,
    AadKind.AwsEncryptionContext,
    encodeEncryptionContext(input.EncryptionContext),
    pair.privateKey,
  ).finally(() => kms.pool?.refill(spec));
  return {
    PrivateKeyCiphertextBlob: blob,
    // With a Recipient, the private key leaves only enveloped for the enclave.
    ...(await plaintextFor(recipient, 'PrivateKeyPlaintext', pair.privateKey)),
    PublicKey: pair.publicKey,
    KeyId: kms.arn(key),
    KeyPairSpec: spec,
    KeyMaterialId: material.keyMaterialId,
  };
}

export function generateDataKeyPair(kms: KmsContext, input: T.GenerateDataKeyPairCommandInput) {
  return kms.run('GenerateDataKeyPair', input, () =>
    dataKeyPair(kms, 'GenerateDataKeyPair', input),
  );
}

export function generateDataKeyPairWithoutPlaintext(
  kms: KmsContext,
  input: T.GenerateDataKeyPairWithoutPlaintextCommandInput,
) {
  return kms.run('GenerateDataKeyPairWithoutPlaintext', input, async () => {
    const { PrivateKeyPlaintext: _withheld, ...response } = await dataKeyPair(
      kms,
      'GenerateDataKeyPairWithoutPlaintext',
      { ...input, Recipient: undefined },
    );
    return response;
  });
}
