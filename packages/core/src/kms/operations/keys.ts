/** CreateKey, DescribeKey, ListKeys, and the key state changes: enable, disable, delete. */
import { KmsError } from '../../errors.js';
import {
  generateKmsKeyMaterial,
  isKeyPairKeySpec,
  isKmsKeyMaterialSpec,
  isMlKemKeySpec,
} from '../../kms-keys/index.js';
import { algorithmsFor, isEmulatedKeySpec, supportsUsage } from '../../kms-keys/key-spec-table.js';
import type * as T from '../../model/types.generated.js';
import type { StoredKey } from '../../store/types.js';
import type { KmsContext } from '../context.js';
import { keyArn, multiRegionKeyId, randomUuid } from '../identifiers.js';
import { isImportableKeyPairSpec } from '../imports/imported-key-pair.js';
import { importMetadata, isPendingImport } from '../imports/imported-material.js';
import { addDays, currentMaterial } from '../materials.js';
import { defaultKeyPolicy } from '../policy/default-policy.js';
import { sealPrivateKey } from '../private-keys.js';
import { seededMaterial } from '../seed.js';
import { checkNewKeyPolicy } from './key-policies.js';
import { readLocalStackTags } from './localstack-tags.js';
import { AFTER_REPLICAS, fullKeyMetadata, hasReplicas } from './multi-region.js';
import { DEFAULT_ROTATION_PERIOD_DAYS } from './rotation.js';
import { checkTags, mergeTags } from './tags.js';

/** AWS: PendingWindowInDays defaults to 30 and must be between 7 and 30. */
const DEFAULT_PENDING_WINDOW_DAYS = 30;
const MIN_PENDING_WINDOW_DAYS = 7;
const MAX_PENDING_WINDOW_DAYS = 30;

/** KeyMetadata for a stored key of `region` (this engine's, or a replica's). */
export function keyMetadata(kms: KmsContext, key: StoredKey, region = kms.region): T.KeyMetadata {
  const now = kms.now();
  const pendingImport = isPendingImport(key, now);
  const state: T.KeyState = key.deletion
    ? key.deletion.afterReplicas
      ? 'PendingReplicaDeletion'
      : 'PendingDeletion'
    : pendingImport
      ? 'PendingImport'
      : key.enabled
        ? 'Enabled'
        : 'Disabled';
  const current = currentMaterial(key);
  return {
    AWSAccountId: kms.accountId,
    KeyId: key.keyId,
    Arn: keyArn({ ...kms.at, region }, key.keyId),
    CreationDate: key.createdAt,
    // AWS: Enabled is true only in the Enabled state, false while PendingDeletion too.
    Enabled: state === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: state,
    DeletionDate: key.deletion?.afterReplicas ? undefined : key.deletion?.date,
    ...importMetadata(key, now),
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: key.keySpec as T.CustomerMasterKeySpec,
    KeySpec: key.keySpec,
    ...algorithmsFor(key.keySpec, key.keyUsage),
    MultiRegion: key.multiRegion !== undefined,
    PendingDeletionWindowInDays: key.deletion?.windowDays,
    CurrentKeyMaterialId: current?.keyMaterialId,
  };
}

