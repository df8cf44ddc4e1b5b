/**
 * Key material rotation: EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus,
 * RotateKeyOnDemand, ListKeyRotations. Automatic rotations themselves happen when a key
 * is next looked at (KmsContext.settle, due.ts).
 */
import { KmsError, messages } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { StoredKey } from '../../store/types.js';
import type { KmsContext } from '../context.js';
import { importedRotationFields, requireOrigin } from '../imports/imported-material.js';
import { addDays, currentMaterial } from '../materials.js';
import { requireMaterialPendingRotation, rotateToImportedMaterial } from './imports.js';
import { requirePrimary } from './multi-region.js';

/** AWS: "You can perform on-demand rotation a maximum of 25 times per KMS key." */
export const MAX_ON_DEMAND_ROTATIONS = 25;
/** AWS: RotationPeriodInDays defaults to 365. */
export const DEFAULT_ROTATION_PERIOD_DAYS = 365;

const maxDate = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/**
 * AWS rotates symmetric encryption keys only; the others answer UnsupportedOperationException.
 * RotateKeyOnDemand's answer is recorded from AWS, with no message (`silent`); the other
 * rotation operations say why.
 */
function requireSymmetric(kms: KmsContext, key: StoredKey, silent = false) {
  if (key.keySpec !== 'SYMMETRIC_DEFAULT')
    throw new KmsError(
      'UnsupportedOperationException',
      silent
        ? ''
        : `${kms.arn(key)} has key spec ${key.keySpec}. Key rotation is supported only for symmetric encryption KMS keys.`,
    );
}

/** The keys whose rotation can change: enabled symmetric encryption keys. */
function requireRotatable(kms: KmsContext, key: StoredKey, silent = false) {
  kms.requireEnabled(key);
  requireSymmetric(kms, key, silent);
  // AWS: the rotation of related multi-Region keys is set, and done, on the primary key.
  requirePrimary(kms, key);
}

export function enableKeyRotation(kms: KmsContext, input: T.EnableKeyRotationCommandInput) {
  return kms.run('EnableKeyRotation', input, async () => {
    const periodDays = input.RotationPeriodInDays ?? DEFAULT_ROTATION_PERIOD_DAYS;
    await kms.update(
      input.KeyId as string,
      (key) => {
        requireRotatable(kms, key);
        // AWS rotates imported material only on demand.
        requireOrigin(kms, key, 'AWS_KMS');
      },
      (key) => {
        const created = currentMaterial(key)?.createdAt ?? key.createdAt;
        key.rotation = {
          ...key.rotation,
          enabled: true,
          periodDays,
          // AWS: the first automatic rotation is the rotation period after the key material
          // was made (or after rotation is enabled, whichever is later).
          nextRotationDate: addDays(maxDate(created, kms.now()), periodDays),
        };
      },
    );
    return {};
  });
}

export function disableKeyRotation(kms: KmsContext, input: T.DisableKeyRotationCommandInput) {
  return kms.run('DisableKeyRotation', input, async () => {
    await kms.update(
      input.KeyId as string,
      (key) => requireRotatable(kms, key),
      (key) => {
        key.rotation = { ...key.rotation, enabled: false, nextRotationDate: undefined };
      },
    );
    return {};
  });
}

export function getKeyRotationStatus(kms: KmsContext, input: T.GetKeyRotationStatusCommandInput) {
  return kms.run('GetKeyRotationStatus', input, async () => {
    const key = await kms.resolve(input.KeyId as string, false);
    kms.requireNotPendingDeletion(key);
    return {
      KeyId: kms.arn(key),
      KeyRotationEnabled: key.rotation.enabled,
      RotationPeriodInDays: key.rotation.enabled ? key.rotation.periodDays : undefined,
      NextRotationDate: key.rotation.enabled ? key.rotation.nextRotationDate : undefined,
    };
  });
}

export function rotateKeyOnDemand(kms: KmsContext, input: T.RotateKeyOnDemandCommandInput) {
  return kms.run('RotateKeyOnDemand', input, async () => {
    const key = await kms.update(
      input.KeyId as string,
      (key) => {
        requireRotatable(kms, key, true);
        if (key.rotation.onDemandCount >= MAX_ON_DEMAND_ROTATIONS)
          throw new KmsError('LimitExceededException', messages.onDemandLimit(kms.arn(key)));
        requireMaterialPendingRotation(kms, key);
      },
      async (key) => {
        if (key.origin === 'EXTERNAL') rotateToImportedMaterial(kms, key);
        else key.materials.push(await kms.newMaterial(kms.now(), 'ON_DEMAND'));
        key.rotation.onDemandCount++;
      },
    );
    return { KeyId: kms.arn(key) };
  });
}

export function listKeyRotations(kms: KmsContext, input: T.ListKeyRotationsCommandInput) {
  return kms.run('ListKeyRotations', input, async () => {
    const key = await kms.resolve(input.KeyId as string, false);
    kms.requireNotPendingDeletion(key);
    requireSymmetric(kms, key);
    const current = currentMaterial(key);
    const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
    const pending = key.pendingRotationMaterial;
    const entries = [...key.materials, ...(pending ? [pending] : [])]
      .filter((material) => all || material.rotationType !== undefined || material === pending)
      .map((material) => ({
        KeyId: key.keyId,
        KeyMaterialId: material.keyMaterialId,
        KeyMaterialState: (material === current
          ? 'CURRENT'
          : material === pending
            ? 'PENDING_ROTATION'
            : 'NON_CURRENT') as T.KeyMaterialState,
        RotationDate: material.rotationType ? material.createdAt : undefined,
        RotationType: material.rotationType,
        ...importedRotationFields(material, kms.now()),
      }));
    const { page, truncated, nextMarker } = kms.paginate(entries, input.Limit, input.Marker);
    return { Rotations: page, Truncated: truncated, NextMarker: nextMarker };
  });
}
