/**
 * Ciphertext blobs under a KMS key's material: sealing (Encrypt, GenerateDataKey,
 * GenerateDataKeyPair, ReEncrypt) and opening (Decrypt, ReEncrypt, AdvanceDecrypt) with the
 * checks AWS makes, in its order. The format is docs/ciphertext-format.md (blob/ciphertext.ts).
 */
import {
  AadKind,
  BlobFormatError,
  openBlob,
  type ParsedBlob,
  parseBlob,
  sealBlob,
} from '../blob/ciphertext.js';
import { KmsError, messages } from '../errors.js';
import type { StoredKey, StoredKeyMaterial } from '../store/types.js';
import type { KmsContext } from './context.js';
import { currentMaterial, findMaterial, materialIdBytes } from './materials.js';

/** Seals `plaintext` under the key's current material: a blob of docs/ciphertext-format.md. */
export async function sealUnderKey(
  kms: KmsContext,
  key: StoredKey,
  aadKind: AadKind,
  context: Uint8Array,
  plaintext: Uint8Array,
): Promise<{ blob: Uint8Array; material: StoredKeyMaterial; iv: Uint8Array }> {
  const material = currentMaterial(key);
  if (!material) throw new KmsError('KMSInternalException', `${kms.arn(key)} has no key material.`);
  const iv = kms.crypto.getRandomValues(new Uint8Array(12));
  const blob = await sealBlob(
    kms.crypto.subtle,
    await kms.materialKeys.cryptoKey(material),
    { aadKind, keyId: key.keyId, keyMaterialId: materialIdBytes(material), iv },
    context,
    plaintext,
  );
  return { blob, material, iv };
}

/**
 * Opens a blob: the checks of Decrypt and AdvanceDecrypt, in AWS's order. A blob that
 * is damaged in any way is InvalidCiphertextException; a mismatched KeyId is
 * IncorrectKeyException; an intact blob naming a key this KMS does not have is
 * NotFoundException.
 */
export async function openCiphertext(
  kms: KmsContext,
  ciphertext: Uint8Array,
  aadKind: AadKind,
  context: Uint8Array,
  check: (key: StoredKey) => void,
): Promise<{ key: StoredKey; material: StoredKeyMaterial; plaintext: Uint8Array }> {
  // AWS answers any ciphertext it cannot use with InvalidCiphertextException and no
  // message; the Alibaba operations keep KMS Lab's explanation.
  const aws = aadKind !== AadKind.AlibabaAad;
  const blob = parseCiphertext(ciphertext, aws);
  if (blob.aadKind !== aadKind)
    throw new KmsError(
      'InvalidCiphertextException',
      aws ? '' : 'The ciphertext was made by an AWS operation; decrypt it with Decrypt.',
    );
  const key = await kms.findKey(blob.keyId);
  if (!key) throw new KmsError('NotFoundException', messages.ciphertextKeyGone);
  check(key);
  kms.requireEnabled(key);
  const material = findMaterial(key, blob.keyMaterialId);
  if (!material) throw new KmsError('InvalidCiphertextException', '');
  let plaintext: Uint8Array;
  try {
    plaintext = await openBlob(
      kms.crypto.subtle,
      await kms.materialKeys.cryptoKey(material),
      blob,
      context,
    );
  } catch {
    // AWS answers a wrong encryption context, or a forged or damaged ciphertext, with an
    // InvalidCiphertextException and no message.
    throw new KmsError('InvalidCiphertextException', '');
  }
  return { key, material, plaintext };
}

/** Reads a blob's header; any damage is InvalidCiphertextException, `silent` as AWS's. */
export function parseCiphertext(ciphertext: Uint8Array, silent = false): ParsedBlob {
  try {
    return parseBlob(ciphertext);
  } catch (error) {
    if (error instanceof BlobFormatError)
      throw new KmsError(
        'InvalidCiphertextException',
        silent ? '' : `The ciphertext is not valid: ${error.message}.`,
      );
    throw error;
  }
}
