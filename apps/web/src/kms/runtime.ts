import type { Kms, KmsPartition } from '@kms-lab/core';
import { ACCOUNT_ID, REGION } from './account';
import { appNow, setClockOffset } from './clock';
import { type KmsLabDb, openKmsLabDb } from './db';
import { extractableAesCrypto } from './exportable';
import { HistoryStore } from './history-store';
import type { IdbKeyStore } from './idb-key-store';
import { IdbRegionalKeyStore } from './idb-regional-store';
import { readClockOffset } from './meta-store';
import { createSyncChannel, type SyncChannel } from './sync';

/** What every part of the app shares: the database, its stores and the cross-tab channel. */
export interface Runtime {
  db: KmsLabDb;
  /** The default Region's keys and aliases (REGION). */
  keyStore: IdbKeyStore;
  /** Every Region's: the default one's and multi-Region replicas elsewhere. */
  regionalStores: IdbRegionalKeyStore;
  history: HistoryStore;
  sync: SyncChannel;
}

let runtime: Promise<Runtime> | undefined;
let partition: Promise<KmsPartition> | undefined;

export function getRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    const db = await openKmsLabDb();
    const sync = createSyncChannel();
    const regionalStores = await IdbRegionalKeyStore.open(db, REGION, {
      onChange: (topic) => sync.publish(topic),
      locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    });
    const keyStore = regionalStores.forRegion(REGION);
    const history = new HistoryStore(db, () => sync.publish('history'));
    setClockOffset(await readClockOffset(db));
    return { db, keyStore, regionalStores, history, sync };
  })();
  return runtime;
}

/**
 * The engines, loaded on first use: @kms-lab/core and the worker client are separate chunks,
 * kept out of the start bundle. Key pairs are generated in the crypto worker. One engine per
 * Region, over one IndexedDB (a partition), so a multi-Region key can have replicas.
 */
function getPartition(): Promise<KmsPartition> {
  partition ??= (async () => {
    const [{ createKmsPartition }, { generateKeyPairInWorker }, { regionalStores }] =
      await Promise.all([import('@kms-lab/core'), import('../crypto/worker-client'), getRuntime()]);
    return createKmsPartition({
      stores: regionalStores,
      defaultRegion: REGION,
      clock: appNow,
      // Exportable master keys need extractable AES keys; the store seals all others.
      crypto: extractableAesCrypto(globalThis.crypto),
      accountId: ACCOUNT_ID,
      generateKeyPair: generateKeyPairInWorker,
    });
  })();
  return partition;
}

/** The engine of the app's default Region (REGION), which every screen uses. */
export async function getKms(): Promise<Kms> {
  return (await getPartition()).region();
}

/** The engine of a Region: where a multi-Region key's replicas are. */
export async function getKmsIn(region: string): Promise<Kms> {
  return (await getPartition()).region(region);
}

/** Asks the browser to keep the database under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean | undefined> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return undefined;
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}
