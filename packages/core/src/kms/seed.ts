/**
 * Applies a checked seed (seed/parse.ts) to the store: keys and aliases that exist already
 * are left alone, the others are created. Every new key is built (material imported, private
 * keys sealed) and every alias target checked before the first write, so a seed that cannot
 * be applied changes nothing.
 *
 * A seeded AES key material's KeyMaterialId is SHA-256 of a label, the key ID and the
 * material: the same seed gives the same IDs everywhere, so two engines or servers started
 * from one seed decrypt each other's ciphertexts (the blob names its key and material,
 * docs/ciphertext-format.md). The hash reveals nothing of a 256-bit random key.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { bufferSource } from '../keypairs/bytes.js';
import { isMlKemKeySpec } from '../kms-keys/specs.js';
import type { SeedKeyPlan, SeedPlan } from '../seed/parse.js';
import { SeedError } from '../seed/reader.js';
import type { StoredAlias, StoredKey, StoredKeyMaterial } from '../store/types.js';
import type { KmsContext } from './context.js';
import { addDays } from './materials.js';
import { newPrivateKey } from './operations/keys.js';
import { DEFAULT_ROTATION_PERIOD_DAYS } from './operations/rotation.js';
import { sealPrivateKey } from './private-keys.js';

/** What a seed did: the IDs and names it created, and those it found already there. */
export interface SeedResult {
  keysCreated: string[];
  keysKept: string[];
  aliasesCreated: string[];
  aliasesKept: string[];
}

export const EMPTY_SEED_RESULT: SeedResult = Object.freeze({
  keysCreated: [],
  keysKept: [],
  aliasesCreated: [],
  aliasesKept: [],
}) as SeedResult;

const MATERIAL_ID_LABEL = 'kms-lab/seed-key-material/v1';

/** The KeyMaterialId of seeded AES material: stable across engines, reveals nothing. */
export function seededKeyMaterialId(keyId: string, material: Uint8Array): string {
  return bytesToHex(sha256(concatBytes(utf8ToBytes(`${MATERIAL_ID_LABEL}\0${keyId}\0`), material)));
}

export function applySeed(kms: KmsContext, plan: SeedPlan): Promise<SeedResult> {
  return kms.exclusive(async () => {
    const result: SeedResult = {
      keysCreated: [],
      keysKept: [],
      aliasesCreated: [],
      aliasesKept: [],
    };
    const newKeys: StoredKey[] = [];
    for (const key of plan.keys) {
      if (await kms.store.getKey(key.keyId)) result.keysKept.push(key.keyId);
      else newKeys.push(await buildKey(kms, key));
    }
    const now = kms.now();
    const newAliases: StoredAlias[] = [];
    for (const alias of plan.aliases) {
      if (await kms.store.getAlias(alias.aliasName)) {
        result.aliasesKept.push(alias.aliasName);
        continue;
      }
      const target =
        newKeys.find((key) => key.keyId === alias.targetKeyId) ??
        (await kms.store.getKey(alias.targetKeyId));
      if (!target)
        throw new SeedError(
          `Seed: alias ${alias.aliasName}: TargetKeyId ${alias.targetKeyId} is neither a key of the seed nor a key already stored.`,
        );
      newAliases.push({
        aliasName: alias.aliasName,
        targetKeyId: alias.targetKeyId,
        createdAt: now,
        lastUpdatedAt: now,
      });
    }
    for (const key of newKeys) {
      await kms.store.putKey(key);
      result.keysCreated.push(key.keyId);
    }
    for (const alias of newAliases) {
      await kms.store.putAlias(alias);
      result.aliasesCreated.push(alias.aliasName);
    }
    return result;
  });
}

async function buildKey(kms: KmsContext, plan: SeedKeyPlan): Promise<StoredKey> {
  const createdAt = plan.createdAt ?? kms.now();
  const { keyId, keySpec, keyUsage } = plan;
  // As CreateKey: "The ML-KEM key specs are not available in China Regions."
  if (isMlKemKeySpec(keySpec) && kms.at.partition === 'aws-cn')
    throw new SeedError(
      `Seed: key ${keyId}: ${keySpec} keys cannot be created in ${kms.region}; the ML-KEM key specs are not available in China Regions.`,
    );
  const periodDays = plan.rotation.periodDays ?? DEFAULT_ROTATION_PERIOD_DAYS;
  const symmetric = keySpec === 'SYMMETRIC_DEFAULT';
  let materials: StoredKeyMaterial[] = [];
  if (symmetric)
    materials =
      plan.backingKeys.length === 0
        ? [await kms.newMaterial(createdAt)]
        : await Promise.all(
            plan.backingKeys.map((bytes, index) =>
              seededMaterial(kms, keyId, bytes, createdAt, index),
            ),
          );
  const privateKey = symmetric
    ? undefined
    : await sealPrivateKey(
        kms.crypto,
        kms.store.holdsCryptoKeys,
        { keyId, keySpec, keyUsage },
        plan.keyPair
          ? { publicKey: plan.keyPair.publicKey, privateKey: plan.keyPair.privateKey.slice() }
          : plan.hmacKey
            ? { privateKey: plan.hmacKey.slice() }
            : await newPrivateKey(kms, keySpec),
      );
  return {
    keyId,
    createdAt,
    description: plan.description,
    keyUsage,
    keySpec,
    enabled: plan.enabled,
    tags: plan.tags.map((tag) => ({ ...tag })),
    materials,
    privateKey,
    rotation: {
      enabled: plan.rotation.enabled,
      periodDays,
      nextRotationDate: plan.rotation.enabled
        ? (plan.rotation.nextRotationDate ?? addDays(createdAt, periodDays))
        : undefined,
      onDemandCount: 0,
    },
  };
}

/**
 * AES material given by a seed (later backing keys stand for automatic rotations, as
 * local-kms means them) or by LocalStack's _custom_key_material_ tag.
 */
export async function seededMaterial(
  kms: KmsContext,
  keyId: string,
  bytes: Uint8Array,
  createdAt: Date,
  index: number,
): Promise<StoredKeyMaterial> {
  const secret = kms.store.holdsCryptoKeys
    ? await kms.crypto.subtle.importKey(
        'raw',
        bufferSource(bytes),
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      )
    : bytes.slice();
  return {
    keyMaterialId: seededKeyMaterialId(keyId, bytes),
    secret,
    createdAt,
    rotationType: index === 0 ? undefined : 'AUTOMATIC',
  };
}
