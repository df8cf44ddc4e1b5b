import 'fake-indexeddb/auto';
import { createKms, type KeySpec, type KeyUsageType, type StoredKey } from '@kms-lab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type KmsLabDb, openKmsLabDb } from '../src/kms/db';
import { HistoryStore } from '../src/kms/history-store';
import { IdbKeyStore, type StoreTopic } from '../src/kms/idb-key-store';

// fake-indexeddb stores values by Node's structuredClone, which clones CryptoKeys, so the
// non-extractable master keys make the same round trip here as in a browser's IndexedDB.

const opened: KmsLabDb[] = [];
let dbCounter = 0;
async function freshDb(name = `kms-lab-test-${++dbCounter}`) {
  const db = await openKmsLabDb(name);
  opened.push(db);
  return { db, name };
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function aesKey(extractable: boolean) {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, extractable, [
    'encrypt',
    'decrypt',
  ]);
}

function storedKey(secret: StoredKey['materials'][number]['secret']): StoredKey {
  return {
    keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    createdAt: new Date('2026-01-02T03:04:05Z'),
    description: 'test',
    keyUsage: 'ENCRYPT_DECRYPT',
    keySpec: 'SYMMETRIC_DEFAULT',
    enabled: true,
    tags: [],
    materials: [
      { keyMaterialId: 'ab'.repeat(32), secret, createdAt: new Date('2026-01-02T03:04:05Z') },
    ],
    rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
  };
}

describe('IdbKeyStore', () => {
  it('keeps a non-extractable CryptoKey and the metadata across a reopen', async () => {
    const { name } = await freshDb();
    const store = new IdbKeyStore(opened[0] as KmsLabDb);
    const key = await aesKey(false);
    await store.putKey(storedKey(key));

    const reopened = new IdbKeyStore((await freshDb(name)).db);
    const back = await reopened.getKey('1234abcd-12ab-34cd-56ef-1234567890ab');
    const secret = back?.materials[0]?.secret as CryptoKey;
    expect(secret).toBeInstanceOf(CryptoKey);
    expect(secret.extractable).toBe(false);
    expect(back?.createdAt).toEqual(new Date('2026-01-02T03:04:05Z'));
    // The clone is the same key: what one encrypts, the other decrypts.
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      key,
      Uint8Array.of(1, 2, 3),
    );
    const opened_ = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, secret, sealed);
    expect([...new Uint8Array(opened_)]).toEqual([1, 2, 3]);
  });

  it('refuses key material as raw bytes, and keeps what was stored', async () => {
    const store = new IdbKeyStore((await freshDb()).db);
    await store.putKey(storedKey(await aesKey(false)));
    await expect(store.putKey(storedKey(new Uint8Array(32)))).rejects.toThrow(/non-extractable/);
    const kept = await store.getKey('1234abcd-12ab-34cd-56ef-1234567890ab');
    expect((kept?.materials[0]?.secret as CryptoKey | undefined)?.extractable).toBe(false);
  });

  it('writes an extractable CryptoKey of a key not made exportable as a non-extractable one with the same bytes', async () => {
    const store = new IdbKeyStore((await freshDb()).db);
    const extractable = await aesKey(true);
    const key = storedKey(extractable);
    await store.putKey(key);
    expect(key.materials[0]?.secret, 'the engine object is not changed').toBe(extractable);
    const kept = (await store.getKey(key.keyId))?.materials[0]?.secret as CryptoKey;
    expect(kept.extractable).toBe(false);
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      extractable,
      Uint8Array.of(7),
    );
    const opened_ = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, kept, sealed);
    expect([...new Uint8Array(opened_)]).toEqual([7]);
  });

  it('tells the sync channel which topic changed', async () => {
    const topics: StoreTopic[] = [];
    const store = new IdbKeyStore((await freshDb()).db, {
      onChange: (topic) => topics.push(topic),
    });
    await store.putKey(storedKey(await aesKey(false)));
    const now = new Date();
    await store.putAlias({
      aliasName: 'alias/a',
      targetKeyId: 'x',
      createdAt: now,
      lastUpdatedAt: now,
    });
    await store.deleteAlias('alias/a');
    expect(topics).toEqual(['keys', 'keys', 'keys']);
  });

  it('serialises exclusive work in the page when Web Locks are missing', async () => {
    const store = new IdbKeyStore((await freshDb()).db);
    const order: string[] = [];
    const slow = store.exclusive(async () => {
      order.push('a start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('a end');
    });
    const failing = store.exclusive(async () => {
      order.push('b');
      throw new Error('b failed');
    });
    const after = store.exclusive(async () => {
      order.push('c');
    });
    await slow;
    await expect(failing).rejects.toThrow('b failed');
    await after;
    expect(order).toEqual(['a start', 'a end', 'b', 'c']);
  });

  it('backs the engine: a blob made before a reload decrypts after it, and rotation persists', async () => {
    const { db, name } = await freshDb();
    const kms = createKms({ store: new IdbKeyStore(db) });
    const { KeyMetadata } = await kms.createKey({});
    const KeyId = KeyMetadata?.KeyId as string;
    await kms.createAlias({ AliasName: 'alias/web', TargetKeyId: KeyId });
    const pair = await kms.generateDataKeyPair({
      KeyId: 'alias/web',
      KeyPairSpec: 'ECC_NIST_P256',
      EncryptionContext: { purpose: 'test' },
    });
    await kms.rotateKeyOnDemand({ KeyId });

    const again = createKms({ store: new IdbKeyStore((await freshDb(name)).db) });
    const decrypted = await again.decrypt({
      CiphertextBlob: pair.PrivateKeyCiphertextBlob,
      EncryptionContext: { purpose: 'test' },
    });
    expect(decrypted.Plaintext).toEqual(pair.PrivateKeyPlaintext);
    const rotations = await again.listKeyRotations({
      KeyId,
      IncludeKeyMaterial: 'ALL_KEY_MATERIAL',
    });
    expect(rotations.Rotations?.map((each) => each.RotationType)).toContain('ON_DEMAND');
    await expect(
      again.decrypt({
        CiphertextBlob: pair.PrivateKeyCiphertextBlob,
        EncryptionContext: { purpose: 'other' },
      }),
    ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });
});

