// The store's journal: a write appends the records it changed and does not rewrite the
// snapshot; a torn last line (a crash mid-append) is dropped; any other damage refuses the
// store; the journal is compacted into the snapshot once it outgrows it; a version 1 store
// (one file, rewritten at every change) is taken over as it is.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createKms } from '@kms-lab/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { FileKeyStore, journalPath, KeyStoreFileError, readKeyStoreFiles } from '../src/index.js';
import { directoryPerTest } from './support/server.js';

const directory = directoryPerTest();
let dataFile: string;
beforeEach(() => {
  dataFile = join(directory.path, 'keys.json');
});

const lines = async () =>
  (await readFile(journalPath(dataFile), 'utf8')).split('\n').filter(Boolean);

describe('the journal', () => {
  it('takes each write as one appended line; the snapshot is not rewritten', async () => {
    const store = await FileKeyStore.open(dataFile);
    const snapshot = await readFile(dataFile, 'utf8');
    const kms = createKms({ store });
    const { KeyMetadata } = await kms.createKey({ Description: 'journalled' });
    await kms.createAlias({ AliasName: 'alias/j', TargetKeyId: KeyMetadata?.KeyId });
    expect(await readFile(dataFile, 'utf8')).toBe(snapshot);
    const written = (await lines()).map((line) => JSON.parse(line));
    expect(written).toHaveLength(2);
    expect(Object.keys(written[0].keys)).toEqual([`us-east-1 ${KeyMetadata?.KeyId}`]);
    expect(Object.keys(written[1].aliases)).toEqual(['us-east-1 alias/j']);
    await store.close();
    // A clean stop compacts: the snapshot alone holds the store.
    expect(await readFile(journalPath(dataFile), 'utf8')).toBe('');
    expect((await readKeyStoreFiles(dataFile)).aliases.map((alias) => alias.aliasName)).toEqual([
      'alias/j',
    ]);
  });

  it('drops a torn last line (a crash in the middle of an append) and keeps the rest', async () => {
    const store = await FileKeyStore.open(dataFile);
    const kms = createKms({ store });
    const kept = (await kms.createKey({ Description: 'acknowledged' })).KeyMetadata?.KeyId;
    const journal = await readFile(journalPath(dataFile), 'utf8');
    // A crash: the process holds no lock any more, and the journal ends in half a line.
    await writeFile(journalPath(dataFile), `${journal}{"keys":{"x":{"keyId`);
    await writeFile(`${dataFile}.lock`, '999999999 0\n');
    const reopened = await FileKeyStore.open(dataFile);
    expect((await reopened.listKeys()).map((key) => key.keyId)).toEqual([kept]);
    await reopened.close();
    void store;
  });

  it('refuses a store whose journal is damaged before its last line, untouched', async () => {
    const store = await FileKeyStore.open(dataFile);
    const kms = createKms({ store });
    await kms.createKey({});
    await kms.createKey({});
    const journal = await readFile(journalPath(dataFile), 'utf8');
    const damaged = journal.replace('"keyId"', '"keyld"');
    await writeFile(journalPath(dataFile), damaged);
    await writeFile(`${dataFile}.lock`, '999999999 0\n');
    const error = await FileKeyStore.open(dataFile).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeyStoreFileError);
    expect((error as Error).message).toMatch(/journal line 1, key .*: 'keyId' must be a string/);
    expect(await readFile(journalPath(dataFile), 'utf8')).toBe(damaged);
    void store;
  });

  it('is compacted into the snapshot once it outgrows it', async () => {
    const store = await FileKeyStore.open(dataFile, { compactJournalAt: 4096 });
    const kms = createKms({ store });
    for (let index = 0; index < 12; index++) await kms.createKey({ Description: `key ${index}` });
    // Twelve lines of about 500 bytes: at least one compaction, after which lines start over.
    expect((await lines()).length).toBeLessThan(12);
    const snapshot = JSON.parse(await readFile(dataFile, 'utf8'));
    expect(snapshot.keys.length + (await lines()).length).toBe(12);
    expect((await readKeyStoreFiles(dataFile)).keys).toHaveLength(12);
    await store.close();
  });

  it('takes over a version 1 store: its keys work and it is written again as version 4', async () => {
    const old = await FileKeyStore.open(dataFile);
    const kms = createKms({ store: old });
    const { KeyMetadata } = await kms.createKey({});
    const { CiphertextBlob } = await kms.encrypt({
      KeyId: KeyMetadata?.KeyId,
      Plaintext: new Uint8Array([7]),
    });
    await old.close();
    // Version 1 records have no Region.
    const version1 = (await readFile(dataFile, 'utf8'))
      .replace('"version": 5', '"version": 1')
      .replace(/\n\s*"region": "us-east-1",/g, '');
    expect(version1).not.toContain('"region"');
    await writeFile(dataFile, version1);
    await writeFile(journalPath(dataFile), '');
    const store = await FileKeyStore.open(dataFile);
    expect(JSON.parse(await readFile(dataFile, 'utf8')).version).toBe(5);
    const decrypted = await createKms({ store }).decrypt({ CiphertextBlob });
    expect(decrypted.Plaintext).toEqual(new Uint8Array([7]));
    await store.close();
  });
});
