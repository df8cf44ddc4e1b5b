/**
 * The state of an EXTERNAL key's imported key material, as the rest of the engine sees it:
 * PendingImport until material is imported, and again once it is deleted or expires; its
 * expiry applied on the engine's clock (lazily, as rotation: KmsContext.settle and due.ts); its
 * KeyMaterialId; and the Origin, ValidTo and ExpirationModel of DescribeKey.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { KmsError } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { StoredKey, StoredKeyMaterial } from '../../store/types.js';
import { currentMaterial } from '../materials.js';

interface Clocked {
  now(): Date;
  arn(key: StoredKey): string;
}

const isExpired = (material: StoredKeyMaterial, now: Date) =>
  material.imported?.validTo !== undefined && material.imported.validTo <= now;

/** Material that can be used: not deleted, not past its ValidTo. */
export const isUsable = (material: StoredKeyMaterial | undefined, now: Date) =>
  material?.secret !== undefined && !isExpired(material, now);

/** AWS key state PendingImport: an EXTERNAL key without usable current key material. */
export function isPendingImport(key: StoredKey, now: Date): boolean {
  if (key.origin !== 'EXTERNAL') return false;
  if (key.keySpec === 'SYMMETRIC_DEFAULT') return !isUsable(currentMaterial(key), now);
  const validTo = key.importedPrivateKey?.terms.validTo;
  return key.privateKey === undefined || (validTo !== undefined && validTo <= now);
}

/** AWS (recorded): "<key ARN> is pending import." */
export function requireImported(kms: Clocked, key: StoredKey): void {
  if (isPendingImport(key, kms.now()))
    throw new KmsError('KMSInvalidStateException', `${kms.arn(key)} is pending import.`);
}

/** AWS (recorded): "<key ARN> origin is AWS_KMS which is not valid for this operation." */
export function requireOrigin(kms: Clocked, key: StoredKey, origin: T.OriginType): void {
  const actual = key.origin ?? 'AWS_KMS';
  if (actual !== origin)
    throw new KmsError(
      'UnsupportedOperationException',
      `${kms.arn(key)} origin is ${actual} which is not valid for this operation.`,
    );
}

const importedMaterials = (key: StoredKey) =>
  key.pendingRotationMaterial ? [...key.materials, key.pendingRotationMaterial] : key.materials;

/** True when some imported material has passed its ValidTo and still holds its secret. */
export const hasExpiredMaterial = (key: StoredKey, now: Date) =>
  key.origin === 'EXTERNAL' &&
  (importedMaterials(key).some((material) => material.secret && isExpired(material, now)) ||
    (key.privateKey !== undefined && isPendingImport(key, now)));

/**
 * AWS: "When the key material expires, KMS deletes the key material from the KMS key." The
 * record keeps the KeyMaterialId and terms, so the same material can be imported again.
 */
export function expireImportedMaterial(key: StoredKey, now: Date): void {
  for (const material of importedMaterials(key))
    if (isExpired(material, now)) material.secret = undefined;
  if (key.keySpec !== 'SYMMETRIC_DEFAULT' && isPendingImport(key, now)) key.privateKey = undefined;
}

/**
 * AWS: "KMS assigns a unique identifier to the key material based on the KMS key ID and the
 * imported key material". An HMAC keyed by the material, so the identifier reveals nothing of
 * it, and the same material imported again into the same key has the same identifier.
 */
export const importedMaterialId = (keyId: string, material: Uint8Array) =>
  bytesToHex(hmac(sha256, material, new TextEncoder().encode(`kms-lab/key-material/${keyId}`)));

/** DescribeKey's members for imported material: Origin, and the current import's terms. */
export function importMetadata(key: StoredKey, now: Date): Partial<T.KeyMetadata> {
  if (key.origin !== 'EXTERNAL') return { Origin: 'AWS_KMS' };
  const current = currentMaterial(key);
  const terms =
    key.keySpec !== 'SYMMETRIC_DEFAULT'
      ? isPendingImport(key, now)
        ? undefined
        : key.importedPrivateKey?.terms
      : isUsable(current, now)
        ? current?.imported
        : undefined;
  return { Origin: 'EXTERNAL', ExpirationModel: terms?.expirationModel, ValidTo: terms?.validTo };
}

/** ListKeyRotations' members for imported material. */
export function importedRotationFields(material: StoredKeyMaterial, now: Date) {
  if (!material.imported) return {};
  return {
    ImportState: (isUsable(material, now) ? 'IMPORTED' : 'PENDING_IMPORT') as T.ImportState,
    KeyMaterialDescription: material.imported.description,
    ExpirationModel: material.imported.expirationModel,
    ValidTo: material.imported.validTo,
  };
}
