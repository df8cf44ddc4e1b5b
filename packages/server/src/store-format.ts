import {
  type KeySpec,
  KeySpec as KeySpecs,
  type KeyUsageType,
  KeyUsageType as KeyUsageTypes,
  REGION_PATTERN,
  type StoredAlias,
  type StoredKey,
  type StoredPrivateKey,
  type Tag,
} from '@kms-lab/core';
import { Fields, isObject, StoreFormatError } from './record-fields.js';
import { grantToJson, policyAndGrantsOf } from './store-format-grants.js';
import {
  importFieldsOf,
  importFieldsToJson,
  materialOf,
  materialToJson,
} from './store-format-materials.js';
import { unwrapSecret, wrapSecret } from './store-key.js';

export { isObject, StoreFormatError };

/**
 * The key store file: one JSON document holding every key and alias (see README.md).
 * The marker and version let the server refuse a file that is not its own rather than
 * overwrite it.
 */
export const STORE_FORMAT = 'kms-lab/key-store';
export const STORE_VERSION = 5;
/**
 * Version 1: the whole store in one file, rewritten at every change. Version 2: the same
 * snapshot, with the changes since in a journal beside it (journal.ts). Version 3: keys may
 * have a key policy and grants (store-format-grants.ts); a server that reads only version 2
 * would drop them, so it refuses the file instead. Version 4: every Region's keys and aliases,
 * each record with its `region`, and multi-Region keys (`mrk-` IDs, `multiRegion`); the
 * records of an older file are the default Region's (`--region`). Version 5: EXTERNAL keys,
 * with imported key material and import parameters (store-format-materials.ts). An older file
 * is read, and written again as the current version at open.
 */
const READABLE_VERSIONS: readonly unknown[] = [1, 2, 3, 4, 5];

/** The forms KMS Lab writes; a record that differs was not written by it, or was damaged. */
const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS_NAME = /^alias\/[a-zA-Z0-9:/_-]{1,250}$/;

/** A record and the Region it belongs to. */
export type InRegion<T> = T & { region: string };

export interface StoreContents {
  keys: InRegion<StoredKey>[];
  aliases: InRegion<StoredAlias>[];
}

/**
 * The name of a record in the store's maps and journal lines: `<region> <keyId or alias>`.
 * A name without a Region (a journal line of version 3) is the default Region's.
 */
export const scopedName = (region: string, name: string) => `${region} ${name}`;
export function splitScopedName(scoped: string, defaultRegion: string): [string, string] {
  const space = scoped.indexOf(' ');
  return space < 0 ? [defaultRegion, scoped] : [scoped.slice(0, space), scoped.slice(space + 1)];
}

// ---------------------------------------------------------------- writing

const iso = (date: Date) => date.toISOString();

export function keyToJson(key: StoredKey, storeKey: () => Buffer) {
  return {
    keyId: key.keyId,
    createdAt: iso(key.createdAt),
    description: key.description,
    keyUsage: key.keyUsage,
    keySpec: key.keySpec,
    enabled: key.enabled,
    deletion: key.deletion && {
      date: iso(key.deletion.date),
      windowDays: key.deletion.windowDays,
      afterReplicas: key.deletion.afterReplicas,
    },
    multiRegion: key.multiRegion && { primaryRegion: key.multiRegion.primaryRegion },
    tags: key.tags.map(({ TagKey, TagValue }) => ({ TagKey, TagValue })),
    materials: key.materials.map(materialToJson),
    privateKey: key.privateKey && privateKeyToJson(key.keyId, key.privateKey, storeKey()),
    rotation: {
      enabled: key.rotation.enabled,
      periodDays: key.rotation.periodDays,
      nextRotationDate: key.rotation.nextRotationDate && iso(key.rotation.nextRotationDate),
      onDemandCount: key.rotation.onDemandCount,
    },
    policy: key.policy,
    grants: key.grants?.map(grantToJson),
    grantTokenKey: key.grantTokenKey && Buffer.from(key.grantTokenKey).toString('base64'),
    ...importFieldsToJson(key, storeKey),
  };
}

function privateKeyToJson(
  keyId: string,
  { publicKey, secret }: StoredPrivateKey,
  storeKey: Buffer,
) {
  if (secret.kind !== 'bytes')
    throw new TypeError('The file store keeps private keys as bytes, not CryptoKeys.');
  return {
    publicKey: publicKey && Buffer.from(publicKey).toString('base64'),
    wrappedSecret: wrapSecret(storeKey, keyId, secret.bytes),
  };
}

