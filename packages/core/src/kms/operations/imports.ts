/**
 * Imported key material: GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial,
 * for symmetric encryption, HMAC, RSA and NIST-curve keys made with Origin EXTERNAL. The key's state and the expiry of
 * its material are in imports/imported-material.ts; tokens in imports/import-token.ts; the
 * wrapping algorithms in imports/wrapping.ts.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { KmsError } from '../../errors.js';
import { HMAC_SPECS, isHmacKeySpec } from '../../kms-keys/specs.js';
import type * as T from '../../model/types.generated.js';
import type { StoredImportTerms, StoredKey, StoredKeyMaterial } from '../../store/types.js';
import type { KmsContext } from '../context.js';
import {
  encodeImportToken,
  IMPORT_PARAMETERS_VALID_MS,
  importParametersOf,
} from '../imports/import-token.js';
import { importedKeyPair } from '../imports/imported-key-pair.js';
import { importedMaterialId, requireOrigin } from '../imports/imported-material.js';
import { newSm2WrappingKeyPair } from '../imports/sm2-wrapping.js';
import {
  isRsaWrappingAlgorithm,
  isRsaWrappingKeySpec,
  newWrappingKeyPair,
  unwrapKeyMaterial,
} from '../imports/wrapping.js';
import { addDays, currentMaterial } from '../materials.js';
import { sealPrivateKey } from '../private-keys.js';

/** AWS: ValidTo "The maximum value is 365 days from the request date." */
const MAX_VALID_TO_DAYS = 365;
/** Unexpired parameters kept per key; the oldest beyond this are dropped (their tokens fail). */
const MAX_KEPT_PARAMETERS = 20;
const SYMMETRIC_MATERIAL_BYTES = 32;

export function getParametersForImport(
  kms: KmsContext,
  input: T.GetParametersForImportCommandInput,
) {
  return kms.run('GetParametersForImport', input, async () => {
    const algorithm = input.WrappingAlgorithm as T.AlgorithmSpec;
    const spec = input.WrappingKeySpec as T.WrappingKeySpec;
    const key = await kms.resolve(input.KeyId as string, false);
    requireOrigin(kms, key, 'EXTERNAL');
    kms.requireNotPendingDeletion(key);
    checkWrapping(kms, algorithm, spec);
    const { publicKey, privateKey } = await wrappingKeyPair(kms, key.keyId, algorithm, spec);
    const parameters = {
      tokenId: bytesToHex(kms.crypto.getRandomValues(new Uint8Array(16))),
      wrappingKeySpec: spec,
      wrappingAlgorithm: algorithm,
      validTo: new Date(kms.now().getTime() + IMPORT_PARAMETERS_VALID_MS),
      privateKey,
    };
    await kms.update(
      key.keyId,
      (fresh) => kms.requireNotPendingDeletion(fresh),
      (fresh) => {
        const now = kms.now();
        const kept = (fresh.importParameters ?? []).filter((entry) => entry.validTo > now);
        fresh.importParameters = [...kept, parameters].slice(-MAX_KEPT_PARAMETERS);
      },
    );
    return {
      KeyId: kms.arn(key),
      ImportToken: encodeImportToken(key.keyId, parameters),
      PublicKey: publicKey,
      ParametersValidTo: parameters.validTo,
    };
  });
}

/**
 * AWS wraps with RSA keys and RSAES_OAEP or RSA_AES_KEY_WRAP everywhere, and with SM2 and
 * SM2PKE only in China Regions; RSAES_PKCS1_V1_5 is no longer accepted.
 */
function checkWrapping(kms: KmsContext, algorithm: T.AlgorithmSpec, spec: T.WrappingKeySpec) {
  if (algorithm === 'RSAES_PKCS1_V1_5')
    throw new KmsError(
      'ValidationException',
      'The RSAES_PKCS1_V1_5 wrapping algorithm is no longer supported: use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.',
    );
  if ((algorithm === 'SM2PKE') !== (spec === 'SM2'))
    throw new KmsError(
      'ValidationException',
      `The wrapping algorithm ${algorithm} cannot be used with the wrapping key spec ${spec}: SM2PKE goes with SM2, the RSA algorithms with RSA_2048, RSA_3072 or RSA_4096.`,
    );
  if (spec === 'SM2' && kms.at.partition !== 'aws-cn')
    throw new KmsError(
      'ValidationException',
      `The SM2 wrapping key spec is available only in China Regions, not in ${kms.region}.`,
    );
}

