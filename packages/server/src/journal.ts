/**
 * The store's journal: `<store file>.journal`, beside the snapshot. Each transaction appends
 * one line, the JSON of the records it changed (a record, or null for a deletion), and is
 * acknowledged once that line is on disk (fdatasync). A write so costs the size of what it
 * changed, not of the store. Reading replays the lines over the snapshot; the snapshot is
 * rewritten (compacted) when the journal outgrows it, and then the journal is emptied.
 *
 *   line = {"keys": {"<region> <keyId>": <key> | null, ...},
 *           "aliases": {"<region> <aliasName>": <alias> | null, ...}}
 *
 * (Lines of version 3 name records without a Region: they are the default Region's.)
 *
 * Replaying a line twice gives the same store (records replace, deletions delete), so a
 * crash between writing a snapshot and emptying the journal loses nothing. A crash in the
 * middle of an append leaves a last line without its newline: it was never acknowledged,
 * and is dropped. Any other damaged line refuses the store.
 */
import { type FileHandle, open } from 'node:fs/promises';
import type { StoredAlias, StoredKey } from '@kms-lab/core';
import { FILE_MODE } from './atomic-file.js';
import {
  aliasFromJson,
  aliasToJson,
  isObject,
  keyFromJson,
  keyToJson,
  StoreFormatError,
  scopedName,
  splitScopedName,
} from './store-format.js';

export const journalPath = (storePath: string) => `${storePath}.journal`;

/** The changes of one transaction; null marks a deletion. */
export interface StoreChanges {
  keys: ReadonlyMap<string, StoredKey | null>;
  aliases: ReadonlyMap<string, StoredAlias | null>;
}

/** One journal line, newline included. */
export function serializeChanges(changes: StoreChanges, storeKey: () => Buffer): string {
  const keys: Record<string, unknown> = {};
  for (const [keyId, key] of changes.keys) keys[keyId] = key && keyToJson(key, storeKey);
  const aliases: Record<string, unknown> = {};
  for (const [name, alias] of changes.aliases) aliases[name] = alias && aliasToJson(alias);
  return `${JSON.stringify({ keys, aliases })}\n`;
}

/**
 * Applies the journal's lines, in order, to the records read from the snapshot. Returns
 * whether the last line was torn (and so left out).
 */
export function replayJournal(
  text: string,
  storeKey: Buffer | undefined,
  keys: Map<string, StoredKey>,
  aliases: Map<string, StoredAlias>,
  defaultRegion = 'us-east-1',
): { lines: number; torn: boolean } {
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  const applyLine = (where: string, line: string) =>
    applyJournalLine(where, line, storeKey, keys, aliases, defaultRegion);
  lines.forEach((line, index) => {
    applyLine(`journal line ${index + 1}`, line);
  });
  if (tail === '') return { lines: lines.length, torn: false };
  // No newline after it: an append a crash cut short. It may still be whole; if so it is
  // applied (it reached the disk), and if not it was never acknowledged.
  try {
    applyLine(`journal line ${lines.length + 1}`, tail);
    return { lines: lines.length + 1, torn: false };
  } catch {
    return { lines: lines.length, torn: true };
  }
}

function applyJournalLine(
  where: string,
  line: string,
  storeKey: Buffer | undefined,
  keys: Map<string, StoredKey>,
  aliases: Map<string, StoredAlias>,
  defaultRegion: string,
): void {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    throw new StoreFormatError(`${where} is damaged: it is not JSON`);
  }
  if (!isObject(entry) || !isObject(entry.keys) || !isObject(entry.aliases))
    throw new StoreFormatError(`${where} is damaged: it is not a change of keys and aliases`);
  for (const [scoped, record] of Object.entries(entry.keys)) {
    const [region, keyId] = splitScopedName(scoped, defaultRegion);
    const name = scopedName(region, keyId);
    if (record === null) keys.delete(name);
    else {
      const key = keyFromJson(`${where}, key ${keyId}`, record, storeKey);
      if (key.keyId !== keyId)
        throw new StoreFormatError(`${where} is damaged: key ${keyId} holds key ${key.keyId}`);
      keys.set(name, key);
    }
  }
  for (const [scoped, record] of Object.entries(entry.aliases)) {
    const [region, aliasName] = splitScopedName(scoped, defaultRegion);
    const name = scopedName(region, aliasName);
    if (record === null) aliases.delete(name);
    else {
      const alias = aliasFromJson(`${where}, alias ${aliasName}`, record);
      if (alias.aliasName !== aliasName)
        throw new StoreFormatError(
          `${where} is damaged: alias ${aliasName} holds ${alias.aliasName}`,
        );
      aliases.set(name, alias);
    }
  }
}

/** The journal file, open for appending; only the server holding the store's lock writes it. */
export class JournalFile {
  #size: number;
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.#size = size;
  }

  /** Opens (or creates, 0600) the journal, emptied: the caller has just written a snapshot. */
  static async open(path: string): Promise<JournalFile> {
    const handle = await open(path, 'a+', FILE_MODE);
    await handle.chmod(FILE_MODE);
    const journal = new JournalFile(path, handle, (await handle.stat()).size);
    if (journal.size > 0) await journal.clear();
    return journal;
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a line and waits until it is on disk; on failure, the journal is as it was. */
  async append(line: string): Promise<void> {
    const bytes = Buffer.from(line, 'utf8');
    try {
      // A write may take only part of the line (a file size limit, a nearly full disk):
      // write the rest, and let the next write say why it cannot.
      for (let written = 0; written < bytes.length; ) {
        const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written);
        if (bytesWritten === 0)
          throw Object.assign(new Error('nothing was written'), { code: 'EIO' });
        written += bytesWritten;
      }
      await this.handle.datasync();
    } catch (error) {
      // A partial line (a full disk) must not stay in front of the next one.
      await this.handle.truncate(this.#size).catch(() => undefined);
      throw error;
    }
    this.#size += bytes.length;
  }

  /** Empties the journal, once a snapshot holds everything it held. */
  async clear(): Promise<void> {
    await this.handle.truncate(0);
    await this.handle.sync();
    this.#size = 0;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