export function createKey(kms: KmsContext, input: T.CreateKeyCommandInput = {}) {
  return kms.run('CreateKey', input, async () => {
    if (
      input.KeySpec &&
      input.CustomerMasterKeySpec &&
      input.KeySpec !== input.CustomerMasterKeySpec
    )
      throw new KmsError(
        'ValidationException',
        'You cannot specify both KeySpec and CustomerMasterKeySpec (which is deprecated) with different values.',
      );
    const keySpec: T.KeySpec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
    if (input.KeyUsage === undefined && keySpec !== 'SYMMETRIC_DEFAULT')
      throw new KmsError(
        'ValidationException',
        'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
      );
    const keyUsage: T.KeyUsageType = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
    // Recorded from AWS, without a final period.
    if (!supportsUsage(keySpec, keyUsage))
      throw new KmsError(
        'ValidationException',
        `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}`,
      );
    if (!isEmulatedKeySpec(keySpec))
      throw new KmsError('UnsupportedOperationException', `KMS Lab does not make ${keySpec} keys.`);
    // AWS, CreateKey: "The ML-KEM key specs are not available in China Regions."
    if (isMlKemKeySpec(keySpec) && kms.at.partition === 'aws-cn')
      throw new KmsError(
        'UnsupportedOperationException',
        `The ML-KEM key specs are not available in China Regions: ${keySpec} keys cannot be created in ${kms.region}.`,
      );
    const external = input.Origin === 'EXTERNAL';
    if (input.Origin && input.Origin !== 'AWS_KMS' && !external)
      throw new KmsError(
        'UnsupportedOperationException',
        `KMS Lab has no custom key stores: Origin ${input.Origin} is not supported (use AWS_KMS or EXTERNAL).`,
      );
    if (
      external &&
      keySpec !== 'SYMMETRIC_DEFAULT' &&
      !keySpec.startsWith('HMAC_') &&
      !isImportableKeyPairSpec(keySpec)
    )
      throw new KmsError(
        'UnsupportedOperationException',
        `Key material can be imported into symmetric encryption, HMAC, RSA, ECC and SM2 KMS keys, not into ${keySpec} keys.`,
      );
    if (input.CustomKeyStoreId || input.XksKeyId)
      throw new KmsError('UnsupportedOperationException', 'KMS Lab has no custom key stores.');
    checkTags(input.Tags ?? []);
    const now = kms.now();
    // LocalStack's _custom_id_ and _custom_key_material_ tags (localstack-tags.ts).
    const custom = readLocalStackTags(input.Tags ?? [], keySpec);
    const keyId =
      custom.keyId ?? (input.MultiRegion ? multiRegionKeyId(kms.crypto) : randomUuid(kms.crypto));
    const material = custom.material;
    if (input.Policy !== undefined)
      checkNewKeyPolicy(kms, kms.arn(keyId), input.Policy, input.BypassPolicyLockoutSafetyCheck);
    const key: StoredKey = {
      keyId,
      createdAt: now,
      description: input.Description ?? '',
      keyUsage,
      keySpec,
      enabled: true,
      multiRegion: input.MultiRegion ? { primaryRegion: kms.region } : undefined,
      tags: mergeTags([], custom.tags),
      // Symmetric keys hold rotating AES material; asymmetric and HMAC keys one private key;
      // EXTERNAL keys nothing until ImportKeyMaterial.
      materials:
        keySpec !== 'SYMMETRIC_DEFAULT' || external
          ? []
          : [
              material?.kind === 'aes'
                ? await seededMaterial(kms, keyId, material.bytes, now, 0)
                : await kms.newMaterial(now),
            ],
      privateKey:
        keySpec === 'SYMMETRIC_DEFAULT' || external
          ? undefined
          : await sealPrivateKey(
              kms.crypto,
              kms.store.holdsCryptoKeys,
              { keyId, keySpec, keyUsage },
              material?.kind === 'pair'
                ? material.pair
                : material?.kind === 'hmac'
                  ? { privateKey: material.bytes }
                  : await newPrivateKey(kms, keySpec),
            ),
      rotation: { enabled: false, periodDays: DEFAULT_ROTATION_PERIOD_DAYS, onDemandCount: 0 },
      policy: input.Policy ?? defaultKeyPolicy(kms.at.partition, kms.accountId),
      origin: external ? 'EXTERNAL' : undefined,
    };
    await kms.exclusive(async () => {
      if (custom.keyId !== undefined && (await kms.store.getKey(keyId)))
        throw new KmsError('AlreadyExistsException', `A key with ID ${keyId} already exists.`);
      await kms.store.putKey(key);
    });
    return { KeyMetadata: await fullKeyMetadata(kms, key) };
  });
}

/**
 * A classical key pair (from the engine's generator, so threads and pools apply), or an HMAC,
 * ML-DSA or ML-KEM key.
 */
export function newPrivateKey(kms: KmsContext, keySpec: T.KeySpec) {
  if (isKeyPairKeySpec(keySpec)) return kms.generate(keySpec, kms.crypto);
  if (isKmsKeyMaterialSpec(keySpec)) return generateKmsKeyMaterial(keySpec, kms.crypto);
  throw new KmsError(
    'UnsupportedOperationException',
    `KMS Lab makes no key material for ${keySpec}.`,
  );
}

export function describeKey(kms: KmsContext, input: T.DescribeKeyCommandInput) {
  return kms.run('DescribeKey', input, async () => {
    await kms.checkGrantTokens(input.GrantTokens);
    const key = await kms.resolve(input.KeyId as string, true);
    return { KeyMetadata: await fullKeyMetadata(kms, key) };
  });
}

