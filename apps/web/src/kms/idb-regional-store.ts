import type { RegionalKeyStore } from '@kms-lab/core';
import type { KmsLabDb } from './db';
import { IdbKeyStore, type IdbKeyStoreOptions } from './idb-key-store';

/**
 * Every Region's keys and aliases in the app's IndexedDB, for the engine's partition
 * (`createKmsPartition`): the default Region's in `keys` and `aliases` (where they were
 * before Regions), the others' in `regional-keys` and `regional-aliases` by Region.
 * `regions()` must answer at once: the Regions holding records are read when the store is
 * opened (and again by `reload`), and a Region is added when its store is first asked for.
 */
export class IdbRegionalKeyStore implements RegionalKeyStore {
  readonly #db: KmsLabDb;
  readonly #defaultRegion: string;
  readonly #options: Omit<IdbKeyStoreOptions, 'region'>;
  readonly #stores = new Map<string, IdbKeyStore>();
  #known = new Set<string>();

  private constructor(
    db: KmsLabDb,
    defaultRegion: string,
    options: Omit<IdbKeyStoreOptions, 'region'>,
  ) {
    this.#db = db;
    this.#defaultRegion = defaultRegion;
    this.#options = options;
    this.#known.add(defaultRegion);
  }

  static async open(
    db: KmsLabDb,
    defaultRegion: string,
    options: Omit<IdbKeyStoreOptions, 'region'> = {},
  ): Promise<IdbRegionalKeyStore> {
    const store = new IdbRegionalKeyStore(db, defaultRegion, options);
    await store.reload();
    return store;
  }

  /** Reads again which Regions hold keys (another tab may have replicated a key). */
  async reload(): Promise<void> {
    const stored = await this.#db.getAllKeysFromIndex('regional-keys', 'region');
    for (const [region] of stored) this.#known.add(region);
  }

  forRegion(region: string): IdbKeyStore {
    let store = this.#stores.get(region);
    if (!store) {
      store = new IdbKeyStore(this.#db, {
        ...this.#options,
        region: region === this.#defaultRegion ? undefined : region,
      });
      this.#stores.set(region, store);
      this.#known.add(region);
    }
    return store;
  }

  regions(): string[] {
    return [...this.#known].sort();
  }

  /** The keys of every Region but the default one, with their Region. */
  async otherRegionsKeys(): Promise<{ region: string; keyId: string; primaryRegion?: string }[]> {
    const records = await this.#db.getAll('regional-keys');
    return records.map((record) => ({
      region: record.region,
      keyId: record.keyId,
      primaryRegion: record.multiRegion?.primaryRegion,
    }));
  }
}
