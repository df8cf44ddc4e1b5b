/**
 * The key store file's records of symmetric key material and of imported key material
 * (store-format.ts has the rest of a key). A material is `keyMaterialId`, `secret` (base64, 32
 * bytes; absent while imported material is deleted or expired), `createdAt`, `rotationType`,
 * and for imported material `imported`: `expirationModel`, `validTo`, `description`. An
 * EXTERNAL key has `origin`, its unexpired `importParameters` (the wrapping private key's
 * PKCS #8 wrapped under the store key, as private keys are), `pendingRotationMaterial`, and
 * for an HMAC key `importedPrivateKey`: the imported key's `keyMaterialId` and import terms.
 */
import {
  type AlgorithmSpec,
  AlgorithmSpec as AlgorithmSpecs,
  type ExpirationModelType,
  type StoredImportParameters,
  type StoredImportTerms,
  type StoredKey,
  type StoredKeyMaterial,
  type WrappingKeySpec,
  WrappingKeySpec as WrappingKeySpecs,
} from '@kms-lab/core';
import { Fields, StoreFormatError } from './record-fields.js';
import { unwrapSecret, wrapSecret } from './store-key.js';

const KEY_MATERIAL_ID = /^[0-9a-f]{64}$/;
const TOKEN_ID = /^[0-9a-f]{32}$/;
const EXPIRATION_MODELS = {
  KEY_MATERIAL_EXPIRES: 'KEY_MATERIAL_EXPIRES',
  KEY_MATERIAL_DOES_NOT_EXPIRE: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
} as const;

/** The wrapped private key of import parameters is bound to its key and token. */
const parametersRecord = (keyId: string, tokenId: string) => `${keyId}/import/${tokenId}`;

export function materialToJson(material: StoredKeyMaterial) {
  if (material.secret !== undefined && !(material.secret instanceof Uint8Array))
    throw new TypeError('The file store keeps key material as bytes, not CryptoKeys.');
  return {
    keyMaterialId: material.keyMaterialId,
    secret: material.secret && Buffer.from(material.secret).toString('base64'),
    createdAt: material.createdAt.toISOString(),
    rotationType: material.rotationType,
    imported: material.imported && termsToJson(material.imported),
  };
}

export function importFieldsToJson(key: StoredKey, storeKey: () => Buffer) {
  return {
    origin: key.origin,
    importParameters: key.importParameters?.map((parameters) => {
      if (parameters.privateKey.kind !== 'bytes')
        throw new TypeError('The file store keeps wrapping keys as bytes, not CryptoKeys.');
      return {
        tokenId: parameters.tokenId,
        wrappingKeySpec: parameters.wrappingKeySpec,
        wrappingAlgorithm: parameters.wrappingAlgorithm,
        validTo: parameters.validTo.toISOString(),
        wrappedPrivateKey: wrapSecret(
          storeKey(),
          parametersRecord(key.keyId, parameters.tokenId),
          parameters.privateKey.bytes,
        ),
      };
    }),
    pendingRotationMaterial:
      key.pendingRotationMaterial && materialToJson(key.pendingRotationMaterial),
    importedPrivateKey: key.importedPrivateKey && {
      keyMaterialId: key.importedPrivateKey.keyMaterialId,
      ...termsToJson(key.importedPrivateKey.terms),
    },
  };
}

const termsToJson = (terms: StoredImportTerms) => ({
  expirationModel: terms.expirationModel,
  validTo: terms.validTo?.toISOString(),
  description: terms.description,
});

const termsOf = (fields: Fields): StoredImportTerms => ({
  expirationModel: fields.oneOf<ExpirationModelType>('expirationModel', EXPIRATION_MODELS),
  validTo: fields.optionalDate('validTo'),
  description: fields.optionalString('description'),
});

