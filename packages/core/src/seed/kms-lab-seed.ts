/**
 * KMS Lab's seed format (docs/seed.md, JSON Schema docs/seed.schema.json), read strictly into
 * a SeedPlan: what the engine will create. local-kms's format is first turned into this one
 * (local-kms.ts), so both are checked by the same code.
 */
import { isEmulatedKeySpec, KMS_KEY_SPECS, supportsUsage } from '../kms-keys/key-spec-table.js';
import { HMAC_SPECS, isHmacKeySpec, isKeyPairKeySpec } from '../kms-keys/specs.js';
import { type KeySpec, KeyUsageType, type Tag } from '../model/types.generated.js';
import { readSeededPrivateKey, type SeededKeyPair, SeedKeyError } from './private-key.js';
import { checkKeyId, FieldReader, hexBytes, isObject, type Json, SeedError } from './reader.js';

export const SEED_FORMAT = 'kms-lab/seed';
export const SEED_VERSION = 1;

/** One key the seed creates, checked and decoded. */
export interface SeedKeyPlan {
  keyId: string;
  description: string;
  keySpec: KeySpec;
  keyUsage: KeyUsageType;
  enabled: boolean;
  /** The key's CreationDate; when seeded, if not given. */
  createdAt: Date | undefined;
  tags: Tag[];
  /** SYMMETRIC_DEFAULT: 32-byte AES keys, oldest first, the last current; empty = make one. */
  backingKeys: Uint8Array[];
  /** Asymmetric keys: the pair read from PrivateKeyPem; undefined = generate one. */
  keyPair: SeededKeyPair | undefined;
  /** HMAC keys: the raw key; undefined = generate one. */
  hmacKey: Uint8Array | undefined;
  rotation: {
    enabled: boolean;
    periodDays: number | undefined;
    nextRotationDate: Date | undefined;
  };
}

export interface SeedAliasPlan {
  aliasName: string;
  targetKeyId: string;
}

export interface SeedPlan {
  keys: SeedKeyPlan[];
  aliases: SeedAliasPlan[];
}

/** The fields of a key; docs/seed.schema.json lists the same (a test keeps them equal). */
export const SEED_KEY_FIELDS = [
  'KeyId',
  'Description',
  'KeySpec',
  'KeyUsage',
  'Enabled',
  'CreationDate',
  'Tags',
  'BackingKeys',
  'PrivateKeyPem',
  'HmacKey',
  'Rotation',
] as const;
const KEY_USAGES: readonly KeyUsageType[] = Object.values(KeyUsageType);
const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]+$/;
const AES_KEY_BYTES = 32;
/** AWS: RotationPeriodInDays is 90 to 2560. */
const ROTATION_DAYS = [90, 2560] as const;

/**
 * Reads a KMS Lab seed document (already parsed from JSON or YAML). `places` names the keys
 * in errors when the document was converted from another format (local-kms's).
 */
export function readKmsLabSeed(document: Json, places: readonly string[] = []): SeedPlan {
  const top: FieldReader = new FieldReader(document, 'the document');
  top.only(['$schema', 'Format', 'Version', 'Keys', 'Aliases']);
  if (top.string('Format', { required: true }) !== SEED_FORMAT)
    top.fail('Format', `must be "${SEED_FORMAT}"`);
  if (top.integer('Version', SEED_VERSION, SEED_VERSION) === undefined)
    top.fail('Version', `is required (${SEED_VERSION})`);
  const keys = top
    .array('Keys')
    .map((entry, index) => readKey(entry, places[index] ?? `Keys[${index}]`));
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.keyId)) throw new SeedError(`Seed: key ${key.keyId} is listed twice.`);
    seen.add(key.keyId);
  }
  return { keys, aliases: readAliases(top.array('Aliases')) };
}

function readKey(entry: unknown, place: string): SeedKeyPlan {
  if (!isObject(entry)) throw new SeedError(`Seed: ${place} must be an object.`);
  const keyIdText = new FieldReader(entry, place).string('KeyId', { required: true }) as string;
  const key: FieldReader = new FieldReader(entry, `${place} (key ${keyIdText.slice(0, 80)})`);
  const keyId = checkKeyId(key, 'KeyId', keyIdText);
  key.only(SEED_KEY_FIELDS);
  const pem = key.string('PrivateKeyPem', { max: 20_000 });
  let keyPair: SeededKeyPair | undefined;
  if (pem !== undefined) {
    try {
      keyPair = readSeededPrivateKey(pem);
    } catch (error) {
      if (!(error instanceof SeedKeyError)) throw error;
      key.fail('PrivateKeyPem', `cannot be used: ${error.message}`);
    }
  }
  const keySpec = readKeySpec(key, keyPair);
  const keyUsage = readKeyUsage(key, keySpec);
  if (keyPair && !isKeyPairKeySpec(keySpec))
    key.fail('PrivateKeyPem', `is for RSA, ECC and SM2 keys, not ${keySpec}`);
  const backingKeys = key
    .array('BackingKeys')
    .map((hex, index) => hexBytes(key, `BackingKeys[${index}]`, hex, AES_KEY_BYTES));
  if (backingKeys.length > 0 && keySpec !== 'SYMMETRIC_DEFAULT')
    key.fail('BackingKeys', `are for SYMMETRIC_DEFAULT keys, not ${keySpec}`);
  const distinct = new Set(backingKeys.map((bytes) => bytes.join(',')));
  if (distinct.size !== backingKeys.length) key.fail('BackingKeys', 'list the same key twice');
  let hmacKey: Uint8Array | undefined;
  if (key.has('HmacKey')) {
    if (!isHmacKeySpec(keySpec)) key.fail('HmacKey', `is for HMAC keys, not ${keySpec}`);
    hmacKey = hexBytes(key, 'HmacKey', key.object.HmacKey, HMAC_SPECS[keySpec].keyBytes);
  }
  return {
    keyId,
    description: key.string('Description', { max: 8192 }) ?? '',
    keySpec,
    keyUsage,
    enabled: key.boolean('Enabled') ?? true,
    createdAt: key.date('CreationDate'),
    tags: readTags(key),
    backingKeys,
    keyPair,
    hmacKey,
    rotation: readRotation(key, keySpec),
  };
}

