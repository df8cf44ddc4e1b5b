import { fromBase64, toBase64 } from '../../lib/bytes';

/**
 * The JSON bundle of a data key pair response: every field, bytes as base64. The
 * plaintext private key is left out, so a bundle on disk never holds it.
 */
export interface ResponseBundle {
  Operation: string;
  KeyId: string;
  KeyPairSpec: string;
  KeyMaterialId?: string | undefined;
  KeyVersionId?: string | undefined;
  PublicKey: string;
  PrivateKeyCiphertextBlob: string;
  EncryptionContext?: Record<string, string> | undefined;
  /** Alibaba Aad as base64, as the API takes it. */
  Aad?: string | undefined;
}

export function makeBundle(fields: {
  operation: string;
  keyId: string;
  keyPairSpec: string;
  keyMaterialId?: string | undefined;
  keyVersionId?: string | undefined;
  publicKey: Uint8Array;
  blob: Uint8Array;
  encryptionContext?: Record<string, string> | undefined;
  aad?: Uint8Array | undefined;
}): ResponseBundle {
  return {
    Operation: fields.operation,
    KeyId: fields.keyId,
    KeyPairSpec: fields.keyPairSpec,
    KeyMaterialId: fields.keyMaterialId,
    KeyVersionId: fields.keyVersionId,
    PublicKey: toBase64(fields.publicKey),
    PrivateKeyCiphertextBlob: toBase64(fields.blob),
    EncryptionContext: fields.encryptionContext,
    Aad: fields.aad ? toBase64(fields.aad) : undefined,
  };
}

export interface BundleInput {
  blob: Uint8Array;
  encryptionContext?: Record<string, string> | undefined;
  aad?: Uint8Array | undefined;
}

/** Reads a bundle back for Decrypt; throws with a plain message when it is not one. */
export function readBundle(text: string): BundleInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON.');
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const blobText = record.PrivateKeyCiphertextBlob ?? record.CiphertextBlob;
  if (typeof blobText !== 'string')
    throw new Error('The JSON has no PrivateKeyCiphertextBlob (or CiphertextBlob) string.');
  const context = record.EncryptionContext;
  if (
    context !== undefined &&
    (typeof context !== 'object' ||
      context === null ||
      Object.values(context).some((value) => typeof value !== 'string'))
  )
    throw new Error('EncryptionContext must map strings to strings.');
  const aad = record.Aad;
  if (aad !== undefined && typeof aad !== 'string') throw new Error('Aad must be a base64 string.');
  return {
    blob: fromBase64(blobText),
    encryptionContext: context as Record<string, string> | undefined,
    aad: aad === undefined ? undefined : fromBase64(aad),
  };
}
