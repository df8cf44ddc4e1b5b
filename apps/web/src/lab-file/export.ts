import type { StoredKey } from '@kms-lab/core';
import { clockOffset } from '../kms/clock';
import { materialIsExportable } from '../kms/exportable';
import type { HistoryRecord } from '../kms/history-types';
import { readMissingKeys } from '../kms/missing-keys';
import { getRuntime } from '../kms/runtime';
import { toBase64 } from '../lib/bytes';
import { useLab } from '../state/store';
import {
  LAB_FILE_FORMAT,
  LAB_FILE_VERSION,
  type LabFile,
  type LabFileHistoryEntry,
  type LabFileKey,
} from './format';

const iso = (date: Date) => date.toISOString();
const b64 = (bytes: Uint8Array | undefined) => (bytes ? toBase64(bytes) : undefined);

/** A key's metadata, and its material only when asked for and the key is exportable. */
async function fileKey(key: StoredKey, withMasterKeys: boolean): Promise<LabFileKey> {
  const exportable = materialIsExportable(key);
  const materials = await Promise.all(
    key.materials.map(async (material) => ({
      keyMaterialId: material.keyMaterialId,
      createdAt: iso(material.createdAt),
      rotationType: material.rotationType,
      material:
        withMasterKeys && exportable
          ? toBase64(
              new Uint8Array(await crypto.subtle.exportKey('raw', material.secret as CryptoKey)),
            )
          : undefined,
    })),
  );
  return {
    keyId: key.keyId,
    description: key.description,
    keySpec: key.keySpec,
    keyUsage: key.keyUsage,
    enabled: key.enabled,
    createdAt: iso(key.createdAt),
    deletion: key.deletion && { date: iso(key.deletion.date), windowDays: key.deletion.windowDays },
    tags: key.tags.map((tag) => ({ TagKey: tag.TagKey ?? '', TagValue: tag.TagValue ?? '' })),
    rotation: {
      enabled: key.rotation.enabled,
      periodDays: key.rotation.periodDays,
      nextRotationDate: key.rotation.nextRotationDate && iso(key.rotation.nextRotationDate),
      onDemandCount: key.rotation.onDemandCount,
    },
    publicKey: b64(key.privateKey?.publicKey),
    exportable,
    materials,
  };
}

/** A History entry as the file keeps it: the same fields, bytes in base64, the date in ISO. */
function fileHistoryEntry(record: HistoryRecord): LabFileHistoryEntry {
  return {
    id: record.id as number,
    at: iso(record.at),
    operation: record.operation,
    keyId: record.keyId,
    keyPairSpec: record.keyPairSpec,
    publicKey: b64(record.publicKey),
    privateKeyCiphertextBlob: b64(record.privateKeyCiphertextBlob),
    encryptionContext: record.encryptionContext,
    aad: b64(record.aad),
    keyMaterialId: record.keyMaterialId,
    keyVersionId: record.keyVersionId,
    errorName: record.errorName,
    matchedHistoryId: record.matchedHistoryId,
  };
}

/**
 * The lab's public state as a lab file: keys and aliases (keys a lab file brought without
 * material included), History oldest first, the journey, the App clock. `withMasterKeys`:
 * the AES material of the exportable keys too, and of no other key.
 */
export async function exportLabFile(withMasterKeys: boolean): Promise<LabFile> {
  const { db, keyStore, history } = await getRuntime();
  const [keys, aliases, records, missing] = await Promise.all([
    keyStore.listKeys(),
    keyStore.listAliases(),
    history.list(),
    readMissingKeys(db),
  ]);
  const journey = useLab.getState().journey;
  const here = new Set(keys.map((key) => key.keyId));
  const missingHere = missing.filter((each) => !here.has(each.key.keyId));
  return {
    format: LAB_FILE_FORMAT,
    version: LAB_FILE_VERSION,
    exportedAt: iso(new Date()),
    appClockOffsetMs: Math.max(0, Math.round(clockOffset())),
    withMasterKeys,
    keys: [
      ...(await Promise.all(keys.map((key) => fileKey(key, withMasterKeys)))),
      ...missingHere.map((each) => each.key),
    ],
    aliases: [
      ...aliases.map((alias) => ({
        aliasName: alias.aliasName,
        targetKeyId: alias.targetKeyId,
        createdAt: iso(alias.createdAt),
        lastUpdatedAt: iso(alias.lastUpdatedAt),
      })),
      ...missingHere.flatMap((each) =>
        each.aliases.map((aliasName) => ({
          aliasName,
          targetKeyId: each.key.keyId,
          createdAt: iso(each.importedAt),
          lastUpdatedAt: iso(each.importedAt),
        })),
      ),
    ],
    history: records.map(fileHistoryEntry).reverse(),
    journey: {
      publicKeyUses: journey.publicKeyUses,
      stored: [...journey.stored],
      privateKeyUses: journey.privateKeyUses,
      forgotten: [...journey.forgotten],
    },
  };
}

/** Whether any key could go into a file "with master keys". */
export async function hasExportableKey(): Promise<boolean> {
  const { keyStore } = await getRuntime();
  return (await keyStore.listKeys()).some(materialIsExportable);
}