function wrappingKeyPair(
  kms: KmsContext,
  keyId: string,
  algorithm: T.AlgorithmSpec,
  spec: T.WrappingKeySpec,
) {
  if (algorithm === 'SM2PKE' && spec === 'SM2')
    return newSm2WrappingKeyPair(kms.crypto, kms.store.holdsCryptoKeys, keyId);
  if (!isRsaWrappingAlgorithm(algorithm) || !isRsaWrappingKeySpec(spec))
    throw new KmsError('KMSInternalException', `No wrapping key for ${spec}.`);
  return newWrappingKeyPair(kms.crypto, kms.store.holdsCryptoKeys, spec, algorithm);
}

/** ValidTo and ExpirationModel as AWS checks them. */
function importTerms(kms: KmsContext, input: T.ImportKeyMaterialCommandInput) {
  const expirationModel = input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES';
  const validTo = input.ValidTo;
  if (expirationModel === 'KEY_MATERIAL_EXPIRES') {
    // Recorded from AWS, without a final period.
    if (!validTo)
      throw new KmsError(
        'ValidationException',
        'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
      );
    const now = kms.now();
    if (validTo <= now || validTo > addDays(now, MAX_VALID_TO_DAYS))
      throw new KmsError(
        'ValidationException',
        `ValidTo ${validTo.toISOString()} must be in the future and at most ${MAX_VALID_TO_DAYS} days from now (${now.toISOString()}).`,
      );
  } else if (validTo)
    throw new KmsError(
      'ValidationException',
      'ValidTo must not be set when the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE.',
    );
  return { expirationModel, validTo };
}

export function importKeyMaterial(kms: KmsContext, input: T.ImportKeyMaterialCommandInput) {
  return kms.run('ImportKeyMaterial', input, async () => {
    const terms = importTerms(kms, input);
    const key = await kms.resolve(input.KeyId as string, false);
    requireOrigin(kms, key, 'EXTERNAL');
    kms.requireNotPendingDeletion(key);
    const parameters = importParametersOf(key, input.ImportToken as Uint8Array, kms.now());
    const material = await unwrapKeyMaterial(
      kms.crypto,
      key.keyId,
      parameters,
      input.EncryptedKeyMaterial as Uint8Array,
    );
    try {
      if (key.keySpec !== 'SYMMETRIC_DEFAULT')
        return await importPrivateKey(kms, key, input, material, terms);
      if (material.length !== SYMMETRIC_MATERIAL_BYTES)
        throw new KmsError(
          'ValidationException',
          `The key material of a SYMMETRIC_DEFAULT key must be ${SYMMETRIC_MATERIAL_BYTES} bytes (a 256-bit AES key), not ${material.length}.`,
        );
      const keyMaterialId = importedMaterialId(key.keyId, material);
      const secret = kms.store.holdsCryptoKeys
        ? await kms.crypto.subtle.importKey(
            'raw',
            new Uint8Array(material),
            { name: 'AES-GCM', length: 256 },
            false,
            ['encrypt', 'decrypt'],
          )
        : new Uint8Array(material);
      const imported: StoredImportTerms = { ...terms, description: input.KeyMaterialDescription };
      const updated = await kms.update(
        key.keyId,
        (fresh) => kms.requireNotPendingDeletion(fresh),
        (fresh) => placeMaterial(kms, fresh, input, { keyMaterialId, secret, imported }),
      );
      return { KeyId: kms.arn(updated), KeyMaterialId: keyMaterialId };
    } finally {
      material.fill(0);
    }
  });
}

