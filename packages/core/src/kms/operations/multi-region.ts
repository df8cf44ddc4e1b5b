/**
 * Multi-Region keys: ReplicateKey, UpdatePrimaryRegion, and DescribeKey's
 * MultiRegionConfiguration. AWS: related multi-Region keys "have the same key ID, key
 * material, and other metadata", one per Region; the primary is "the only key that can be
 * replicated", and "you cannot delete the primary key until all replica keys are deleted".
 * Each Region's engine keeps its own records; the partition copies the primary's key material
 * to the replicas when it changes (kms/multi-region/partition.ts).
 */
import { KmsError, messages } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { StoredKey } from '../../store/types.js';
import type { KmsContext } from '../context.js';
import { keyArn, partitionOf } from '../identifiers.js';
import type { RegionDirectory } from '../multi-region/regions.js';
import { defaultKeyPolicy } from '../policy/default-policy.js';
import { checkNewKeyPolicy } from './key-policies.js';
import { keyMetadata } from './keys.js';
import { mergeTags } from './tags.js';

/** A date no clock reaches: the deletion date of a primary key that waits for its replicas. */
export const AFTER_REPLICAS = new Date('9999-12-31T00:00:00.000Z');

const arnIn = (kms: KmsContext, region: string, keyId: string) =>
  keyArn({ ...kms.at, region }, keyId);

/** AWS (recorded): "<mrk-key-arn> is not a multi-region primary key." */
function notPrimary(kms: KmsContext, key: StoredKey): KmsError {
  return new KmsError(
    'UnsupportedOperationException',
    `${kms.arn(key)} is not a multi-region primary key.`,
  );
}

/** Only a multi-Region primary key may be replicated, rotated, or hand over its role. */
export function requirePrimary(kms: KmsContext, key: StoredKey): void {
  if (key.multiRegion && key.multiRegion.primaryRegion !== kms.region) throw notPrimary(kms, key);
}

function directoryOf(kms: KmsContext): RegionDirectory {
  if (!kms.regions)
    throw new KmsError(
      'UnsupportedOperationException',
      'This KMS Lab engine serves one Region: make it with createKmsPartition to use other Regions.',
    );
  return kms.regions;
}

/** The Regions other than the primary's that hold a key of this key ID, sorted. */
async function replicaRegions(kms: KmsContext, key: StoredKey): Promise<string[]> {
  const primaryRegion = key.multiRegion?.primaryRegion;
  if (!kms.regions || !primaryRegion) return [];
  const found: string[] = [];
  for (const region of kms.regions.regions()) {
    if (region === primaryRegion) continue;
    if (await kms.regions.storeOf(region).getKey(key.keyId)) found.push(region);
  }
  return found;
}

export async function hasReplicas(kms: KmsContext, key: StoredKey): Promise<boolean> {
  return (await replicaRegions(kms, key)).length > 0;
}

/** DescribeKey's MultiRegionConfiguration of a key seen from `region`; none for other keys. */
export async function multiRegionConfiguration(
  kms: KmsContext,
  key: StoredKey,
  region = kms.region,
): Promise<T.MultiRegionConfiguration | undefined> {
  if (!key.multiRegion) return undefined;
  const primaryRegion = key.multiRegion.primaryRegion;
  const entry = (where: string) => ({ Arn: arnIn(kms, where, key.keyId), Region: where });
  return {
    MultiRegionKeyType: region === primaryRegion ? 'PRIMARY' : 'REPLICA',
    PrimaryKey: entry(primaryRegion),
    ReplicaKeys: (await replicaRegions(kms, key)).map(entry),
  };
}

/** KeyMetadata with MultiRegionConfiguration, as DescribeKey, CreateKey and ReplicateKey answer. */
export async function fullKeyMetadata(kms: KmsContext, stored: StoredKey, region = kms.region) {
  let key = stored;
  if (key.deletion?.afterReplicas && kms.regions) {
    // A replica whose waiting period is over is deleted when looked at: look, so that the
    // primary's own waiting period starts once the last one is gone.
    for (const replica of await replicaRegions(kms, key))
      await kms.regions.settle(replica, key.keyId);
    key = (await kms.findKey(key.keyId)) ?? key;
  }
  const metadata = keyMetadata(kms, key, region);
  const configuration = await multiRegionConfiguration(kms, key, region);
  return configuration ? { ...metadata, MultiRegionConfiguration: configuration } : metadata;
}

