/**
 * local-kms's seed file (github.com/nsmithuk/local-kms, README "Seeding file format"), read
 * unchanged and turned into KMS Lab's seed format, which kms-lab-seed.ts then checks:
 *
 *   Keys:
 *     Symmetric:
 *       Aes:  [{Metadata: {KeyId, Description, Origin}, BackingKeys: [hex...], NextKeyRotation}]
 *     Asymmetric:
 *       Rsa:  [{Metadata: {KeyId, KeyUsage, Description}, PrivateKeyPem}]
 *       Ecc:  [{Metadata: {KeyId, KeyUsage, Description}, PrivateKeyPem}]
 *   Aliases: [{AliasName, TargetKeyId}]
 *
 * and its older form, `Keys: [<Aes key>...]`. As in local-kms: BackingKeys are 256-bit AES
 * keys in hex, several simulate a rotated key (the last is current); NextKeyRotation (ISO
 * 8601) turns automatic rotation on with that next date; RSA keys need KeyUsage SIGN_VERIFY
 * or ENCRYPT_DECRYPT, ECC keys SIGN_VERIFY; the key size comes from the PEM.
 */
import {
  FieldReader,
  isObject,
  type Json,
  type FieldReader as Reader,
  SeedError,
} from './reader.js';

const METADATA_FIELDS = ['KeyId', 'Description', 'KeyUsage', 'Origin', 'Enabled'];

/** True when the document is in local-kms's format rather than KMS Lab's. */
export function isLocalKmsSeed(document: Json): boolean {
  return (
    document.Format === undefined && (document.Keys !== undefined || document.Aliases !== undefined)
  );
}

/** Which list an asymmetric key came from: its key, read later, must be of that family. */
export interface LocalKmsFamily {
  keyId: string;
  family: 'Rsa' | 'Ecc';
  where: string;
}

/** The KMS Lab seed document that says what the local-kms one says. */
export function fromLocalKmsSeed(document: Json): {
  document: Json;
  families: LocalKmsFamily[];
  /** Where each key of the converted document was in the local-kms one. */
  places: string[];
} {
  const top: FieldReader = new FieldReader(document, 'the document');
  top.only(['Keys', 'Aliases']);
  const keys: Json[] = [];
  const families: LocalKmsFamily[] = [];
  const places: string[] = [];
  if (Array.isArray(document.Keys)) {
    // local-kms's legacy format: a plain list of AES keys.
    top.array('Keys').forEach((entry, index) => {
      keys.push(aesKey(entry, `Keys[${index}]`));
      places.push(`Keys[${index}]`);
    });
  } else {
    const groups = top.object_('Keys');
    if (groups) {
      groups.only(['Symmetric', 'Asymmetric']);
      const symmetric = groups.object_('Symmetric');
      symmetric?.only(['Aes']);
      symmetric?.array('Aes').forEach((entry, index) => {
        keys.push(aesKey(entry, `Keys.Symmetric.Aes[${index}]`));
        places.push(`Keys.Symmetric.Aes[${index}]`);
      });
      const asymmetric = groups.object_('Asymmetric');
      asymmetric?.only(['Rsa', 'Ecc']);
      for (const family of ['Rsa', 'Ecc'] as const)
        asymmetric?.array(family).forEach((entry, index) => {
          const where = `Keys.Asymmetric.${family}[${index}]`;
          const key = asymmetricKey(entry, where, family);
          keys.push(key);
          places.push(where);
          families.push({ keyId: key.KeyId as string, family, where });
        });
    }
  }
  return {
    document: { Format: 'kms-lab/seed', Version: 1, Keys: keys, Aliases: document.Aliases ?? [] },
    families,
    places,
  };
}

/** The entry and its Metadata, with the key named in errors once its ID is known. */
function entryOf(entry: unknown, place: string, fields: string[]): { key: Reader; meta: Reader } {
  if (!isObject(entry)) throw new SeedError(`Seed: ${place} must be an object.`);
  const outer: FieldReader = new FieldReader(entry, place);
  const meta: FieldReader | undefined = outer.object_('Metadata');
  if (!meta) outer.fail('Metadata', 'is required (it holds the KeyId)');
  const keyId = meta.string('KeyId', { required: true }) as string;
  const key: FieldReader = new FieldReader(entry, `${place} (key ${keyId.slice(0, 80)})`);
  key.only(['Metadata', ...fields]);
  const metadata: FieldReader = new FieldReader(meta.object, `${key.where}, Metadata`);
  metadata.only(METADATA_FIELDS);
  return { key, meta: metadata };
}

function common(meta: Reader): Json {
  return {
    KeyId: meta.object.KeyId,
    Description: meta.object.Description,
    Enabled: meta.object.Enabled,
  };
}

function aesKey(entry: unknown, place: string): Json {
  const { key, meta } = entryOf(entry, place, ['BackingKeys', 'NextKeyRotation']);
  const origin = meta.string('Origin');
  if (origin === 'EXTERNAL')
    meta.fail(
      'Origin',
      'EXTERNAL (imported key material) is not emulated by KMS Lab: remove Origin to seed the BackingKeys as an AWS_KMS key',
    );
  if (origin !== undefined && origin !== 'AWS_KMS') meta.fail('Origin', 'must be AWS_KMS');
  const usage = meta.string('KeyUsage');
  if (usage !== undefined && usage !== 'ENCRYPT_DECRYPT')
    meta.fail('KeyUsage', 'of an AES key must be ENCRYPT_DECRYPT');
  const backingKeys = key.array('BackingKeys');
  // local-kms: "BackingKeys must be an array of one or more hex encoded 256bit keys".
  if (backingKeys.length === 0)
    key.fail('BackingKeys', 'must list one or more 256-bit keys in hex');
  const next = key.date('NextKeyRotation');
  return {
    ...common(meta),
    KeySpec: 'SYMMETRIC_DEFAULT',
    BackingKeys: backingKeys,
    ...(next ? { Rotation: { Enabled: true, NextRotationDate: next.toISOString() } } : {}),
  };
}

function asymmetricKey(entry: unknown, place: string, family: 'Rsa' | 'Ecc'): Json {
  const { key, meta } = entryOf(entry, place, ['PrivateKeyPem']);
  key.string('PrivateKeyPem', { required: true });
  const usage = meta.string('KeyUsage', { required: true });
  const allowed = family === 'Rsa' ? ['SIGN_VERIFY', 'ENCRYPT_DECRYPT'] : ['SIGN_VERIFY'];
  if (!allowed.includes(usage as string))
    meta.fail('KeyUsage', `of an ${family.toUpperCase()} key must be ${allowed.join(' or ')}`);
  if (meta.string('Origin') !== undefined && meta.object.Origin !== 'AWS_KMS')
    meta.fail('Origin', 'must be AWS_KMS for asymmetric keys');
  return {
    ...common(meta),
    KeyUsage: usage,
    PrivateKeyPem: key.object.PrivateKeyPem,
  };
}
