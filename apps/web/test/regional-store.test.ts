import 'fake-indexeddb/auto';
import { createKms, createKmsPartition, MemoryKeyStore } from '@kms-lab/core';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, openKmsLabDb } from '../src/kms/db';
import { IdbRegionalKeyStore } from '../src/kms/idb-regional-store';

const opened: { close(): void }[] = [];
let counter = 0;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function partitionOver(name: string) {
  const db = await openKmsLabDb(name);
  opened.push(db);
  const stores = await IdbRegionalKeyStore.open(db, 'us-east-1');
  return { db, stores, partition: createKmsPartition({ stores, defaultRegion: 'us-east-1' }) };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('the IndexedDB store of every Region', () => {
  it('upgrades a version 1 database, keeping its keys and aliases in the default Region', async () => {
    const name = `regional-upgrade-${++counter}`;
    // A key made as version 1 of the app made them, written by version 1's schema.
    const memory = new MemoryKeyStore();
    const old = createKms({ store: memory });
    const { KeyMetadata } = await old.createKey({ Description: 'from version 1' });
    const KeyId = KeyMetadata?.KeyId as string;
    await old.createAlias({ AliasName: 'alias/kept', TargetKeyId: KeyId });
    const { CiphertextBlob } = await old.encrypt({
      KeyId,
      Plaintext: new TextEncoder().encode('made before Regions'),
    });
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('keys', { keyPath: 'keyId' });
        db.createObjectStore('aliases', { keyPath: 'aliasName' });
        db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
        db.createObjectStore('meta', { keyPath: 'name' });
      },
    });
    await v1.put('keys', await memory.getKey(KeyId));
    await v1.put('aliases', await memory.getAlias('alias/kept'));
    v1.close();

    const { db, stores, partition } = await partitionOver(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'aliases',
      'history',
      'keys',
      'meta',
      'regional-aliases',
      'regional-keys',
    ]);
    expect(stores.regions()).toEqual(['us-east-1']);
    const east = partition.region();
    expect((await east.listAliases({})).Aliases?.map((alias) => alias.AliasName)).toContain(
      'alias/kept',
    );
    const { Plaintext } = await east.decrypt({ CiphertextBlob });
    expect(text(Plaintext)).toBe('made before Regions');
  });

  it('keeps a replica in its Region, across a reopening; a ciphertext of one Region decrypts in the other', async () => {
    const name = `regional-replica-${++counter}`;
    const first = await partitionOver(name);
    const east = first.partition.region();
    const { KeyMetadata } = await east.createKey({ MultiRegion: true });
    const KeyId = KeyMetadata?.KeyId as string;
    expect(KeyId).toMatch(/^mrk-/);
    await east.replicateKey({ KeyId, ReplicaRegion: 'eu-west-1' });
    const { CiphertextBlob } = await east.encrypt({
      KeyId,
      Plaintext: new TextEncoder().encode('across Regions'),
    });
    first.db.close();

    const second = await partitionOver(name);
    expect(second.stores.regions()).toEqual(['eu-west-1', 'us-east-1']);
    // The default Region's store holds its own key only; the replica is eu-west-1's.
    expect((await second.stores.forRegion('us-east-1').listKeys()).length).toBe(1);
    expect(await second.stores.otherRegionsKeys()).toEqual([
      { region: 'eu-west-1', keyId: KeyId, primaryRegion: 'us-east-1' },
    ]);
    const west = second.partition.region('eu-west-1');
    const { Plaintext } = await west.decrypt({ CiphertextBlob, KeyId });
    expect(text(Plaintext)).toBe('across Regions');
    // Asked of the primary, in its Region.
    await second.partition.region().updatePrimaryRegion({ KeyId, PrimaryRegion: 'eu-west-1' });
    const described = await second.partition.region().describeKey({ KeyId });
    expect(described.KeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType).toBe('REPLICA');
    expect(described.KeyMetadata?.MultiRegionConfiguration?.PrimaryKey?.Region).toBe('eu-west-1');
  });
});