/**
 * Import into an HMAC or asymmetric key (PKCS #8, of the key's spec): its one key, which cannot change after the first import (AWS), so
 * a re-import must be the same material. ImportType, KeyMaterialId and KeyMaterialDescription
 * are for symmetric encryption keys only.
 */
async function importPrivateKey(
  kms: KmsContext,
  key: StoredKey,
  input: T.ImportKeyMaterialCommandInput,
  material: Uint8Array,
  terms: StoredImportTerms,
) {
  for (const member of ['ImportType', 'KeyMaterialId', 'KeyMaterialDescription'] as const)
    if (input[member] !== undefined)
      throw new KmsError(
        'ValidationException',
        `${member} is only usable with symmetric encryption keys, not ${key.keySpec} keys.`,
      );
  const spec = key.keySpec;
  let pair: { privateKey: Uint8Array; publicKey?: Uint8Array };
  if (isHmacKeySpec(spec)) {
    const expected = HMAC_SPECS[spec].keyBytes;
    if (material.length !== expected)
      throw new KmsError(
        'ValidationException',
        `The key material of a ${spec} key must be ${expected} bytes, not ${material.length}.`,
      );
    pair = { privateKey: new Uint8Array(material) };
  } else pair = await importedKeyPair(kms.crypto, spec, material);
  // Of the canonical encoding, so the same key in another PKCS #8 layout is the same material.
  const keyMaterialId = importedMaterialId(key.keyId, pair.privateKey);
  const privateKey = await sealPrivateKey(kms.crypto, kms.store.holdsCryptoKeys, key, pair);
  const updated = await kms.update(
    key.keyId,
    (fresh) => {
      kms.requireNotPendingDeletion(fresh);
      const earlier = fresh.importedPrivateKey?.keyMaterialId;
      if (earlier !== undefined && earlier !== keyMaterialId)
        throw new KmsError(
          'IncorrectKeyMaterialException',
          `The key material being imported is not the key material that was previously imported into ${kms.arn(fresh)}: the key material of a ${spec} key cannot change.`,
        );
    },
    (fresh) => {
      fresh.privateKey = privateKey;
      fresh.importedPrivateKey = { keyMaterialId, terms };
    },
  );
  return { KeyId: kms.arn(updated), KeyMaterialId: keyMaterialId };
}

const materialsOf = (key: StoredKey) =>
  key.pendingRotationMaterial ? [...key.materials, key.pendingRotationMaterial] : key.materials;

/**
 * Puts imported material where ImportType says: the key's first material, new material waiting
 * for RotateKeyOnDemand, or material the key had before (re-imported: IncorrectKeyMaterial
 * unless it is the same).
 */
function placeMaterial(
  kms: KmsContext,
  key: StoredKey,
  input: T.ImportKeyMaterialCommandInput,
  incoming: Required<Pick<StoredKeyMaterial, 'keyMaterialId' | 'secret' | 'imported'>>,
) {
  const importType =
    input.ImportType ?? (key.materials.length === 0 ? 'NEW_KEY_MATERIAL' : 'EXISTING_KEY_MATERIAL');
  const known = materialsOf(key).find((entry) => entry.keyMaterialId === incoming.keyMaterialId);
  if (importType === 'EXISTING_KEY_MATERIAL') {
    if (input.KeyMaterialId !== undefined && input.KeyMaterialId !== incoming.keyMaterialId)
      throw new KmsError(
        'IncorrectKeyMaterialException',
        `The key material being imported is not key material ${input.KeyMaterialId} of ${kms.arn(key)}.`,
      );
    if (!known)
      throw new KmsError(
        'IncorrectKeyMaterialException',
        key.materials.length === 0
          ? `${kms.arn(key)} has no key material yet: import it with ImportType NEW_KEY_MATERIAL.`
          : `The key material being imported is not key material that was previously imported into ${kms.arn(key)}.`,
      );
    known.secret = incoming.secret;
    known.imported = {
      ...incoming.imported,
      description: incoming.imported.description ?? known.imported?.description,
    };
    return;
  }
  if (input.KeyMaterialId !== undefined)
    throw new KmsError(
      'ValidationException',
      'You cannot specify a KeyMaterialId with ImportType NEW_KEY_MATERIAL.',
    );
  if (known)
    throw new KmsError(
      'IncorrectKeyMaterialException',
      `This key material (id: ${known.keyMaterialId}) was already imported into ${kms.arn(key)}: import it again with ImportType EXISTING_KEY_MATERIAL.`,
    );
  const material: StoredKeyMaterial = { ...incoming, createdAt: kms.now() };
  if (key.materials.length === 0) {
    key.materials.push(material);
    return;
  }
  if (key.keySpec !== 'SYMMETRIC_DEFAULT')
    throw new KmsError(
      'UnsupportedOperationException',
      `${kms.arn(key)} has key spec ${key.keySpec}: its key material cannot change after the first import.`,
    );
  if (key.pendingRotationMaterial)
    // Recorded from AWS.
    throw new KmsError(
      'KMSInvalidStateException',
      `New key material (id: ${material.keyMaterialId}) cannot be imported into KMS key ${key.keyId}, because another key material (id: ${key.pendingRotationMaterial.keyMaterialId}) is pending rotation.`,
    );
  key.pendingRotationMaterial = material;
}

