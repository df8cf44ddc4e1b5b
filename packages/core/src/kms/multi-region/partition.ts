/**
 * A partition: one engine per Region, as AWS's Regions are independent (each has its own keys
 * and aliases), over one backing that keeps every Region's records. It is what lets a
 * multi-Region key exist in several Regions: ReplicateKey writes the replica into another
 * Region's store, and when a primary key's material changes (rotation) the partition copies
 * it to the replicas, so a ciphertext made in one Region decrypts in another.
 *
 *   const partition = createKmsPartition({ defaultRegion: 'us-east-1' });
 *   const east = partition.region('us-east-1');
 *   const west = partition.region('eu-west-1');
 */
import { MemoryKeyStore } from '../../store/memory.js';
import type { KeyStore, StoredAlias, StoredKey } from '../../store/types.js';
import { Kms } from '../kms.js';
import { addDays } from '../materials.js';
import type { KmsOptions } from '../options.js';
import { REGION_PATTERN, type RegionDirectory } from './regions.js';

/** Where every Region's keys and aliases live: a store per Region, on one backing. */
export interface RegionalKeyStore {
  /** The store of one Region; the same object every time it is asked for. */
  forRegion(region: string): KeyStore;
  /** The Regions that hold records. */
  regions(): string[];
}

/** Every Region in memory, each a MemoryKeyStore. */
export class MemoryRegionalKeyStore implements RegionalKeyStore {
  readonly #stores = new Map<string, MemoryKeyStore>();
  forRegion(region: string): KeyStore {
    let store = this.#stores.get(region);
    if (!store) {
      store = new MemoryKeyStore();
      this.#stores.set(region, store);
    }
    return store;
  }
  regions(): string[] {
    return [...this.#stores.keys()];
  }
}

export interface KmsPartitionOptions extends Omit<KmsOptions, 'region' | 'store' | 'regions'> {
  /** The Region of `region()` without a name; default us-east-1. */
  defaultRegion?: string;
  /** Every Region's records; default in memory. */
  stores?: RegionalKeyStore;
}

export function createKmsPartition(options: KmsPartitionOptions = {}): KmsPartition {
  return new KmsPartition(options);
}

export class KmsPartition {
  readonly defaultRegion: string;
  readonly #options: KmsPartitionOptions;
  readonly #stores: RegionalKeyStore;
  readonly #views = new Map<string, RegionStore>();
  readonly #engines = new Map<string, Kms>();
  readonly #directory: RegionDirectory;
  #lockTail: Promise<unknown> = Promise.resolve();

  constructor(options: KmsPartitionOptions = {}) {
    this.defaultRegion = checkRegion(options.defaultRegion ?? 'us-east-1');
    this.#options = options;
    this.#stores = options.stores ?? new MemoryRegionalKeyStore();
    this.#directory = {
      storeOf: (region) => this.#view(region),
      regions: () => this.regions(),
      settle: async (region, keyId) => {
        // DescribeKey applies what is due, as any look at a key does; its answer is not needed.
        await this.region(region)
          .describeKey({ KeyId: keyId })
          .catch(() => undefined);
      },
    };
  }

  /** The engine of a Region (made when first asked for); the default Region without a name. */
  region(name: string = this.defaultRegion): Kms {
    let engine = this.#engines.get(name);
    if (!engine) {
      const { defaultRegion: _, stores: __, seed, ...engineOptions } = this.#options;
      engine = new Kms({
        ...engineOptions,
        // A seed is the default Region's: the other Regions start empty, as new Regions do.
        ...(name === this.defaultRegion && seed !== undefined ? { seed } : {}),
        region: checkRegion(name),
        store: this.#view(name),
        regions: this.#directory,
      });
      this.#engines.set(name, engine);
    }
    return engine;
  }