export const aliasToJson = (alias: StoredAlias) => ({
  aliasName: alias.aliasName,
  targetKeyId: alias.targetKeyId,
  createdAt: iso(alias.createdAt),
  lastUpdatedAt: iso(alias.lastUpdatedAt),
});

/** The snapshot's text: keys and aliases in a stable order (by Region, then name). */
export function serializeStore({ keys, aliases }: StoreContents, storeKey: () => Buffer): string {
  const document = {
    format: STORE_FORMAT,
    version: STORE_VERSION,
    keys: [...keys]
      .sort((a, b) => a.region.localeCompare(b.region) || a.keyId.localeCompare(b.keyId))
      .map((key) => ({ region: key.region, ...keyToJson(key, storeKey) })),
    aliases: [...aliases]
      .sort((a, b) => a.region.localeCompare(b.region) || a.aliasName.localeCompare(b.aliasName))
      .map((alias) => ({ region: alias.region, ...aliasToJson(alias) })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

// ---------------------------------------------------------------- reading

export function keyFromJson(
  where: string,
  record: unknown,
  storeKey: Buffer | undefined,
): StoredKey {
  const key = new Fields(where, record);
  // Members are read in the order of the file, so the first fault found is reported.
  const deletionOf = (deletion: Fields) => ({
    date: deletion.date('date'),
    windowDays: deletion.count('windowDays'),
    afterReplicas: deletion.has('afterReplicas') ? deletion.boolean('afterReplicas') : undefined,
  });
  const rotationOf = (rotation: Fields) => ({
    enabled: rotation.boolean('enabled'),
    periodDays: rotation.count('periodDays'),
    nextRotationDate: rotation.optionalDate('nextRotationDate'),
    onDemandCount: rotation.count('onDemandCount'),
  });
  const parsed: StoredKey = {
    keyId: key.matching('keyId', KEY_ID, 'a key ID (a lowercase UUID)'),
    createdAt: key.date('createdAt'),
    description: key.string('description'),
    keyUsage: key.oneOf<KeyUsageType>('keyUsage', KeyUsageTypes),
    keySpec: key.oneOf<KeySpec>('keySpec', KeySpecs),
    enabled: key.boolean('enabled'),
    deletion: key.has('deletion') ? deletionOf(key.object('deletion')) : undefined,
    multiRegion: key.has('multiRegion')
      ? {
          primaryRegion: key
            .object('multiRegion')
            .matching('primaryRegion', REGION_PATTERN, 'an AWS Region name'),
        }
      : undefined,
    tags: key.array('tags').map((entry, index): Tag => {
      const tag = new Fields(`${where}.tags[${index}]`, entry);
      return { TagKey: tag.string('TagKey'), TagValue: tag.string('TagValue') };
    }),
    materials: key
      .array('materials')
      .map((entry, index) => materialOf(`${where}.materials[${index}]`, entry)),
    privateKey: key.has('privateKey')
      ? privateKeyOf(key.string('keyId'), key.object('privateKey'), storeKey)
      : undefined,
    rotation: rotationOf(key.object('rotation')),
    ...policyAndGrantsOf(key),
    ...importFieldsOf(key, key.string('keyId'), storeKey),
  };
  // Symmetric keys hold AES material; the others one private key (with a public key unless HMAC).
  const symmetric = parsed.keySpec === 'SYMMETRIC_DEFAULT';
  if (symmetric && parsed.materials.length === 0 && parsed.origin !== 'EXTERNAL')
    throw new StoreFormatError(`${where}: a SYMMETRIC_DEFAULT key must have key material.`);
  if (!symmetric && parsed.materials.length > 0)
    throw new StoreFormatError(`${where}: a ${parsed.keySpec} key has no 'materials'.`);
  const materialIds = parsed.materials.map((material) => material.keyMaterialId);
  if (new Set(materialIds).size !== materialIds.length)
    throw new StoreFormatError(`${where}: a keyMaterialId appears twice.`);
  if (symmetric && parsed.privateKey !== undefined)
    throw new StoreFormatError(`${where}: a SYMMETRIC_DEFAULT key must not have a 'privateKey'.`);
  if (!symmetric && parsed.privateKey === undefined && parsed.origin !== 'EXTERNAL')
    throw new StoreFormatError(`${where}: a ${parsed.keySpec} key must have a 'privateKey'.`);
  if (
    parsed.privateKey &&
    parsed.keySpec.startsWith('HMAC_') === (parsed.privateKey.publicKey !== undefined)
  )
    throw new StoreFormatError(
      `${where}: 'privateKey.publicKey' does not fit key spec ${parsed.keySpec}.`,
    );
  return parsed;
}

/**
 * An asymmetric key's pair (`publicKey` SPKI, `wrappedSecret` the PKCS #8 wrapped under the
 * store key) or an HMAC key (`wrappedSecret` only).
 */
function privateKeyOf(
  keyId: string,
  fields: Fields,
  storeKey: Buffer | undefined,
): StoredPrivateKey {
  const publicKey = fields.has('publicKey') ? fields.bytes('publicKey') : undefined;
  const wrapped = fields.bytes('wrappedSecret');
  if (!storeKey)
    throw new StoreFormatError(
      `${fields.where} holds a wrapped private key, but the store key file beside the store is missing`,
    );
  const secret = unwrapSecret(storeKey, keyId, wrapped);
  if (!secret)
    throw new StoreFormatError(
      `${fields.where}: 'wrappedSecret' does not open with the store key (damaged, or the key file is not this store's)`,
    );
  return { publicKey, secret: { kind: 'bytes', bytes: secret } };
}

export function aliasFromJson(where: string, record: unknown): StoredAlias {
  const alias = new Fields(where, record);
  return {
    aliasName: alias.matching('aliasName', ALIAS_NAME, "an alias name ('alias/' and a name)"),
    targetKeyId: alias.matching('targetKeyId', KEY_ID, 'a key ID (a lowercase UUID)'),
    createdAt: alias.date('createdAt'),
    lastUpdatedAt: alias.date('lastUpdatedAt'),
  };
}

/**
 * Parses a key store file, or throws StoreFormatError saying what is wrong with it. Records of
 * a file older than version 4 are `defaultRegion`'s.
 */
export function parseStore(
  text: string,
  storeKey?: Buffer,
  defaultRegion = 'us-east-1',
): StoreContents & { version: number } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new StoreFormatError('it is not JSON');
  }
  if (!isObject(document) || document.format !== STORE_FORMAT)
    throw new StoreFormatError(
      `it is JSON but not a KMS Lab key store (no "format": "${STORE_FORMAT}")`,
    );
  if (!READABLE_VERSIONS.includes(document.version))
    throw new StoreFormatError(
      `it is a KMS Lab key store of version ${JSON.stringify(document.version)}; this server reads versions ${READABLE_VERSIONS.join(', ')}`,
    );
  const root = new Fields('the store', document);
  const regional = (document.version as number) >= 4;
  const regionOf = (where: string, record: unknown) =>
    regional
      ? new Fields(where, record).matching('region', REGION_PATTERN, 'an AWS Region name')
      : defaultRegion;
  const keys = root.array('keys').map((record, index) => ({
    ...keyFromJson(`keys[${index}]`, record, storeKey),
    region: regionOf(`keys[${index}]`, record),
  }));
  const aliases = root.array('aliases').map((record, index) => ({
    ...aliasFromJson(`aliases[${index}]`, record),
    region: regionOf(`aliases[${index}]`, record),
  }));
  // A duplicate would silently hide one record: its ciphertexts would stop decrypting.
  const keyIds = new Map<string, number>();
  keys.forEach((key, index) => {
    const name = scopedName(key.region, key.keyId);
    const first = keyIds.get(name);
    if (first !== undefined)
      throw new StoreFormatError(
        `keys[${index}]: key ID ${key.keyId} is already keys[${first}]'s in ${key.region}`,
      );
    keyIds.set(name, index);
  });
  const aliasNames = new Set<string>();
  aliases.forEach((alias, index) => {
    const name = scopedName(alias.region, alias.aliasName);
    if (aliasNames.has(name))
      throw new StoreFormatError(
        `aliases[${index}]: ${alias.aliasName} appears twice in ${alias.region}`,
      );
    aliasNames.add(name);
  });
  return { keys, aliases, version: document.version as number };
}

/**
 * Every alias names a key of its Region: checked once the journal has been replayed too. The
 * maps are keyed by scoped names (`scopedName`).
 */
export function checkAliasTargets(
  keys: ReadonlyMap<string, StoredKey>,
  aliases: ReadonlyMap<string, StoredAlias>,
): void {
  for (const [name, alias] of aliases) {
    const [region] = splitScopedName(name, '');
    if (!keys.has(scopedName(region, alias.targetKeyId)))
      throw new StoreFormatError(
        `the alias ${alias.aliasName} of ${region} points to no key of the store`,
      );
  }
}