export function listKeys(kms: KmsContext, input: T.ListKeysCommandInput = {}) {
  return kms.run('ListKeys', input, async () => {
    const keys = (await Promise.all((await kms.store.listKeys()).map((key) => kms.settle(key))))
      .filter((key): key is StoredKey => key !== undefined)
      .sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.keyId.localeCompare(b.keyId),
      );
    const { page, truncated, nextMarker } = kms.paginate(keys, input.Limit, input.Marker);
    return {
      Keys: page.map((key) => ({ KeyId: key.keyId, KeyArn: kms.arn(key) })),
      Truncated: truncated,
      NextMarker: nextMarker,
    };
  });
}

export function enableKey(kms: KmsContext, input: T.EnableKeyCommandInput) {
  return kms.run('EnableKey', input, async () => {
    await kms.update(
      input.KeyId as string,
      (key) => kms.requireNotPendingDeletion(key),
      async (key) => {
        if (key.enabled) return;
        key.enabled = true;
        // AWS: "While a KMS key is disabled, AWS KMS does not rotate it. ... When the KMS
        // key is re-enabled, if the key material is older than the rotation period, AWS KMS
        // rotates it immediately."
        const now = kms.now();
        if (
          key.rotation.enabled &&
          key.rotation.nextRotationDate &&
          key.rotation.nextRotationDate <= now
        ) {
          key.materials.push(await kms.newMaterial(now, 'AUTOMATIC'));
          key.rotation.nextRotationDate = addDays(now, key.rotation.periodDays);
        }
      },
    );
    return {};
  });
}

export function disableKey(kms: KmsContext, input: T.DisableKeyCommandInput) {
  return kms.run('DisableKey', input, async () => {
    await kms.update(
      input.KeyId as string,
      (key) => kms.requireNotPendingDeletion(key),
      (key) => {
        key.enabled = false;
      },
    );
    return {};
  });
}

export function scheduleKeyDeletion(kms: KmsContext, input: T.ScheduleKeyDeletionCommandInput) {
  return kms.run('ScheduleKeyDeletion', input, async () => {
    const days = input.PendingWindowInDays ?? DEFAULT_PENDING_WINDOW_DAYS;
    if (days < MIN_PENDING_WINDOW_DAYS || days > MAX_PENDING_WINDOW_DAYS) {
      const bound =
        days < MIN_PENDING_WINDOW_DAYS
          ? `greater than or equal to ${MIN_PENDING_WINDOW_DAYS}`
          : `less than or equal to ${MAX_PENDING_WINDOW_DAYS}`;
      throw new KmsError(
        'ValidationException',
        `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value ${bound}`,
      );
    }
    const key = await kms.update(
      input.KeyId as string,
      (key) => kms.requireNotPendingDeletion(key),
      async (key) => {
        // AWS: a primary key with replicas is PendingReplicaDeletion "until all replica keys
        // are deleted"; then its waiting period begins.
        key.deletion =
          key.multiRegion?.primaryRegion === kms.region && (await hasReplicas(kms, key))
            ? { date: AFTER_REPLICAS, windowDays: days, afterReplicas: true }
            : { date: addDays(kms.now(), days), windowDays: days };
      },
    );
    const afterReplicas = key.deletion?.afterReplicas === true;
    return {
      KeyId: kms.arn(key),
      DeletionDate: afterReplicas ? undefined : key.deletion?.date,
      KeyState: afterReplicas ? ('PendingReplicaDeletion' as const) : ('PendingDeletion' as const),
      PendingWindowInDays: days,
    };
  });
}

export function cancelKeyDeletion(kms: KmsContext, input: T.CancelKeyDeletionCommandInput) {
  return kms.run('CancelKeyDeletion', input, async () => {
    const key = await kms.update(
      input.KeyId as string,
      (key) => {
        if (!key.deletion)
          throw new KmsError(
            'KMSInvalidStateException',
            `${kms.arn(key)} is not pending deletion.`,
          );
      },
      (key) => {
        // AWS: "When you cancel key deletion, the key state of the KMS key is Disabled."
        key.deletion = undefined;
        key.enabled = false;
      },
    );
    return { KeyId: kms.arn(key) };
  });
}

export function updateKeyDescription(kms: KmsContext, input: T.UpdateKeyDescriptionCommandInput) {
  return kms.run('UpdateKeyDescription', input, async () => {
    await kms.update(
      input.KeyId as string,
      (key) => kms.requireNotPendingDeletion(key),
      (key) => {
        key.description = input.Description as string;
      },
    );
    return {};
  });
}