export function materialOf(where: string, entry: unknown): StoredKeyMaterial {
  const material = new Fields(where, entry);
  const keyMaterialId = material.matching(
    'keyMaterialId',
    KEY_MATERIAL_ID,
    '64 lowercase hex characters',
  );
  const secret = material.has('secret') ? material.bytes('secret') : undefined;
  if (secret !== undefined && secret.length !== 32)
    throw new StoreFormatError(`${where}: 'secret' must be 32 bytes (AES-256).`);
  const createdAt = material.date('createdAt');
  const rotationType = material.optionalString('rotationType');
  if (rotationType !== undefined && rotationType !== 'AUTOMATIC' && rotationType !== 'ON_DEMAND')
    throw new StoreFormatError(`${where}: 'rotationType' must be AUTOMATIC or ON_DEMAND.`);
  const imported = material.has('imported') ? material.object('imported') : undefined;
  if (secret === undefined && !imported)
    throw new StoreFormatError(`${where}: only imported key material may lack its 'secret'.`);
  return {
    keyMaterialId,
    secret,
    createdAt,
    rotationType,
    imported: imported && termsOf(imported),
  };
}

/** `origin`, `importParameters` and `pendingRotationMaterial` of a key record. */
export function importFieldsOf(
  key: Fields,
  keyId: string,
  storeKey: Buffer | undefined,
): Pick<
  StoredKey,
  'origin' | 'importParameters' | 'pendingRotationMaterial' | 'importedPrivateKey'
> {
  const origin = key.optionalString('origin');
  if (origin !== undefined && origin !== 'EXTERNAL')
    throw new StoreFormatError(`${key.where}: 'origin' must be EXTERNAL when present.`);
  const external = origin === 'EXTERNAL';
  if (
    !external &&
    ['importParameters', 'pendingRotationMaterial', 'importedPrivateKey'].some((name) =>
      key.has(name),
    )
  )
    throw new StoreFormatError(`${key.where}: only an EXTERNAL key has import parameters.`);
  return {
    origin,
    importParameters: key.has('importParameters')
      ? key
          .array('importParameters')
          .map((entry, index) =>
            parametersOf(`${key.where}.importParameters[${index}]`, entry, keyId, storeKey),
          )
      : undefined,
    pendingRotationMaterial: key.has('pendingRotationMaterial')
      ? materialOf(
          `${key.where}.pendingRotationMaterial`,
          key.object('pendingRotationMaterial').record,
        )
      : undefined,
    importedPrivateKey: key.has('importedPrivateKey')
      ? importedPrivateKeyOf(key.object('importedPrivateKey'))
      : undefined,
  };
}

function importedPrivateKeyOf(fields: Fields) {
  return {
    keyMaterialId: fields.matching('keyMaterialId', KEY_MATERIAL_ID, '64 lowercase hex characters'),
    terms: termsOf(fields),
  };
}

function parametersOf(
  where: string,
  entry: unknown,
  keyId: string,
  storeKey: Buffer | undefined,
): StoredImportParameters {
  const fields = new Fields(where, entry);
  const tokenId = fields.matching('tokenId', TOKEN_ID, '32 lowercase hex characters');
  const wrappingKeySpec = fields.oneOf<WrappingKeySpec>('wrappingKeySpec', WrappingKeySpecs);
  const wrappingAlgorithm = fields.oneOf<AlgorithmSpec>('wrappingAlgorithm', AlgorithmSpecs);
  const validTo = fields.date('validTo');
  const wrapped = fields.bytes('wrappedPrivateKey');
  if (!storeKey)
    throw new StoreFormatError(
      `${where} holds a wrapped private key, but the store key file beside the store is missing`,
    );
  const bytes = unwrapSecret(storeKey, parametersRecord(keyId, tokenId), wrapped);
  if (!bytes)
    throw new StoreFormatError(
      `${where}: 'wrappedPrivateKey' does not open with the store key (damaged, or the key file is not this store's)`,
    );
  return {
    tokenId,
    wrappingKeySpec,
    wrappingAlgorithm,
    validTo,
    privateKey: { kind: 'bytes', bytes },
  };
}
