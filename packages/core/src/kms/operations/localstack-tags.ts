/**
 * LocalStack's CreateKey tags, honoured so tests written for LocalStack run unchanged
 * (docs.localstack.cloud, KMS, "Custom IDs for KMS keys via tags" and custom key material):
 * - `_custom_id_`: the new key's KeyId (surrounding spaces trimmed). LocalStack keeps the tag
 *   on the key, and so does KMS Lab.
 * - `_custom_key_material_`: base64 key material. LocalStack removes the tag so the material
 *   is not exposed by ListResourceTags, and so does KMS Lab. SYMMETRIC_DEFAULT: 32 bytes of
 *   AES-256 key; HMAC keys: the raw key, as long as AWS makes them; RSA, ECC and SM2 keys:
 *   a DER private key (PKCS #8, or SEC 1 for ECC, as LocalStack reads them).
 * A bad value is a TagException saying what is wrong; the material is never quoted.
 */
import { base64 } from '@scure/base';
import { KmsError } from '../../errors.js';
import { HMAC_SPECS, isHmacKeySpec, isKeyPairKeySpec } from '../../kms-keys/specs.js';
import type { KeySpec, Tag } from '../../model/types.generated.js';
import { readSeededPrivateKey, type SeededKeyPair, SeedKeyError } from '../../seed/private-key.js';

export const CUSTOM_ID_TAG = '_custom_id_';
export const CUSTOM_KEY_MATERIAL_TAG = '_custom_key_material_';

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AES_KEY_BYTES = 32;

export interface LocalStackKeyRequest {
  keyId: string | undefined;
  /** The decoded material, for the key's spec. */
  material:
    | { kind: 'aes'; bytes: Uint8Array }
    | { kind: 'hmac'; bytes: Uint8Array }
    | { kind: 'pair'; pair: SeededKeyPair }
    | undefined;
  /** The tags to store: all but `_custom_key_material_`. */
  tags: Tag[];
}

export function readLocalStackTags(tags: Tag[], keySpec: KeySpec): LocalStackKeyRequest {
  const id = tags.find((tag) => tag.TagKey === CUSTOM_ID_TAG)?.TagValue;
  const material = tags.find((tag) => tag.TagKey === CUSTOM_KEY_MATERIAL_TAG)?.TagValue;
  let keyId: string | undefined;
  if (id !== undefined) {
    keyId = id.trim();
    if (!KEY_ID.test(keyId))
      throw new KmsError(
        'TagException',
        `The ${CUSTOM_ID_TAG} tag must be a key ID, a lowercase UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab.`,
      );
  }
  return {
    keyId,
    material: material === undefined ? undefined : decodeMaterial(material, keySpec),
    tags: tags.filter((tag) => tag.TagKey !== CUSTOM_KEY_MATERIAL_TAG),
  };
}

function decodeMaterial(text: string, keySpec: KeySpec): LocalStackKeyRequest['material'] {
  let bytes: Uint8Array;
  try {
    bytes = base64.decode(text.trim());
  } catch {
    throw new KmsError('TagException', `The ${CUSTOM_KEY_MATERIAL_TAG} tag must be base64.`);
  }
  if (keySpec === 'SYMMETRIC_DEFAULT') {
    if (bytes.length !== AES_KEY_BYTES)
      throw new KmsError(
        'TagException',
        `The ${CUSTOM_KEY_MATERIAL_TAG} tag of a SYMMETRIC_DEFAULT key must be ${AES_KEY_BYTES} bytes (an AES-256 key), base64; it is ${bytes.length} bytes.`,
      );
    return { kind: 'aes', bytes };
  }
  if (isHmacKeySpec(keySpec)) {
    const { keyBytes } = HMAC_SPECS[keySpec];
    if (bytes.length !== keyBytes)
      throw new KmsError(
        'TagException',
        `The ${CUSTOM_KEY_MATERIAL_TAG} tag of a ${keySpec} key must be ${keyBytes} bytes, base64; it is ${bytes.length} bytes.`,
      );
    return { kind: 'hmac', bytes };
  }
  if (!isKeyPairKeySpec(keySpec))
    throw new KmsError(
      'TagException',
      `KMS Lab takes no ${CUSTOM_KEY_MATERIAL_TAG} for ${keySpec} keys (only symmetric, HMAC, RSA, ECC and SM2 keys).`,
    );
  let pair: SeededKeyPair;
  try {
    pair = readSeededPrivateKey(bytes);
  } catch (error) {
    if (!(error instanceof SeedKeyError)) throw error;
    throw new KmsError(
      'TagException',
      `The ${CUSTOM_KEY_MATERIAL_TAG} tag must be a DER private key (PKCS #8, or SEC 1 for ECC), base64: ${error.message}.`,
    );
  } finally {
    bytes.fill(0);
  }
  if (pair.keySpec !== keySpec)
    throw new KmsError(
      'TagException',
      `The ${CUSTOM_KEY_MATERIAL_TAG} tag holds a ${pair.keySpec} key, but KeySpec is ${keySpec}.`,
    );
  return { kind: 'pair', pair };
}
