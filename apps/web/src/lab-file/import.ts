import type { StoredAlias, StoredKey } from '@kms-lab/core';
import { setClockOffset } from '../kms/clock';
import { assertPublicOnly } from '../kms/history-store';
import type { HistoryRecord } from '../kms/history-types';
import { assertNoRawKeyMaterial } from '../kms/idb-key-store';
import { MISSING_KEYS, readMissingKeys } from '../kms/missing-keys';
import { getRuntime } from '../kms/runtime';
import { fromBase64, ownBytes, toBase64 } from '../lib/bytes';
import type { Journey } from '../state/journey-slice';
import { useLab } from '../state/store';
import type { LabFile, LabFileHistoryEntry, LabFileKey } from './format';

/** What an import did, for the user: names of keys (alias or key ID) and counts. */
export interface ImportReport {
  historyAdded: number;
  /** Entries this lab had already (the same file imported twice). */
  historyAlreadyHere: number;
  keysWithMaterial: string[];
  keysWithoutMaterial: string[];
  keysAlreadyHere: string[];
  /** Aliases this lab already uses for another key: left as they are here. */
  aliasesTaken: string[];
}

const AES_GCM_256 = { name: 'AES-GCM', length: 256 } as const;
const date = (text: string) => new Date(text);
const bytes = (text: string | undefined) => (text === undefined ? undefined : fromBase64(text));

/**
 * A file key with every material present, as the engine's store keeps it: each AES key an
 * extractable CryptoKey (it came from an exportable key, and stays exportable here), the
 * bytes dropped once imported.
 */
async function storedKeyOf(key: LabFileKey): Promise<StoredKey> {
  const materials = await Promise.all(
    key.materials.map(async (material) => {
      const raw = ownBytes(fromBase64(material.material as string));
      try {
        const secret = await crypto.subtle.importKey('raw', raw, AES_GCM_256, true, [
          'encrypt',
          'decrypt',
        ]);
        return {
          keyMaterialId: material.keyMaterialId,
          secret,
          createdAt: date(material.createdAt),
          rotationType: material.rotationType,
        };
      } finally {
        raw.fill(0);
      }
    }),
  );
  return {
    keyId: key.keyId,
    createdAt: date(key.createdAt),
    description: key.description,
    keyUsage: key.keyUsage,
    keySpec: key.keySpec,
    enabled: key.enabled,
    deletion: key.deletion && {
      date: date(key.deletion.date),
      windowDays: key.deletion.windowDays,
    },
    tags: key.tags,
    materials,
    rotation: {
      enabled: key.rotation.enabled,
      periodDays: key.rotation.periodDays,
      nextRotationDate: key.rotation.nextRotationDate
        ? date(key.rotation.nextRotationDate)
        : undefined,
      onDemandCount: key.rotation.onDemandCount,
    },
  };
}

const carriesMaterial = (key: LabFileKey) =>
  key.keySpec === 'SYMMETRIC_DEFAULT' &&
  key.materials.every((material) => material.material !== undefined);

/** What makes two History entries the same request: the same file imported twice. */
const sameEntry = (record: HistoryRecord | Omit<HistoryRecord, 'id'>) =>
  [
    record.at.getTime(),
    record.operation,
    record.keyId ?? '',
    record.errorName ?? '',
    record.privateKeyCiphertextBlob ? toBase64(record.privateKeyCiphertextBlob) : '',
    record.publicKey ? toBase64(record.publicKey) : '',
  ].join('|');

function historyRecordOf(entry: LabFileHistoryEntry): Omit<HistoryRecord, 'id'> {
  const record: Omit<HistoryRecord, 'id'> = {
    at: date(entry.at),
    operation: entry.operation,
    keyId: entry.keyId,
    keyPairSpec: entry.keyPairSpec,
    publicKey: bytes(entry.publicKey),
    privateKeyCiphertextBlob: bytes(entry.privateKeyCiphertextBlob),
    encryptionContext: entry.encryptionContext,
    aad: bytes(entry.aad),
    keyMaterialId: entry.keyMaterialId,
    keyVersionId: entry.keyVersionId,
    errorName: entry.errorName,
  };
  // Fields left undefined are not written (a record is as the History slice would make it).
  for (const [field, value] of Object.entries(record))
    if (value === undefined) delete (record as Record<string, unknown>)[field];
  assertPublicOnly(record);
  return record;
}

/**
 * Adds a checked lab file (format.ts) to this lab, in one IndexedDB transaction, so a
 * failure writes nothing. Nothing already here is replaced or removed: a key or an alias this
 * lab has is kept as it is, and a History entry it has is not added twice. Keys with their
 * material go into the engine's store; the others are recorded as missing (kms/missing-keys.ts).
 * History entries get new IDs here; the links between them and the journey follow.
 */
