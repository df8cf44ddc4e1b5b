import type { StoredAlias, StoredKey } from '@kms-lab/core';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { HistoryRecord } from './history-types';

/**
 * The app's IndexedDB database. Keys keep their AES key material as non-extractable
 * CryptoKeys (IndexedDB stores them by structured clone, never as bytes); history holds
 * public keys and ciphertexts only.
 */
export const DB_NAME = 'kms-lab';
/**
 * 1: keys, aliases, history, meta. 2: regional-keys and regional-aliases, the keys and aliases
 * of the Regions other than the default one (multi-Region replicas); `keys` and `aliases`
 * stay the default Region's, so every key and alias of version 1 is kept where it was.
 */
export const DB_VERSION = 2;

/** A record of another Region: the stored key or alias, and its Region. */
export type InRegion<T> = T & { region: string };

export interface MetaRecord {
  name: string;
  value: unknown;
}

export interface KmsLabSchema extends DBSchema {
  keys: { key: string; value: StoredKey };
  aliases: { key: string; value: StoredAlias };
  history: { key: number; value: HistoryRecord };
  meta: { key: string; value: MetaRecord };
  'regional-keys': {
    key: [string, string];
    value: InRegion<StoredKey>;
    indexes: { region: string };
  };
  'regional-aliases': {
    key: [string, string];
    value: InRegion<StoredAlias>;
    indexes: { region: string };
  };
}

export type KmsLabDb = IDBPDatabase<KmsLabSchema>;

export function openKmsLabDb(name = DB_NAME): Promise<KmsLabDb> {
  return openDB<KmsLabSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('keys', { keyPath: 'keyId' });
        db.createObjectStore('aliases', { keyPath: 'aliasName' });
        db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
        db.createObjectStore('meta', { keyPath: 'name' });
      }
      if (oldVersion < 2) {
        db.createObjectStore('regional-keys', { keyPath: ['region', 'keyId'] }).createIndex(
          'region',
          'region',
        );
        db.createObjectStore('regional-aliases', {
          keyPath: ['region', 'aliasName'],
        }).createIndex('region', 'region');
      }
    },
    // Another tab opened a newer version: let it upgrade rather than block it.
    blocking() {
      location.reload();
    },
  });
}
