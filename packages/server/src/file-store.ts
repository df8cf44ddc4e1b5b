import { AsyncLocalStorage } from 'node:async_hooks';
import { type KeyStore, KmsError, type StoredAlias, type StoredKey } from '@kms-lab/core';
import { ensureDirectory, writeFileAtomically } from './atomic-file.js';
import { JournalFile, journalPath, serializeChanges } from './journal.js';
import { acquireLock, LockedError } from './lock-file.js';
import { KeyStoreFileError, keepPrivate, realStorePath, removeLeftovers } from './store-files.js';
import { StoreFormatError, scopedName, serializeStore, splitScopedName } from './store-format.js';
import { readOrCreateStoreKey, readStoreKey, StoreKeyError } from './store-key.js';
import {
  applied,
  applyChanges,
  contentsOf,
  DEFAULT_REGION,
  readKeyStoreFiles,
  readState,
  type StoreState,
} from './store-state.js';

export { KeyStoreFileError, readKeyStoreFiles };

/** Changes made inside one `exclusive` call; `null` marks a deletion. */
interface Transaction {
  keys: Map<string, StoredKey | null>;
  aliases: Map<string, StoredAlias | null>;
  open: boolean;
}

export interface FileKeyStoreOptions {
  /** Where warnings go (a store made private, a failed write); default stderr. */
  warn?: (line: string) => void;
  /** The journal is compacted once it is larger than this and than the snapshot; 1 MiB. */
  compactJournalAt?: number;
  /**
   * The Region of the store's own KeyStore methods, and of the records of a file older than
   * version 4 (which kept one Region); default us-east-1. `forRegion` gives the others.
   */
  region?: string;
}

// Records are cloned in and out so a caller holding one cannot change what is stored.
const clone = <T>(record: T): T => structuredClone(record);

/** Below this, the journal is not compacted however small the snapshot. */
const MIN_JOURNAL_BYTES = 1 << 20;

/**
 * A KeyStore in a JSON snapshot and a journal beside it (journal.ts). Key material is kept
 * as bytes (the engine imports it as non-extractable CryptoKeys when it uses it; private
 * keys are wrapped under the store key in the files). The whole store lives in memory; each
 * `exclusive` call is a transaction whose changes are appended to the journal when it ends,
 * and become visible to other requests only once they are on disk. A transaction that
 * fails, or whose write fails, leaves both the files and the store as they were.
 */
export class FileKeyStore implements KeyStore {
  readonly holdsCryptoKeys = false;
  readonly path: string;
  /** The Region of this object's own KeyStore methods. */
  readonly region: string;
  readonly #regionStores = new Map<string, KeyStore>();
  #keys: Map<string, StoredKey>;
  #aliases: Map<string, StoredAlias>;
  #lockTail: Promise<unknown> = Promise.resolve();
  readonly #transaction = new AsyncLocalStorage<Transaction>();
  readonly #unlock: () => Promise<void>;
  #closed = false;
  #released = false;

  readonly #storeKey: Buffer;
  readonly #journal: JournalFile;
  readonly #warn: (line: string) => void;
  #snapshotBytes: number;
  readonly #compactAt: number;

  private constructor(
    path: string,
    state: StoreState,
    opened: {
      unlock: () => Promise<void>;
      storeKey: Buffer;
      journal: JournalFile;
      snapshotBytes: number;
      compactAt: number;
    },
    warn: (line: string) => void,
    region: string,
  ) {
    this.path = path;
    this.region = region;
    this.#unlock = opened.unlock;
    this.#storeKey = opened.storeKey;
    this.#journal = opened.journal;
    this.#snapshotBytes = opened.snapshotBytes;
    this.#compactAt = opened.compactAt;
    this.#warn = warn;
    this.#keys = state.keys;
    this.#aliases = state.aliases;
  }