function readKeySpec(key: FieldReader, keyPair: SeededKeyPair | undefined): KeySpec {
  const declared = key.string('KeySpec');
  if (declared === undefined) return keyPair?.keySpec ?? 'SYMMETRIC_DEFAULT';
  if (!Object.hasOwn(KMS_KEY_SPECS, declared))
    key.fail('KeySpec', `'${declared.slice(0, 40)}' is not an AWS KMS key spec`);
  const keySpec = declared as KeySpec;
  if (!isEmulatedKeySpec(keySpec)) key.fail('KeySpec', `${keySpec} is not made by KMS Lab`);
  if (keyPair && keyPair.keySpec !== keySpec)
    key.fail('PrivateKeyPem', `holds a ${keyPair.keySpec} key, but KeySpec is ${keySpec}`);
  return keySpec;
}

function readKeyUsage(key: FieldReader, keySpec: KeySpec): KeyUsageType {
  const declared = key.string('KeyUsage');
  if (declared === undefined) {
    if (keySpec === 'SYMMETRIC_DEFAULT') return 'ENCRYPT_DECRYPT';
    if (isHmacKeySpec(keySpec)) return 'GENERATE_VERIFY_MAC';
    key.fail('KeyUsage', `is required for ${keySpec} keys (as in CreateKey)`);
  }
  if (!(KEY_USAGES as readonly string[]).includes(declared))
    key.fail('KeyUsage', `must be one of ${KEY_USAGES.join(', ')}`);
  const keyUsage = declared as KeyUsageType;
  if (!supportsUsage(keySpec, keyUsage))
    key.fail('KeyUsage', `${keyUsage} is not compatible with KeySpec ${keySpec}`);
  return keyUsage;
}

function readTags(key: FieldReader): Tag[] {
  const tags = key.array('Tags').map((entry, index) => {
    if (!isObject(entry)) key.fail(`Tags[${index}]`, 'must be an object {TagKey, TagValue}');
    const tag: FieldReader = new FieldReader(entry, `${key.where}, Tags[${index}]`);
    tag.only(['TagKey', 'TagValue']);
    const TagKey = tag.string('TagKey', { required: true, max: 128 }) as string;
    if (TagKey === '') tag.fail('TagKey', 'must not be empty');
    if (TagKey.startsWith('aws:'))
      tag.fail('TagKey', "must not begin with 'aws:' (AWS reserves it)");
    const TagValue = tag.string('TagValue', { required: true, max: 256 }) as string;
    return { TagKey, TagValue };
  });
  if (tags.length > 50) key.fail('Tags', 'can hold at most 50 tags');
  const keys = new Set(tags.map((tag) => tag.TagKey));
  if (keys.size !== tags.length) key.fail('Tags', 'name a TagKey twice');
  return tags;
}

function readRotation(key: FieldReader, keySpec: KeySpec): SeedKeyPlan['rotation'] {
  const rotation = key.object_('Rotation');
  if (!rotation) return { enabled: false, periodDays: undefined, nextRotationDate: undefined };
  if (keySpec !== 'SYMMETRIC_DEFAULT')
    key.fail('Rotation', `is for SYMMETRIC_DEFAULT keys; ${keySpec} keys do not rotate`);
  rotation.only(['Enabled', 'RotationPeriodInDays', 'NextRotationDate']);
  const enabled = rotation.boolean('Enabled') ?? true;
  const periodDays = rotation.integer('RotationPeriodInDays', ...ROTATION_DAYS);
  const nextRotationDate = rotation.date('NextRotationDate');
  if (!enabled && nextRotationDate)
    rotation.fail('NextRotationDate', 'needs rotation enabled (Enabled: true)');
  return { enabled, periodDays, nextRotationDate };
}

function readAliases(entries: unknown[]): SeedAliasPlan[] {
  const names = new Set<string>();
  return entries.map((entry, index) => {
    if (!isObject(entry)) throw new SeedError(`Seed: Aliases[${index}] must be an object.`);
    const alias: FieldReader = new FieldReader(entry, `Aliases[${index}]`);
    alias.only(['AliasName', 'TargetKeyId']);
    const aliasName = alias.string('AliasName', { required: true, max: 256 }) as string;
    if (!ALIAS_NAME.test(aliasName))
      alias.fail('AliasName', "must be 'alias/' then letters, digits, '/', '_' or '-'");
    if (aliasName.startsWith('alias/aws/'))
      alias.fail('AliasName', "must not begin with 'alias/aws/' (AWS reserves it)");
    if (names.has(aliasName)) alias.fail('AliasName', `${aliasName} is listed twice`);
    names.add(aliasName);
    const target = alias.string('TargetKeyId', { required: true }) as string;
    return { aliasName, targetKeyId: checkKeyId(alias, 'TargetKeyId', target) };
  });
}
