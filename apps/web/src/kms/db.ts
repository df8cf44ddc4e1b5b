import type { StoredAlias, StoredKey } from '@kms-lab/core';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { HistoryRecord } from './history-types';

/**
 * The app's IndexedDB database. Keys keep their AES key material as non-extractable
 * CryptoKeys (IndexedDB stores them by structured clone, never as bytes); history holds
 * public keys and ciphertexts only.
 */
export const DB_NAME = 'kms-lab';
export const DB_VERSION = 1;

export interface MetaRecord {
  name: string;
  value: unknown;
}

export interface KmsLabSchema extends DBSchema {
  keys: { key: string; value: StoredKey };
  aliases: { key: string; value: StoredAlias };
  history: { key: number; value: HistoryRecord };
  meta: { key: string; value: MetaRecord };
}

export type KmsLabDb = IDBPDatabase<KmsLabSchema>;

export function openKmsLabDb(name = DB_NAME): Promise<KmsLabDb> {
  return openDB<KmsLabSchema>(name, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('keys', { keyPath: 'keyId' });
      db.createObjectStore('aliases', { keyPath: 'aliasName' });
      db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
      db.createObjectStore('meta', { keyPath: 'name' });
    },
    // Another tab opened a newer version: let it upgrade rather than block it.
    blocking() {
      location.reload();
    },
  });
}