export async function importLabFile(file: LabFile): Promise<ImportReport> {
  const { db, sync } = await getRuntime();
  const [keysHere, aliasesHere, historyHere, missingHere] = await Promise.all([
    db.getAll('keys'),
    db.getAll('aliases'),
    db.getAll('history'),
    readMissingKeys(db),
  ]);
  const report: ImportReport = {
    historyAdded: 0,
    historyAlreadyHere: 0,
    keysWithMaterial: [],
    keysWithoutMaterial: [],
    keysAlreadyHere: [],
    aliasesTaken: [],
  };
  const aliasesOf = (keyId: string) =>
    file.aliases.filter((alias) => alias.targetKeyId === keyId).map((alias) => alias.aliasName);
  const nameOf = (key: LabFileKey) => aliasesOf(key.keyId)[0] ?? key.keyId;

  // Everything asynchronous that is not IndexedDB happens before the transaction opens.
  const present = new Set(keysHere.map((key) => key.keyId));
  const withMaterial: StoredKey[] = [];
  const missing = new Map(missingHere.map((each) => [each.key.keyId, each]));
  for (const key of file.keys) {
    if (present.has(key.keyId)) report.keysAlreadyHere.push(nameOf(key));
    else if (carriesMaterial(key)) {
      const stored = await storedKeyOf(key);
      assertNoRawKeyMaterial(stored);
      withMaterial.push(stored);
      missing.delete(key.keyId);
      report.keysWithMaterial.push(nameOf(key));
    } else {
      missing.set(key.keyId, { key, aliases: [], importedAt: new Date() });
      report.keysWithoutMaterial.push(nameOf(key));
    }
  }
  const taken = new Map<string, string>(
    aliasesHere.map((alias) => [alias.aliasName, alias.targetKeyId]),
  );
  for (const each of missing.values())
    for (const name of each.aliases) taken.set(name, each.key.keyId);
  const newAliases: StoredAlias[] = [];
  const newKeyIds = new Set(withMaterial.map((key) => key.keyId));
  for (const alias of file.aliases) {
    const holder = taken.get(alias.aliasName);
    if (holder !== undefined) {
      if (holder !== alias.targetKeyId) report.aliasesTaken.push(alias.aliasName);
      continue;
    }
    taken.set(alias.aliasName, alias.targetKeyId);
    if (newKeyIds.has(alias.targetKeyId) || present.has(alias.targetKeyId))
      newAliases.push({
        aliasName: alias.aliasName,
        targetKeyId: alias.targetKeyId,
        createdAt: date(alias.createdAt),
        lastUpdatedAt: date(alias.lastUpdatedAt),
      });
    else missing.get(alias.targetKeyId)?.aliases.push(alias.aliasName);
  }
  const seen = new Map(historyHere.map((record) => [sameEntry(record), record.id as number]));
  const entries = [...file.history]
    .sort((a, b) => a.id - b.id)
    .map((entry) => ({ entry, record: historyRecordOf(entry) }));
  const clockHere = await db.get('meta', 'clockOffsetMs');
  const clock = Math.max(
    typeof clockHere?.value === 'number' ? clockHere.value : 0,
    file.appClockOffsetMs,
  );

  const idMap = new Map<number, number>();
  const tx = db.transaction(['keys', 'aliases', 'history', 'meta'], 'readwrite');
  for (const key of withMaterial) await tx.objectStore('keys').put(key);
  for (const alias of newAliases) await tx.objectStore('aliases').put(alias);
  for (const { entry, record } of entries) {
    const existing = seen.get(sameEntry(record));
    if (existing !== undefined) {
      idMap.set(entry.id, existing);
      report.historyAlreadyHere++;
      continue;
    }
    const matched =
      entry.matchedHistoryId === undefined ? undefined : idMap.get(entry.matchedHistoryId);
    const id = await tx
      .objectStore('history')
      .add(matched === undefined ? record : { ...record, matchedHistoryId: matched });
    idMap.set(entry.id, id);
    report.historyAdded++;
  }
  await tx.objectStore('meta').put({ name: MISSING_KEYS, value: [...missing.values()] });
  await tx.objectStore('meta').put({ name: 'clockOffsetMs', value: clock });
  await tx.done;

  setClockOffset(clock);
  useLab.getState().mergeJourney(remapJourney(file.journey, idMap));
  for (const topic of ['keys', 'history', 'clock'] as const) sync.publish(topic);
  const lab = useLab.getState();
  await lab.loadClock();
  await Promise.all([lab.refreshKeys(), lab.refreshHistory(), lab.refreshMissingKeys()]);
  return report;
}

/** The file's journey with each history ID as this lab numbers the entry. */
function remapJourney(journey: LabFile['journey'], idMap: ReadonlyMap<number, number>): Journey {
  const mapped = (id: number | string) => idMap.get(Number(id));
  const entries = <T>(record: Record<string, T>) =>
    Object.entries(record).flatMap(([id, value]) => {
      const to = mapped(id);
      return to === undefined ? [] : [[to, value] as const];
    });
  const ids = (list: readonly number[]) =>
    list.map(mapped).filter((id): id is number => id !== undefined);
  return {
    publicKeyUses: Object.fromEntries(entries(journey.publicKeyUses)),
    stored: ids(journey.stored),
    privateKeyUses: Object.fromEntries(entries(journey.privateKeyUses)),
    forgotten: ids(journey.forgotten),
  };
}