  /**
   * Opens the store at `path`, creating it (mode 0600, its directory 0700) if missing.
   * A file that is not a KMS Lab key store is refused, and left untouched.
   */
  static async open(path: string, options: FileKeyStoreOptions = {}): Promise<FileKeyStore> {
    const warn = options.warn ?? ((line: string) => process.stderr.write(`kms-lab: ${line}\n`));
    const region = options.region ?? DEFAULT_REGION;
    const absolute = await realStorePath(path);
    const refusal = (error: StoreFormatError | StoreKeyError, untouched: string) =>
      new KeyStoreFileError(
        `Refusing to use ${absolute} as the key store: ${error.message.replace(/\.$/, '')}.${untouched}`,
      );
    // Read once before the lock, so that a file that is not a store (or a damaged one) is
    // refused without a lock file or any other trace beside it.
    try {
      await readState(absolute, await readStoreKey(absolute), region);
    } catch (error) {
      if (!(error instanceof StoreFormatError || error instanceof StoreKeyError)) throw error;
      throw refusal(
        error,
        ' The file was left untouched; move it away or choose another file with --data.',
      );
    }
    await ensureDirectory(absolute);
    let unlock: () => Promise<void>;
    try {
      unlock = await acquireLock(absolute);
    } catch (error) {
      if (error instanceof LockedError) throw new KeyStoreFileError(error.message);
      throw error;
    }
    try {
      // Read again under the lock: the file may have changed while it was free. The store
      // key is made only now, so a store whose key file is lost is refused, not re-keyed.
      await removeLeftovers(absolute);
      await keepPrivate(absolute, warn);
      const state = await readState(absolute, await readStoreKey(absolute), region);
      const storeKey = await readOrCreateStoreKey(absolute);
      // A fresh snapshot of everything (an older version is written as the current one), then an empty
      // journal: every start begins compacted.
      const text = serializeStore(contentsOf(state), () => storeKey);
      await writeFileAtomically(absolute, text);
      const journal = await JournalFile.open(journalPath(absolute));
      return new FileKeyStore(
        absolute,
        state,
        {
          unlock,
          storeKey,
          journal,
          snapshotBytes: text.length,
          compactAt: options.compactJournalAt ?? MIN_JOURNAL_BYTES,
        },
        warn,
        region,
      );
    } catch (error) {
      await unlock();
      if (error instanceof StoreFormatError || error instanceof StoreKeyError)
        throw refusal(error, '');
      throw error;
    }
  }