  /** Every Region with an engine or stored records, sorted. */
  regions(): string[] {
    return [...new Set([...this.#engines.keys(), ...this.#stores.regions()])].sort();
  }

  /** Stops every engine's background work. */
  close(): void {
    for (const engine of this.#engines.values()) engine.close();
  }

  #view(region: string): RegionStore {
    let view = this.#views.get(region);
    if (!view) {
      view = new RegionStore(region, this.#stores.forRegion(checkRegion(region)), this);
      this.#views.set(region, view);
    }
    return view;
  }

  /** @internal The store of a Region without the partition's copying: for RegionStore. */
  innerStore(region: string): KeyStore {
    return this.#view(region).inner;
  }

  /** @internal One lock for every Region: writes that span Regions never interleave. */
  exclusive<R>(work: () => Promise<R>): Promise<R> {
    const result = this.#lockTail.then(work, work);
    this.#lockTail = result.catch(() => undefined);
    return result;
  }

  /** @internal */
  now(): Date {
    return (this.#options.clock ?? (() => new Date()))();
  }
}

function checkRegion(region: string): string {
  if (!REGION_PATTERN.test(region))
    throw new TypeError(`'${region}' is not an AWS Region name (such as us-east-1).`);
  return region;
}

/**
 * One Region's store as its engine sees it: the backing's, plus what related multi-Region
 * keys share. A primary key's material and rotation status go to its replicas when it is
 * written; the last replica's deletion starts the waiting period of a primary that is
 * PendingReplicaDeletion.
 */
class RegionStore implements KeyStore {
  readonly holdsCryptoKeys: boolean;
  readonly exclusive: <R>(work: () => Promise<R>) => Promise<R>;

  constructor(
    readonly region: string,
    readonly inner: KeyStore,
    private readonly partition: KmsPartition,
  ) {
    this.holdsCryptoKeys = inner.holdsCryptoKeys;
    this.exclusive = inner.exclusive
      ? (work) => (inner.exclusive as NonNullable<KeyStore['exclusive']>)(work)
      : (work) => partition.exclusive(work);
  }

  getKey(keyId: string) {
    return this.inner.getKey(keyId);
  }
  listKeys() {
    return this.inner.listKeys();
  }
  async putKey(key: StoredKey) {
    await this.inner.putKey(key);
    if (key.multiRegion?.primaryRegion === this.region) await this.#shareWithReplicas(key);
  }
  async deleteKey(keyId: string) {
    const key = await this.inner.getKey(keyId);
    await this.inner.deleteKey(keyId);
    const primaryRegion = key?.multiRegion?.primaryRegion;
    if (primaryRegion && primaryRegion !== this.region)
      await this.#lastReplicaGone(keyId, primaryRegion);
  }
  getAlias(aliasName: string) {
    return this.inner.getAlias(aliasName);
  }
  listAliases(): Promise<StoredAlias[]> {
    return this.inner.listAliases();
  }
  putAlias(alias: StoredAlias) {
    return this.inner.putAlias(alias);
  }
  deleteAlias(aliasName: string) {
    return this.inner.deleteAlias(aliasName);
  }

  /** AWS: related keys share "key material ... and automatic key rotation status". */
  async #shareWithReplicas(primary: StoredKey) {
    for (const region of this.partition.regions()) {
      if (region === this.region) continue;
      const store = this.partition.innerStore(region);
      const replica = await store.getKey(primary.keyId);
      if (!replica) continue;
      const sameMaterial =
        replica.materials.length === primary.materials.length &&
        replica.rotation.enabled === primary.rotation.enabled &&
        replica.rotation.periodDays === primary.rotation.periodDays;
      if (sameMaterial) continue;
      replica.materials = primary.materials;
      replica.rotation = {
        ...replica.rotation,
        enabled: primary.rotation.enabled,
        periodDays: primary.rotation.periodDays,
        onDemandCount: primary.rotation.onDemandCount,
      };
      await store.putKey(replica);
    }
  }

  async #lastReplicaGone(keyId: string, primaryRegion: string) {
    const primaryStore = this.partition.innerStore(primaryRegion);
    const primary = await primaryStore.getKey(keyId);
    if (!primary?.deletion?.afterReplicas) return;
    for (const region of this.partition.regions())
      if (region !== primaryRegion && (await this.partition.innerStore(region).getKey(keyId)))
        return;
    const { windowDays } = primary.deletion;
    primary.deletion = { date: addDays(this.partition.now(), windowDays), windowDays };
    await primaryStore.putKey(primary);
  }
}
