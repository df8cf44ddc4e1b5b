import type { Kms } from '@kms-lab/core';
import { ACCOUNT_ID, REGION } from './account';
import { appNow, setClockOffset } from './clock';
import { type KmsLabDb, openKmsLabDb } from './db';
import { extractableAesCrypto } from './exportable';
import { HistoryStore } from './history-store';
import { IdbKeyStore } from './idb-key-store';
import { readClockOffset } from './meta-store';
import { createSyncChannel, type SyncChannel } from './sync';

/** What every part of the app shares: the database, its stores and the cross-tab channel. */
export interface Runtime {
  db: KmsLabDb;
  keyStore: IdbKeyStore;
  history: HistoryStore;
  sync: SyncChannel;
}

let runtime: Promise<Runtime> | undefined;
let kms: Promise<Kms> | undefined;

export function getRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    const db = await openKmsLabDb();
    const sync = createSyncChannel();
    const keyStore = new IdbKeyStore(db, {
      onChange: (topic) => sync.publish(topic),
      locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    });
    const history = new HistoryStore(db, () => sync.publish('history'));
    setClockOffset(await readClockOffset(db));
    return { db, keyStore, history, sync };
  })();
  return runtime;
}

/**
 * The engine, loaded on first use: @kms-lab/core and the worker client are separate chunks,
 * kept out of the start bundle. Key pairs are generated in the crypto worker.
 */
export function getKms(): Promise<Kms> {
  kms ??= (async () => {
    const [{ createKms }, { generateKeyPairInWorker }, { keyStore }] = await Promise.all([
      import('@kms-lab/core'),
      import('../crypto/worker-client'),
      getRuntime(),
    ]);
    return createKms({
      store: keyStore,
      clock: appNow,
      // Exportable master keys need extractable AES keys; the store seals all others.
      crypto: extractableAesCrypto(globalThis.crypto),
      region: REGION,
      accountId: ACCOUNT_ID,
      generateKeyPair: generateKeyPairInWorker,
    });
  })();
  return kms;
}

/** The engine of a Region. KMS Lab's web app has one Region so far: REGION. */
export function getKmsIn(region: string): Promise<Kms> {
  if (region === REGION) return getKms();
  return Promise.reject(new Error(`KMS Lab's web app has no engine for ${region}.`));
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