  #current(): Transaction | undefined {
    const transaction = this.#transaction.getStore();
    return transaction?.open ? transaction : undefined;
  }

  #read<T>(committed: Map<string, T>, staged: Map<string, T | null> | undefined, name: string) {
    const record = staged?.has(name) ? staged.get(name) : committed.get(name);
    return record ? clone(record) : undefined;
  }

  /** Every record with its scoped name, cloned. */
  #list<T>(committed: Map<string, T>, staged: Map<string, T | null> | undefined): [string, T][] {
    return [...(staged ? applied(committed, staged) : committed)].map(([name, record]) => [
      name,
      clone(record),
    ]);
  }

  /** A change inside the caller's transaction, or in a transaction of its own. */
  #write(change: (transaction: Transaction) => void): Promise<void> {
    const transaction = this.#current();
    if (transaction) {
      change(transaction);
      return Promise.resolve();
    }
    return this.exclusive(async () => change(this.#current() as Transaction));
  }

  /**
   * One Region's keys and aliases, in this store's file and under its lock (a transaction
   * may change several Regions at once): a `RegionalKeyStore` for `createKmsPartition`.
   */
  forRegion(region: string): KeyStore {
    let store: KeyStore | undefined = this.#regionStores.get(region);
    if (!store) {
      const scoped = (name: string) => scopedName(region, name);
      const inRegion = <T>(records: [string, T][]) =>
        records.filter(([name]) => splitScopedName(name, '')[0] === region);
      store = {
        holdsCryptoKeys: false,
        getKey: async (keyId) => this.#read(this.#keys, this.#current()?.keys, scoped(keyId)),
        listKeys: async () =>
          inRegion(this.#list(this.#keys, this.#current()?.keys)).map(([, key]) => key),
        putKey: (key) =>
          this.#write((transaction) => transaction.keys.set(scoped(key.keyId), clone(key))),
        deleteKey: (keyId) =>
          this.#write((transaction) => transaction.keys.set(scoped(keyId), null)),
        getAlias: async (aliasName) =>
          this.#read(this.#aliases, this.#current()?.aliases, scoped(aliasName)),
        listAliases: async () =>
          inRegion(this.#list(this.#aliases, this.#current()?.aliases)).map(([, alias]) => alias),
        putAlias: (alias) =>
          this.#write((transaction) =>
            transaction.aliases.set(scoped(alias.aliasName), clone(alias)),
          ),
        deleteAlias: (aliasName) =>
          this.#write((transaction) => transaction.aliases.set(scoped(aliasName), null)),
        exclusive: (work) => this.exclusive(work),
      };
      this.#regionStores.set(region, store);
    }
    return store;
  }

  /** The Regions that hold keys or aliases, sorted. */
  regions(): string[] {
    const names = [
      ...this.#list(this.#keys, this.#current()?.keys),
      ...this.#list(this.#aliases, this.#current()?.aliases),
    ].map(([name]) => splitScopedName(name, '')[0]);
    return [...new Set(names)].sort();
  }

  getKey(keyId: string) {
    return this.forRegion(this.region).getKey(keyId);
  }
  listKeys() {
    return this.forRegion(this.region).listKeys();
  }
  putKey(key: StoredKey) {
    return this.forRegion(this.region).putKey(key);
  }
  deleteKey(keyId: string) {
    return this.forRegion(this.region).deleteKey(keyId);
  }
  getAlias(aliasName: string) {
    return this.forRegion(this.region).getAlias(aliasName);
  }
  listAliases() {
    return this.forRegion(this.region).listAliases();
  }
  putAlias(alias: StoredAlias) {
    return this.forRegion(this.region).putAlias(alias);
  }
  deleteAlias(aliasName: string) {
    return this.forRegion(this.region).deleteAlias(aliasName);
  }

  /**
   * Runs `work` alone: one transaction at a time, in call order. Its changes are
   * committed to the file when it succeeds and dropped when it throws. Reentrant: work
   * that calls `exclusive` again joins the running transaction.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#current()) return work();
    const run = async () => {
      const transaction: Transaction = { keys: new Map(), aliases: new Map(), open: true };
      try {
        const result = await this.#transaction.run(transaction, work);
        if (transaction.keys.size > 0 || transaction.aliases.size > 0)
          await this.#commit(transaction);
        return result;
      } finally {
        transaction.open = false;
      }
    };
    const result = this.#lockTail.then(run, run);
    this.#lockTail = result.catch(() => undefined);
    return result;
  }

  async #commit(transaction: Transaction): Promise<void> {
    // Once the lock is released another server may own the file: never write it again.
    if (this.#released) throw new Error(`The key store ${this.path} is closed.`);
    const line = serializeChanges(transaction, () => this.#storeKey);
    try {
      await this.#journal.append(line);
    } catch (error) {
      // A full disk, a read-only mount, a removed directory: say so where the operator
      // looks, and answer the request without a guess. The store stays as it was.
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
      this.#warn(`could not write the key store ${this.path} (${code}): the change was not saved.`);
      throw new KmsError(
        'KMSInternalException',
        `KMS Lab could not save the change: writing the key store file failed (${code}). Nothing was changed.`,
      );
    }
    applyChanges(this.#keys, transaction.keys);
    applyChanges(this.#aliases, transaction.aliases);
    // The journal is compacted into the snapshot once it outgrows it: each write costs the
    // size of its change, and compaction the size of the store now and then.
    if (this.#journal.size > Math.max(this.#compactAt, this.#snapshotBytes))
      await this.#compact().catch((error: Error) =>
        this.#warn(
          `could not compact the key store ${this.path} (${error.message}); its journal keeps every change.`,
        ),
      );
  }

  /** Writes a snapshot of everything, then empties the journal it now holds. */
  async #compact(): Promise<void> {
    const text = serializeStore(
      contentsOf({ keys: this.#keys, aliases: this.#aliases }),
      () => this.#storeKey,
    );
    await writeFileAtomically(this.path, text);
    await this.#journal.clear();
    this.#snapshotBytes = text.length;
  }

  /** Resolves once every transaction begun so far has ended. */
  async flush(): Promise<void> {
    await this.#lockTail;
  }

  /** Waits for the transactions in progress, then releases the file for other servers. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.flush();
    // Left compacted, the file alone holds the whole store after a clean stop.
    if (this.#journal.size > 0)
      await this.#compact().catch((error: Error) =>
        this.#warn(
          `could not compact the key store ${this.path} (${error.message}); its journal keeps every change.`,
        ),
      );
    this.#released = true;
    await this.#journal.close();
    await this.#unlock();
  }
}
