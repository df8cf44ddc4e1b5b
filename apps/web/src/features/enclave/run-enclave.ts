import type { SupportedDataKeyPairSpec } from '@kms-lab/core';
import { appNow } from '../../kms/clock';
import { getKms } from '../../kms/runtime';
import { useLab } from '../../state/store';

/** GenerateDataKeyPair's answer to a request with a Recipient: nothing in it is secret. */
export interface RecipientResponse {
  keyId: string;
  keyPairSpec: SupportedDataKeyPairSpec;
  keyMaterialId: string | undefined;
  /** DER SubjectPublicKeyInfo. */
  publicKey: Uint8Array;
  privateKeyCiphertextBlob: Uint8Array;
  /** CMS EnvelopedData for the enclave's key. */
  ciphertextForRecipient: Uint8Array;
  /** The fields the response had, as the engine returned them: no PrivateKeyPlaintext. */
  fields: string[];
  historyId: number;
}

/**
 * Asks the page's KMS for a data key pair for the enclave: Recipient carries its attestation
 * document, so the engine verifies it and envelopes the private key for the document's
 * public key. Recorded in the History like every request (public key and blob only).
 */
export async function generateForRecipient(request: {
  keyRef: string;
  spec: SupportedDataKeyPairSpec;
  attestationDocument: Uint8Array;
}): Promise<RecipientResponse> {
  const { recordHistory } = useLab.getState();
  const kms = await getKms();
  let response: Awaited<ReturnType<typeof kms.generateDataKeyPair>>;
  try {
    response = await kms.generateDataKeyPair({
      KeyId: request.keyRef,
      KeyPairSpec: request.spec,
      Recipient: {
        KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
        AttestationDocument: request.attestationDocument,
      },
    });
  } catch (error) {
    await recordHistory({
      at: appNow(),
      operation: 'GenerateDataKeyPair',
      keyId: request.keyRef,
      keyPairSpec: request.spec,
      errorName: error instanceof Error ? error.name : 'Error',
    }).catch(() => undefined);
    throw error;
  }
  // The response's own fields: not the SDK's $metadata.
  const fields = Object.entries(response)
    .filter(([name, value]) => value !== undefined && !name.startsWith('$'))
    .map(([name]) => name);
  const { CiphertextForRecipient, PublicKey, PrivateKeyCiphertextBlob } = response;
  // KMS leaves PrivateKeyPlaintext out when there is a Recipient: were it here, the page
  // (the parent instance) would hold the key, which is what this screen shows does not happen.
  if (fields.includes('PrivateKeyPlaintext') || !CiphertextForRecipient || !PublicKey)
    throw new Error(
      `The response with a Recipient must have CiphertextForRecipient and no PrivateKeyPlaintext; it has ${fields.join(', ')}.`,
    );
  const historyId = await recordHistory({
    at: appNow(),
    operation: 'GenerateDataKeyPair',
    keyId: response.KeyId as string,
    keyPairSpec: response.KeyPairSpec as string,
    publicKey: PublicKey,
    privateKeyCiphertextBlob: PrivateKeyCiphertextBlob as Uint8Array,
    keyMaterialId: response.KeyMaterialId,
  });
  return {
    keyId: response.KeyId as string,
    keyPairSpec: response.KeyPairSpec as SupportedDataKeyPairSpec,
    keyMaterialId: response.KeyMaterialId,
    publicKey: PublicKey,
    privateKeyCiphertextBlob: PrivateKeyCiphertextBlob as Uint8Array,
    ciphertextForRecipient: CiphertextForRecipient,
    fields,
    historyId,
  };
}
