import type { StoredAlias, StoredKey } from '@kms-lab/core';
import { keyArn, REGION } from './account';
import { materialIsExportable } from './exportable';

/** What the Keys screen shows of a key: read straight from the store, no engine needed. */
export interface KeySummary {
  keyId: string;
  arn: string;
  description: string;
  keySpec: string;
  keyUsage: string;
  state: 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport';
  /**
   * Multi-Region keys (`mrk-`): the primary key's Region, and every Region that holds this
   * key (this one, REGION, and the replicas'), sorted.
   */
  multiRegion: { primaryRegion: string; regions: string[] } | undefined;
  /** EXTERNAL: made for imported key material (CreateKey's Origin). */
  origin: 'AWS_KMS' | 'EXTERNAL';
  /** The current imported material's terms (EXTERNAL keys with usable material). */
  imported: { expirationModel: string; validTo: Date | undefined } | undefined;
  createdAt: Date;
  deletionDate: Date | undefined;
  aliases: string[];
  rotation: {
    enabled: boolean;
    periodDays: number;
    nextRotationDate: Date | undefined;
    onDemandCount: number;
  };
  /** As ListKeyRotations with IncludeKeyMaterial ALL_KEY_MATERIAL: oldest first. */
  materials: {
    keyMaterialId: string;
    createdAt: Date;
    rotationType: string | undefined;
    current: boolean;
  }[];
  /** Made exportable, and every material is an extractable CryptoKey (kms/exportable.ts). */
  exportable: boolean;
  /** The clock has made a rotation or the deletion due: the engine settles it on next use. */
  due: boolean;
}

const currentMaterial = (key: StoredKey) => key.materials[key.materials.length - 1];

/**
 * The terms of an EXTERNAL key's usable imported material, or undefined while it waits for
 * an import (deleted, expired or never imported). As the engine's imported-material.ts, which
 * this screen does not load: the Keys screen reads the store without the engine.
 */
function importedTerms(key: StoredKey, now: Date) {
  if (key.origin !== 'EXTERNAL') return undefined;
  const terms =
    key.keySpec === 'SYMMETRIC_DEFAULT'
      ? currentMaterial(key)?.secret
        ? currentMaterial(key)?.imported
        : undefined
      : key.privateKey
        ? key.importedPrivateKey?.terms
        : undefined;
  if (!terms || (terms.validTo && terms.validTo <= now)) return undefined;
  return { expirationModel: terms.expirationModel, validTo: terms.validTo };
}

const isPendingImport = (key: StoredKey, now: Date) =>
  key.origin === 'EXTERNAL' && importedTerms(key, now) === undefined;

/** Where the other Regions hold keys: key ID → Regions (multi-Region replicas). */
export type OtherRegions = ReadonlyMap<string, readonly string[]>;

export function summariseKey(
  key: StoredKey,
  aliases: StoredAlias[],
  now: Date,
  otherRegions: OtherRegions = new Map(),
): KeySummary {
  const next = key.rotation.nextRotationDate;
  const due = key.deletion
    ? key.deletion.date <= now
    : key.enabled && key.rotation.enabled && next !== undefined && next <= now;
  return {
    keyId: key.keyId,
    arn: keyArn(key.keyId),
    description: key.description,
    keySpec: key.keySpec,
    keyUsage: key.keyUsage,
    state: key.deletion
      ? 'PendingDeletion'
      : isPendingImport(key, now)
        ? 'PendingImport'
        : key.enabled
          ? 'Enabled'
          : 'Disabled',
    origin: key.origin ?? 'AWS_KMS',
    multiRegion: key.multiRegion && {
      primaryRegion: key.multiRegion.primaryRegion,
      regions: [REGION, ...(otherRegions.get(key.keyId) ?? [])].sort(),
    },
    imported: importedTerms(key, now),
    createdAt: key.createdAt,
    deletionDate: key.deletion?.date,
    aliases: aliases
      .filter((alias) => alias.targetKeyId === key.keyId)
      .map((alias) => alias.aliasName)
      .sort(),
    rotation: {
      enabled: key.rotation.enabled,
      periodDays: key.rotation.periodDays,
      nextRotationDate: key.rotation.enabled ? next : undefined,
      onDemandCount: key.rotation.onDemandCount,
    },
    materials: key.materials.map((material, index) => ({
      keyMaterialId: material.keyMaterialId,
      createdAt: material.createdAt,
      rotationType: material.rotationType,
      current: index === key.materials.length - 1,
    })),
    exportable: materialIsExportable(key),
    due,
  };
}

/** Oldest first, as ListKeys. */
export function summariseKeys(
  keys: StoredKey[],
  aliases: StoredAlias[],
  now: Date,
  otherRegions?: OtherRegions,
): KeySummary[] {
  return keys
    .map((key) => summariseKey(key, aliases, now, otherRegions))
    .sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.keyId.localeCompare(b.keyId),
    );
}
