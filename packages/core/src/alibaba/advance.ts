/**
 * Alibaba Cloud KMS instance API: AdvanceGenerateDataKeyPair(WithoutPlaintext) and
 * AdvanceDecrypt, on the same keys and ciphertext format as the AWS operations, answering
 * with Alibaba's error codes.
 */
import { AadKind } from '../blob/ciphertext.js';
import { toPem } from '../der/pem.js';
import { openCiphertext, sealUnderKey } from '../kms/ciphertexts.js';
import { asKmsError, type KmsContext } from '../kms/context.js';
import { randomUuid } from '../kms/identifiers.js';
import { keyVersionId } from '../kms/materials.js';
import { invalidParameter, requireParameter, toAlibabaError } from './errors.js';
import {
  ADVANCE_TO_DATA_KEY_PAIR_SPEC,
  type AdvanceDecryptRequest,
  type AdvanceDecryptResponse,
  type AdvanceGenerateDataKeyPairRequest,
  type AdvanceGenerateDataKeyPairResponse,
  type AdvanceGenerateDataKeyPairWithoutPlaintextResponse,
  AdvanceKeyPairSpec,
  MAX_AAD_BYTES,
} from './types.js';

/** Runs an Advance operation, answering with Alibaba Cloud's error codes. */
async function runAlibaba<O>(work: () => Promise<O>): Promise<O> {
  try {
    return await work();
  } catch (error) {
    throw toAlibabaError(asKmsError(error));
  }
}

const requestId = (kms: KmsContext) => randomUuid(kms.crypto).toUpperCase();

function checkAad(aad: unknown): Uint8Array {
  if (aad === undefined || aad === null) return new Uint8Array(0);
  if (!(aad instanceof Uint8Array)) throw invalidParameter('Aad', 'must be bytes');
  if (aad.length > MAX_AAD_BYTES)
    throw invalidParameter('Aad', `is ${aad.length} bytes; at most ${MAX_AAD_BYTES} are allowed`);
  return aad;
}

async function advanceGenerate(
  kms: KmsContext,
  input: AdvanceGenerateDataKeyPairRequest,
  operation: string,
) {
  const { KeyId, KeyPairSpec, KeyFormat, Aad } = input ?? ({} as AdvanceGenerateDataKeyPairRequest);
  requireParameter('KeyId', KeyId, 'string');
  requireParameter('KeyPairSpec', KeyPairSpec, 'string');
  requireParameter('KeyFormat', KeyFormat, 'string');
  if (!Object.hasOwn(AdvanceKeyPairSpec, KeyPairSpec))
    throw invalidParameter(
      'KeyPairSpec',
      `must be one of ${Object.keys(AdvanceKeyPairSpec).join(', ')}`,
    );
  if (KeyFormat !== 'PEM' && KeyFormat !== 'DER')
    throw invalidParameter('KeyFormat', 'must be PEM or DER');
  const aad = checkAad(Aad);
  const key = await kms.wrappingKey(KeyId, operation, undefined);
  const spec = ADVANCE_TO_DATA_KEY_PAIR_SPEC[KeyPairSpec];
  const pair = await kms.generatePair(spec, false, () => {});
  const format = (der: Uint8Array, label: 'PUBLIC KEY' | 'PRIVATE KEY') =>
    KeyFormat === 'PEM' ? new TextEncoder().encode(toPem(der, label)) : der;
  // The ciphertext is of the private key in the requested format, so AdvanceDecrypt gives
  // back exactly the bytes PrivateKeyPlaintext held: PEM text for KeyFormat PEM.
  const privateKey = format(pair.privateKey, 'PRIVATE KEY');
  const { blob, material, iv } = await sealUnderKey(
    kms,
    key,
    AadKind.AlibabaAad,
    aad,
    privateKey,
  ).finally(() => kms.pool?.refill(spec));
  return {
    response: {
      KeyId: key.keyId,
      KeyVersionId: keyVersionId(material),
      KeyPairSpec,
      Algorithm: 'AES_GCM' as const,
      Iv: iv,
      PublicKey: format(pair.publicKey, 'PUBLIC KEY'),
      PrivateKeyCiphertextBlob: blob,
      RequestId: requestId(kms),
    },
    privateKey,
  };
}

export function advanceGenerateDataKeyPair(
  kms: KmsContext,
  input: AdvanceGenerateDataKeyPairRequest,
): Promise<AdvanceGenerateDataKeyPairResponse> {
  return runAlibaba(async () => {
    const { response, privateKey } = await advanceGenerate(
      kms,
      input,
      'AdvanceGenerateDataKeyPair',
    );
    return { ...response, PrivateKeyPlaintext: privateKey };
  });
}

export function advanceGenerateDataKeyPairWithoutPlaintext(
  kms: KmsContext,
  input: AdvanceGenerateDataKeyPairRequest,
): Promise<AdvanceGenerateDataKeyPairWithoutPlaintextResponse> {
  return runAlibaba(async () => {
    const { response } = await advanceGenerate(
      kms,
      input,
      'AdvanceGenerateDataKeyPairWithoutPlaintext',
    );
    return response;
  });
}

export function advanceDecrypt(
  kms: KmsContext,
  input: AdvanceDecryptRequest,
): Promise<AdvanceDecryptResponse> {
  return runAlibaba(async () => {
    const { CiphertextBlob, Aad } = input ?? ({} as AdvanceDecryptRequest);
    requireParameter('CiphertextBlob', CiphertextBlob, 'bytes');
    const { key, material, plaintext } = await openCiphertext(
      kms,
      CiphertextBlob,
      AadKind.AlibabaAad,
      checkAad(Aad),
      () => {},
    );
    return {
      KeyId: key.keyId,
      KeyVersionId: keyVersionId(material),
      Algorithm: 'AES_GCM' as const,
      Plaintext: plaintext,
      RequestId: requestId(kms),
    };
  });
}