export function deleteImportedKeyMaterial(
  kms: KmsContext,
  input: T.DeleteImportedKeyMaterialCommandInput,
) {
  return kms.run('DeleteImportedKeyMaterial', input, async () => {
    let deletedId: string | undefined;
    const key = await kms.update(
      input.KeyId as string,
      (fresh) => requireOrigin(kms, fresh, 'EXTERNAL'),
      (fresh) => {
        if (fresh.keySpec !== 'SYMMETRIC_DEFAULT') {
          const imported = fresh.importedPrivateKey;
          if (input.KeyMaterialId !== undefined && input.KeyMaterialId !== imported?.keyMaterialId)
            throw new KmsError(
              'NotFoundException',
              `Key material ${input.KeyMaterialId} is not key material of ${kms.arn(fresh)}.`,
            );
          deletedId = fresh.privateKey ? imported?.keyMaterialId : undefined;
          fresh.privateKey = undefined;
          return;
        }
        const target =
          input.KeyMaterialId === undefined
            ? currentMaterial(fresh)
            : materialsOf(fresh).find((entry) => entry.keyMaterialId === input.KeyMaterialId);
        if (!target) {
          if (input.KeyMaterialId === undefined) return; // nothing imported yet: nothing to do
          throw new KmsError(
            'NotFoundException',
            `Key material ${input.KeyMaterialId} is not key material of ${kms.arn(fresh)}.`,
          );
        }
        deletedId = target.keyMaterialId;
        // New material waiting for rotation goes entirely; other material keeps its ID and
        // terms, so the same material can be imported again.
        if (target === fresh.pendingRotationMaterial) fresh.pendingRotationMaterial = undefined;
        else target.secret = undefined;
      },
    );
    return { KeyId: kms.arn(key), KeyMaterialId: deletedId };
  });
}

/**
 * RotateKeyOnDemand of an EXTERNAL key: the material imported with NEW_KEY_MATERIAL becomes
 * current. Without one, there is nothing to rotate to.
 */
/** AWS (recorded): "No available key material pending rotation for the key: <key ARN>." */
export function requireMaterialPendingRotation(kms: KmsContext, key: StoredKey): void {
  if (key.origin === 'EXTERNAL' && !key.pendingRotationMaterial)
    throw new KmsError(
      'KMSInvalidStateException',
      `No available key material pending rotation for the key: ${kms.arn(key)}.`,
    );
}

export function rotateToImportedMaterial(kms: KmsContext, key: StoredKey): void {
  const material = key.pendingRotationMaterial as StoredKeyMaterial;
  key.materials.push({ ...material, createdAt: kms.now(), rotationType: 'ON_DEMAND' });
  key.pendingRotationMaterial = undefined;
}