describe('IdbKeyStore with asymmetric and HMAC keys', () => {
  it('keeps each private half as non-extractable CryptoKeys or wrapped bytes; the keys work after a reload', async () => {
    const { db, name } = await freshDb();
    const kms = createKms({ store: new IdbKeyStore(db) });
    const create = async (KeySpec: KeySpec, KeyUsage: KeyUsageType) =>
      (await kms.createKey({ KeySpec, KeyUsage })).KeyMetadata?.KeyId as string;
    const signing = await create('ECC_SECG_P256K1', 'SIGN_VERIFY');
    const agreeing = await create('ECC_NIST_P256', 'KEY_AGREEMENT');
    const mac = await create('HMAC_256', 'GENERATE_VERIFY_MAC');
    const Message = new TextEncoder().encode('signed in the browser');
    const { Signature } = await kms.sign({
      KeyId: signing,
      Message,
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    const { Mac } = await kms.generateMac({ KeyId: mac, Message, MacAlgorithm: 'HMAC_SHA_256' });

    const store = new IdbKeyStore((await freshDb(name)).db);
    expect((await store.getKey(signing))?.privateKey?.secret.kind).toBe('wrapped');
    const held = (await store.getKey(agreeing))?.privateKey?.secret;
    expect(held?.kind).toBe('cryptoKeys');
    for (const key of Object.values(held?.kind === 'cryptoKeys' ? held.keys : {}))
      expect(key.extractable).toBe(false);
    const again = createKms({ store });
    expect(
      (
        await again.verify({
          KeyId: signing,
          Message,
          Signature,
          SigningAlgorithm: 'ECDSA_SHA_256',
        })
      ).SignatureValid,
    ).toBe(true);
    expect(
      (await again.verifyMac({ KeyId: mac, Message, Mac, MacAlgorithm: 'HMAC_SHA_256' })).MacValid,
    ).toBe(true);
    const peer = (await again.getPublicKey({ KeyId: agreeing })).PublicKey;
    const secret = await again.deriveSharedSecret({
      KeyId: agreeing,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: peer,
    });
    expect(secret.SharedSecret).toHaveLength(32);
  });

  it('refuses a private key kept as bytes', async () => {
    const store = new IdbKeyStore((await freshDb()).db);
    const key: StoredKey = {
      ...storedKey(await aesKey(false)),
      keySpec: 'HMAC_256',
      keyUsage: 'GENERATE_VERIFY_MAC',
      materials: [],
      privateKey: { secret: { kind: 'bytes', bytes: new Uint8Array(32) } },
    };
    await expect(store.putKey(key)).rejects.toThrow(/non-extractable/);
    expect(await store.getKey(key.keyId)).toBeUndefined();
  });
});

describe('HistoryStore', () => {
  it('keeps public keys and blobs, newest first, and refuses a record with a plaintext private key', async () => {
    const history = new HistoryStore((await freshDb()).db);
    await history.add({
      at: new Date(1),
      operation: 'GenerateDataKeyPair',
      publicKey: Uint8Array.of(1),
    });
    await history.add({
      at: new Date(2),
      operation: 'Decrypt',
      privateKeyCiphertextBlob: Uint8Array.of(2),
    });
    expect((await history.list()).map((record) => record.operation)).toEqual([
      'Decrypt',
      'GenerateDataKeyPair',
    ]);
    const leaking = {
      at: new Date(3),
      operation: 'GenerateDataKeyPair',
      PrivateKeyPlaintext: Uint8Array.of(9),
    };
    await expect(history.add(leaking)).rejects.toThrow(/never hold plaintext private keys/);
    expect(await history.list()).toHaveLength(2);
  });
});
