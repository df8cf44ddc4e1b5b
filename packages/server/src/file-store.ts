import { AsyncLocalStorage } from 'node:async_hooks';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { KeyStore, StoredAlias, StoredKey } from '@kms-lab/core';
import { ensureDirectory, readIfExists, writeFileAtomically } from './atomic-file.js';
import { acquireLock, LockedError } from './lock-file.js';
import {
  parseStore,
  type StoreContents,
  StoreFormatError,
  serializeStore,
} from './store-format.js';
import { readOrCreateStoreKey, readStoreKey, StoreKeyError } from './store-key.js';

/** Changes made inside one `exclusive` call; `null` marks a deletion. */
interface Transaction {
  keys: Map<string, StoredKey | null>;
  aliases: Map<string, StoredAlias | null>;
  open: boolean;
}

/** Refusal to open a key store file, with the path and the reason. */
export class KeyStoreFileError extends Error {
  override readonly name = 'KeyStoreFileError';
}

// Records are cloned in and out so a caller holding one cannot change what is stored.
const clone = <T>(record: T): T => structuredClone(record);

/**
 * The store's real path: a symlink is followed, so its target is locked and written (the
 * link stays a link), and a second server reaching the same file by another name meets the
 * same lock. A file with several hard links is refused: its names cannot be told apart.
 */
async function realStorePath(path: string): Promise<string> {
  const absolute = resolve(path);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // No file yet: resolve the directory, if there is one, and keep the name.
    real = await realpath(dirname(absolute)).then(
      (directory) => join(directory, basename(absolute)),
      () => absolute,
    );
    return real;
  }
  const { nlink } = await stat(real);
  if (nlink > 1)
    throw new KeyStoreFileError(
      `Refusing to use ${absolute} as the key store: the file has ${nlink} hard links, so another server could open it under another name and both would write it. Use a copy, or a symbolic link.`,
    );
  return real;
}

/** Applies a transaction's changes to a copy of the committed records. */
function applied<T>(committed: Map<string, T>, changes: Map<string, T | null>): Map<string, T> {
  const result = new Map(committed);
  for (const [name, record] of changes) {
    if (record === null) result.delete(name);
    else result.set(name, record);
  }
  return result;
}

/**
 * A KeyStore in one JSON file. Key material is kept as raw bytes (the engine imports it
 * as non-extractable CryptoKeys when it uses it). The whole store lives in memory; each
 * `exclusive` call is a transaction whose changes are written to the file atomically
 * when it ends, and become visible to other requests only once they are on disk. A
 * transaction that fails, or whose write fails, leaves both the file and the store as
 * they were.
 */
export class FileKeyStore implements KeyStore {
  readonly holdsCryptoKeys = false;
  readonly path: string;
  #keys: Map<string, StoredKey>;
  #aliases: Map<string, StoredAlias>;
  #lockTail: Promise<unknown> = Promise.resolve();
  readonly #transaction = new AsyncLocalStorage<Transaction>();
  readonly #unlock: () => Promise<void>;
  #closed = false;
  #released = false;

  readonly #storeKey: Buffer;

  private constructor(
    path: string,
    contents: StoreContents,
    unlock: () => Promise<void>,
    storeKey: Buffer,
  ) {
    this.path = path;
    this.#unlock = unlock;
    this.#storeKey = storeKey;
    this.#keys = new Map(contents.keys.map((key) => [key.keyId, key]));
    this.#aliases = new Map(contents.aliases.map((alias) => [alias.aliasName, alias]));
  }

  /**
   * Opens the store at `path`, creating it (mode 0600, its directory 0700) if missing.
   * A file that is not a KMS Lab key store is refused, and left untouched.
   */
  static async open(path: string): Promise<FileKeyStore> {
    const absolute = await realStorePath(path);
    const text = await readIfExists(absolute);
    let contents: StoreContents = { keys: [], aliases: [] };
    let storeKey: Buffer | undefined;
    if (text !== undefined) {
      try {
        storeKey = await readStoreKey(absolute);
        contents = parseStore(text, storeKey);
      } catch (error) {
        if (!(error instanceof StoreFormatError || error instanceof StoreKeyError)) throw error;
        throw new KeyStoreFileError(
          `Refusing to use ${absolute} as the key store: ${error.message.replace(/\.$/, '')}. The file was left untouched; move it away or choose another file with --data.`,
        );
      }
    } else {
      await ensureDirectory(absolute);
    }
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
      const locked = await readIfExists(absolute);
      storeKey ??= await readOrCreateStoreKey(absolute);
      if (locked === undefined) {
        contents = { keys: [], aliases: [] };
        await writeFileAtomically(
          absolute,
          serializeStore(contents, () => storeKey as Buffer),
        );
      } else if (locked !== text) contents = parseStore(locked, storeKey);
      return new FileKeyStore(absolute, contents, unlock, storeKey);
    } catch (error) {
      await unlock();
      if (error instanceof StoreFormatError)
        throw new KeyStoreFileError(
          `Refusing to use ${absolute} as the key store: ${error.message.replace(/\.$/, '')}.`,
        );
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

  #list<T>(committed: Map<string, T>, staged: Map<string, T | null> | undefined): T[] {
    return [...(staged ? applied(committed, staged) : committed).values()].map(clone);
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

  async getKey(keyId: string) {
    return this.#read(this.#keys, this.#current()?.keys, keyId);
  }
  async listKeys() {
    return this.#list(this.#keys, this.#current()?.keys);
  }
  putKey(key: StoredKey) {
    return this.#write((transaction) => transaction.keys.set(key.keyId, clone(key)));
  }
  deleteKey(keyId: string) {
    return this.#write((transaction) => transaction.keys.set(keyId, null));
  }
  async getAlias(aliasName: string) {
    return this.#read(this.#aliases, this.#current()?.aliases, aliasName);
  }
  async listAliases() {
    return this.#list(this.#aliases, this.#current()?.aliases);
  }
  putAlias(alias: StoredAlias) {
    return this.#write((transaction) => transaction.aliases.set(alias.aliasName, clone(alias)));
  }
  deleteAlias(aliasName: string) {
    return this.#write((transaction) => transaction.aliases.set(aliasName, null));
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
    const keys = applied(this.#keys, transaction.keys);
    const aliases = applied(this.#aliases, transaction.aliases);
    await writeFileAtomically(
      this.path,
      serializeStore(
        { keys: [...keys.values()], aliases: [...aliases.values()] },
        () => this.#storeKey,
      ),
    );
    this.#keys = keys;
    this.#aliases = aliases;
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
    this.#released = true;
    await this.#unlock();
  }
}
