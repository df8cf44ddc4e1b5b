/**
 * The store's records in memory, every Region's by scoped name, and how they are read from the
 * files (the snapshot with the journal replayed over it) and turned back into their contents.
 */
import type { StoredAlias, StoredKey } from '@kms-lab/core';
import { readIfExists } from './atomic-file.js';
import { journalPath, replayJournal } from './journal.js';
import { realStorePath } from './store-files.js';
import {
  checkAliasTargets,
  parseStore,
  type StoreContents,
  StoreFormatError,
  scopedName,
  splitScopedName,
} from './store-format.js';
import { readStoreKey } from './store-key.js';

/** Every Region's records, by scoped name (`<region> <keyId or alias name>`). */
export interface StoreState {
  keys: Map<string, StoredKey>;
  aliases: Map<string, StoredAlias>;
}

export const DEFAULT_REGION = 'us-east-1';

export const contentsOf = (state: StoreState): StoreContents => ({
  keys: [...state.keys].map(([name, key]) => ({ ...key, region: splitScopedName(name, '')[0] })),
  aliases: [...state.aliases].map(([name, alias]) => ({
    ...alias,
    region: splitScopedName(name, '')[0],
  })),
});

/**
 * The store as its files hold it, read without taking the lock (to inspect a store a
 * server is using): the snapshot with the journal replayed over it. Records of a file older
 * than version 4 are `defaultRegion`'s.
 */
export async function readKeyStoreFiles(
  path: string,
  defaultRegion = DEFAULT_REGION,
): Promise<StoreContents> {
  const real = await realStorePath(path);
  return contentsOf(await readState(real, await readStoreKey(real), defaultRegion));
}

/** The snapshot with the journal replayed over it; an empty store when there is no file. */
export async function readState(
  path: string,
  storeKey: Buffer | undefined,
  defaultRegion: string,
): Promise<StoreState> {
  const text = await readIfExists(path);
  const journal = await readIfExists(journalPath(path));
  if (text === undefined) {
    if (journal)
      throw new StoreFormatError('there is a journal of changes but no store file for it');
    return { keys: new Map(), aliases: new Map() };
  }
  const contents = parseStore(text, storeKey, defaultRegion);
  const state: StoreState = {
    keys: new Map(contents.keys.map(({ region, ...key }) => [scopedName(region, key.keyId), key])),
    aliases: new Map(
      contents.aliases.map(({ region, ...alias }) => [scopedName(region, alias.aliasName), alias]),
    ),
  };
  if (journal) replayJournal(journal, storeKey, state.keys, state.aliases, defaultRegion);
  checkAliasTargets(state.keys, state.aliases);
  return state;
}

export function applyChanges<T>(committed: Map<string, T>, changes: Map<string, T | null>): void {
  for (const [name, record] of changes) {
    if (record === null) committed.delete(name);
    else committed.set(name, record);
  }
}

/** Applies a transaction's changes to a copy of the committed records. */
export function applied<T>(
  committed: Map<string, T>,
  changes: Map<string, T | null>,
): Map<string, T> {
  const result = new Map(committed);
  for (const [name, record] of changes) {
    if (record === null) result.delete(name);
    else result.set(name, record);
  }
  return result;
}
