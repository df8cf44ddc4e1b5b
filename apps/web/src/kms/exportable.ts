import type { StoredKey, StoredKeyMaterial, Tag } from '@kms-lab/core';

/**
 * Exportable master keys, so a demo prepared once can be moved to another machine with its
 * key material (lab-file/). A key is made exportable at creation by this tag; its AES
 * material is then kept as an *extractable* CryptoKey. Every other key's material stays
 * non-extractable, as before: the store (idb-key-store.ts) turns any extractable material
 * of an untagged key into a non-extractable CryptoKey before writing it.
 *
 * Why a tag: the engine (packages/core) knows nothing of exportability and makes the key's
 * ID itself; a tag travels with the key through CreateKey, so the store knows at the first
 * write, and removing the tag (UntagResource) makes the key non-exportable from then on.
 */
export const EXPORTABLE_TAG_KEY = 'kms-lab:exportable';
export const EXPORTABLE_TAG: Tag = { TagKey: EXPORTABLE_TAG_KEY, TagValue: 'true' };

const AES_GCM = 'AES-GCM';

/** The key asks to be exportable: a SYMMETRIC_DEFAULT key carrying the tag. */
export function wantsExportable(key: Pick<StoredKey, 'keySpec' | 'tags'>): boolean {
  return (
    key.keySpec === 'SYMMETRIC_DEFAULT' &&
    key.tags.some(
      (tag) => tag.TagKey === EXPORTABLE_TAG.TagKey && tag.TagValue === EXPORTABLE_TAG.TagValue,
    )
  );
}

const isExtractableKey = (secret: unknown): secret is CryptoKey =>
  typeof secret === 'object' &&
  secret !== null &&
  !(secret instanceof Uint8Array) &&
  (secret as CryptoKey).extractable === true;

/** Every material of the key can be exported: the key was made exportable and kept so. */
export function materialIsExportable(key: StoredKey): boolean {
  return (
    wantsExportable(key) &&
    key.materials.length > 0 &&
    key.materials.every((material) => isExtractableKey(material.secret))
  );
}

/**
 * The engine's WebCrypto, but AES-GCM keys it generates (key material, and the wrapping keys
 * of asymmetric private halves) come out extractable, so an exportable key's material can be.
 * The store makes every one that must not be exportable non-extractable before it is written
 * (`sealMaterials`); the engine's own copy lives in memory only.
 */
export function extractableAesCrypto(base: Crypto): Crypto {
  const subtle = new Proxy(base.subtle, {
    get(target, property) {
      if (property === 'generateKey')
        return (algorithm: AlgorithmIdentifier, extractable: boolean, usages: KeyUsage[]) => {
          const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
          return target.generateKey(
            algorithm as AesKeyGenParams,
            extractable || name.toUpperCase() === AES_GCM,
            usages,
          );
        };
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    subtle,
    getRandomValues: (array) => base.getRandomValues(array),
    randomUUID: () => base.randomUUID(),
  } as Crypto;
}

/** An extractable AES key as a non-extractable one with the same bytes (the bytes are dropped). */
async function nonExtractable(secret: CryptoKey): Promise<CryptoKey> {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', secret));
  try {
    return await crypto.subtle.importKey('raw', raw, secret.algorithm, false, [...secret.usages]);
  } finally {
    raw.fill(0);
  }
}

/**
 * The key as it may be written: extractable CryptoKeys kept only for an exportable key's
 * materials; any other extractable CryptoKey (material, a private half's wrapping key) made
 * non-extractable. The engine's object is not changed.
 */
export async function sealMaterials(key: StoredKey): Promise<StoredKey> {
  const keepExtractable = wantsExportable(key);
  const materials: StoredKeyMaterial[] = await Promise.all(
    key.materials.map(async (material) =>
      isExtractableKey(material.secret) && !keepExtractable
        ? { ...material, secret: await nonExtractable(material.secret) }
        : material,
    ),
  );
  const secret = key.privateKey?.secret;
  const privateKey =
    key.privateKey && secret?.kind === 'wrapped' && isExtractableKey(secret.wrappingKey)
      ? {
          ...key.privateKey,
          secret: { ...secret, wrappingKey: await nonExtractable(secret.wrappingKey) },
        }
      : key.privateKey;
  return { ...key, materials, privateKey };
}