function checkReplicaRegion(kms: KmsContext, region: string): void {
  if (partitionOf(region) !== kms.at.partition)
    throw new KmsError(
      'ValidationException',
      `ReplicaRegion ${region} is not in the ${kms.at.partition} partition of ${kms.region}: a multi-Region key is replicated within its partition.`,
    );
  if (region === kms.region)
    throw new KmsError(
      'ValidationException',
      `ReplicaRegion ${region} is the Region of the primary key: name another Region.`,
    );
}

export function replicateKey(kms: KmsContext, input: T.ReplicateKeyCommandInput) {
  return kms.run('ReplicateKey', input, async () => {
    const replicaRegion = input.ReplicaRegion as string;
    const primary = await kms.resolve(input.KeyId as string, false);
    if (!primary.multiRegion) throw notPrimary(kms, primary);
    requirePrimary(kms, primary);
    kms.requireEnabled(primary);
    checkReplicaRegion(kms, replicaRegion);
    const directory = directoryOf(kms);
    const replicaArn = arnIn(kms, replicaRegion, primary.keyId);
    if (input.Policy !== undefined)
      checkNewKeyPolicy(kms, replicaArn, input.Policy, input.BypassPolicyLockoutSafetyCheck);
    const tags = mergeTags([], input.Tags ?? []);
    const replicaStore = directory.storeOf(replicaRegion);
    const replica = await kms.exclusive(async () => {
      const fresh = await kms.store.getKey(primary.keyId);
      if (!fresh) throw kms.keyNotFound(kms.arn(primary));
      if (await replicaStore.getKey(primary.keyId))
        throw new KmsError('AlreadyExistsException', `${replicaArn} already exists.`);
      // Shared with the primary: key ID, spec, usage, every key material (so ciphertexts of
      // earlier material decrypt), rotation status. Its own: description, policy, tags, state.
      const made: StoredKey = {
        keyId: fresh.keyId,
        createdAt: kms.now(),
        description: input.Description ?? '',
        keyUsage: fresh.keyUsage,
        keySpec: fresh.keySpec,
        enabled: true,
        multiRegion: { primaryRegion: kms.region },
        tags,
        materials: fresh.materials,
        privateKey: fresh.privateKey,
        rotation: { ...fresh.rotation, nextRotationDate: undefined },
        policy: input.Policy ?? defaultKeyPolicy(kms.at.partition, kms.accountId),
      };
      await replicaStore.putKey(made);
      return made;
    });
    return {
      ReplicaKeyMetadata: await fullKeyMetadata(kms, replica, replicaRegion),
      ReplicaPolicy: replica.policy,
      ReplicaTags: replica.tags,
    };
  });
}

export function updatePrimaryRegion(kms: KmsContext, input: T.UpdatePrimaryRegionCommandInput) {
  return kms.run('UpdatePrimaryRegion', input, async () => {
    const newPrimaryRegion = input.PrimaryRegion as string;
    const key = await kms.resolve(input.KeyId as string, false);
    if (!key.multiRegion)
      throw new KmsError(
        'UnsupportedOperationException',
        `${kms.arn(key)} is not a multi-region key.`,
      );
    requirePrimary(kms, key);
    kms.requireEnabled(key);
    if (newPrimaryRegion === kms.region) return {};
    const directory = directoryOf(kms);
    await kms.exclusive(async () => {
      const target = await directory.storeOf(newPrimaryRegion).getKey(key.keyId);
      if (!target) throw kms.keyNotFound(arnIn(kms, newPrimaryRegion, key.keyId));
      if (target.deletion)
        throw new KmsError(
          'KMSInvalidStateException',
          messages.pendingDeletion(arnIn(kms, newPrimaryRegion, key.keyId)),
        );
      const current = (await kms.store.getKey(key.keyId)) as StoredKey;
      // The automatic rotation schedule moves with the primary role: replicas never rotate
      // on their own, they receive the primary's new material.
      target.rotation = { ...current.rotation };
      current.rotation = { ...current.rotation, nextRotationDate: undefined };
      for (const region of directory.regions()) {
        const store = directory.storeOf(region);
        const related =
          region === newPrimaryRegion
            ? target
            : region === kms.region
              ? current
              : await store.getKey(key.keyId);
        if (!related) continue;
        related.multiRegion = { primaryRegion: newPrimaryRegion };
        await store.putKey(related);
      }
    });
    return {};
  });
}
