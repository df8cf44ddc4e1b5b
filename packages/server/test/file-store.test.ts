import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createKms, type StoredKey } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import { FileKeyStore, KeyStoreFileError, STORE_FORMAT, STORE_VERSION } from '../src/index.js';
import { directoryPerTest } from './support/server.js';

const directory = directoryPerTest();

const storeFile = () => join(directory.path, 'nested', 'keys.json');
const fileJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));
/** The store as its files hold it now: the snapshot's records with the journal's lines applied. */
const storedJson = async (path: string) => {
  const snapshot = await fileJson(path);
  // Records are named `<region> <keyId or alias name>` in the journal (the store format's README).
  const keys = new Map<string, unknown>(
    snapshot.keys.map((key: { region: string; keyId: string }) => [
      `${key.region} ${key.keyId}`,
      key,
    ]),
  );
  const aliases = new Map<string, unknown>(
    snapshot.aliases.map((alias: { region: string; aliasName: string }) => [
      `${alias.region} ${alias.aliasName}`,
      alias,
    ]),
  );
  const journal = await readFile(`${path}.journal`, 'utf8').catch(() => '');
  for (const line of journal.split('\n').filter(Boolean)) {
    const change = JSON.parse(line) as {
      keys: Record<string, unknown>;
      aliases: Record<string, unknown>;
    };
    for (const [id, key] of Object.entries(change.keys))
      key === null ? keys.delete(id) : keys.set(id, key);
    for (const [name, alias] of Object.entries(change.aliases))
      alias === null ? aliases.delete(name) : aliases.set(name, alias);
  }
  return { ...snapshot, keys: [...keys.values()], aliases: [...aliases.values()] };
};

/** A store of one good key, changed by `change` (and its key list by `list`), as file text. */
function damaged(
  change: (key: ReturnType<typeof goodKeyJson>) => object,
  list: (keys: object[]) => object[] = (keys) => keys,
): string {
  return JSON.stringify({
    format: STORE_FORMAT,
    version: 1,
    keys: list([change(goodKeyJson())]),
    aliases: [],
  });
}

function goodKeyJson() {
  return {
    keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    createdAt: '2026-01-01T00:00:00.000Z',
    description: '',
    keyUsage: 'ENCRYPT_DECRYPT',
    keySpec: 'SYMMETRIC_DEFAULT',
    enabled: true,
    tags: [],
    materials: [
      {
        keyMaterialId: 'ab'.repeat(32),
        secret: Buffer.alloc(32).toString('base64'),
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ],
    rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
  };
}

const K1 = '11111111-1111-4111-8111-111111111111';
const K2 = '22222222-2222-4222-8222-222222222222';

function sampleKey(keyId: string): StoredKey {
  return {
    keyId,
    createdAt: new Date('2026-01-01T00:00:00.123Z'),
    description: 'sample',
    keyUsage: 'ENCRYPT_DECRYPT',
    keySpec: 'SYMMETRIC_DEFAULT',
    enabled: true,
    tags: [{ TagKey: 'k', TagValue: 'v' }],
    materials: [
      {
        keyMaterialId: 'ab'.repeat(32),
        secret: new Uint8Array(32).fill(9),
        createdAt: new Date('2026-01-01T00:00:00.123Z'),
      },
    ],
    rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
  };
}

describe('FileKeyStore', () => {
  it('creates the file 0600 in a new 0700 directory, holding an empty store with its marker', async () => {
    const store = await FileKeyStore.open(storeFile());
    expect(store.holdsCryptoKeys).toBe(false);
    expect((await stat(storeFile())).mode & 0o777).toBe(0o600);
    expect((await stat(join(directory.path, 'nested'))).mode & 0o777).toBe(0o700);
    expect(await fileJson(storeFile())).toEqual({
      format: STORE_FORMAT,
      version: STORE_VERSION,
      keys: [],
      aliases: [],
    });
  });

  it('keeps every record, dates and bytes included, across a reopen', async () => {
    const store = await FileKeyStore.open(storeFile());
    await store.putKey(sampleKey(K1));
    const alias = {
      aliasName: 'alias/a',
      targetKeyId: K1,
      createdAt: new Date(1),
      lastUpdatedAt: new Date(2),
    };
    await store.putAlias(alias);
    await store.close();
    const reopened = await FileKeyStore.open(storeFile());
    expect(await reopened.getKey(K1)).toEqual(sampleKey(K1));
    expect(await reopened.listAliases()).toEqual([alias]);
    await reopened.deleteAlias('alias/a');
    await reopened.deleteKey(K1);
    expect(await storedJson(storeFile())).toMatchObject({ keys: [], aliases: [] });
    await reopened.close();
    // No temporary files, and no lock, are left behind.
    expect(await readdir(join(directory.path, 'nested'))).toEqual([
      'keys.json',
      'keys.json.journal',
      'keys.json.key',
    ]);
  });

  it('keeps key policies, grants and grant tokens across restarts, from the journal and from the snapshot', async () => {
    const role = 'arn:aws:iam::111122223333:role/Worker';
    const store = await FileKeyStore.open(storeFile());
    const { KeyMetadata } = await createKms({ store }).createKey({});
    const KeyId = KeyMetadata?.KeyId as string;
    const granted = await createKms({ store }).createGrant({
      KeyId,
      Name: 'worker',
      GranteePrincipal: role,
      RetiringPrincipal: role,
      Operations: ['GenerateDataKeyPair', 'Decrypt'],
      Constraints: { EncryptionContextSubset: { tenant: 'a' } },
    });
    const second = await createKms({ store }).createGrant({
      KeyId,
      GranteePrincipal: role,
      Operations: ['Encrypt'],
    });
    const before = await createKms({ store }).listGrants({ KeyId });
    const policy = (await createKms({ store }).getKeyPolicy({ KeyId })).Policy?.replace(
      'key-default-1',
      'key-custom-1',
    );
    await createKms({ store }).putKeyPolicy({ KeyId, Policy: policy });
    await store.close();
    // First reopen: the grants come from the journal; the second, from the snapshot.
    for (let restart = 0; restart < 2; restart++) {
      const reopened = await FileKeyStore.open(storeFile());
      const kms = createKms({ store: reopened });
      expect((await kms.listGrants({ KeyId })).Grants).toEqual(before.Grants);
      expect((await kms.getKeyPolicy({ KeyId })).Policy).toBe(policy);
      await kms.generateDataKeyPairWithoutPlaintext({
        KeyId,
        KeyPairSpec: 'ECC_NIST_P256',
        GrantTokens: [granted.GrantToken as string, second.GrantToken as string],
      });
      await reopened.close();
    }
    const reopened = await FileKeyStore.open(storeFile());
    const kms = createKms({ store: reopened });
    await kms.retireGrant({ GrantToken: granted.GrantToken });
    await reopened.close();
    const last = await FileKeyStore.open(storeFile());
    expect(
      (await createKms({ store: last }).listGrants({ KeyId })).Grants?.map((g) => g.GrantId),
    ).toEqual([second.GrantId]);
    await last.close();
  });

  it('wraps private keys under the store key file; without that file the store is refused, untouched', async () => {
    const store = await FileKeyStore.open(storeFile());
    const kms = createKms({ store });
    const { KeyMetadata } = await kms.createKey({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
    });
    const KeyId = KeyMetadata?.KeyId as string;
    const Message = new TextEncoder().encode('kept');
    const { Signature } = await kms.sign({ KeyId, Message, SigningAlgorithm: 'ECDSA_SHA_256' });
    await store.close();
    expect((await stat(`${storeFile()}.key`)).mode & 0o777).toBe(0o600);
    const record = (await storedJson(storeFile())).keys[0];
    expect(Object.keys(record.privateKey).sort()).toEqual(['publicKey', 'wrappedSecret']);

    const reopened = await FileKeyStore.open(storeFile());
    const again = createKms({ store: reopened });
    expect(
      (await again.verify({ KeyId, Message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }))
        .SignatureValid,
    ).toBe(true);
    await reopened.close();

    const text = await readFile(storeFile(), 'utf8');
    const key = await readFile(`${storeFile()}.key`, 'utf8');
    await writeFile(`${storeFile()}.key`, `${Buffer.alloc(32, 1).toString('base64')}\n`);
    await expect(FileKeyStore.open(storeFile())).rejects.toThrow(
      /does not open with the store key/,
    );
    await writeFile(`${storeFile()}.key`, 'not a key');
    await expect(FileKeyStore.open(storeFile())).rejects.toThrow(/is not a KMS Lab store key/);
    await rm(`${storeFile()}.key`);
    const refusal = await FileKeyStore.open(storeFile()).catch((error: Error) => error);
    expect(refusal).toBeInstanceOf(KeyStoreFileError);
    expect((refusal as Error).message).toMatch(/store key file beside the store is missing/);
    // Refused, not re-keyed: no new key file, and the store as it was.
    await expect(stat(`${storeFile()}.key`)).rejects.toThrow();
    expect(await readFile(storeFile(), 'utf8')).toBe(text);
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
  });

  it('hands out copies: changing a returned record changes nothing stored', async () => {
    const store = await FileKeyStore.open(storeFile());
    await store.putKey(sampleKey(K1));
    const copy = (await store.getKey(K1)) as StoredKey;
    copy.description = 'changed';
    (copy.materials[0] as { secret: Uint8Array }).secret.fill(0);
    expect(await store.getKey(K1)).toEqual(sampleKey(K1));
  });

  it('a transaction commits once when it ends, and a failed one changes neither store nor file', async () => {
    const store = await FileKeyStore.open(storeFile());
    await store.exclusive(async () => {
      await store.putKey(sampleKey(K1));
      await store.putKey(sampleKey(K2));
      // Inside, the transaction sees its own writes; the file does not yet.
      expect(await store.getKey(K2)).toBeDefined();
      expect((await storedJson(storeFile())).keys).toEqual([]);
    });
    expect((await storedJson(storeFile())).keys).toHaveLength(2);
    const before = await readFile(storeFile(), 'utf8');
    await expect(
      store.exclusive(async () => {
        await store.deleteKey(K1);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.getKey(K1)).toBeDefined();
    expect(await readFile(storeFile(), 'utf8')).toBe(before);
  });

  it('a write that cannot reach the disk fails and leaves the store as it was', async () => {
    const store = await FileKeyStore.open(storeFile());
    await store.putKey(sampleKey(K1));
    const broken = sampleKey(K2);
    // A CryptoKey cannot be written to a file: the commit fails before anything is replaced.
    const cryptoKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
    ]);
    (broken.materials[0] as { secret: unknown }).secret = cryptoKey;
    await expect(store.putKey(broken)).rejects.toThrow(/bytes, not CryptoKeys/);
    expect(await store.getKey(K2)).toBeUndefined();
    expect((await storedJson(storeFile())).keys).toHaveLength(1);
  });

  it('serialises concurrent writes: 200 keys created at once are all in the file', async () => {
    const store = await FileKeyStore.open(storeFile());
    const kms = createKms({ store });
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) => kms.createKey({ Description: `key ${i}` })),
    );
    const ids = created.map((output) => output.KeyMetadata?.KeyId).sort();
    const inFile = (await storedJson(storeFile())).keys.map((key: { keyId: string }) => key.keyId);
    expect(inFile.sort()).toEqual(ids);
  });

  it('refuses a file another store holds open, and takes over a lock its dead holder left', async () => {
    const store = await FileKeyStore.open(storeFile());
    const second = await FileKeyStore.open(storeFile()).catch((caught: unknown) => caught);
    expect(second).toBeInstanceOf(KeyStoreFileError);
    expect((second as Error).message).toContain(`${storeFile()} is in use by this process`);
    await store.putKey(sampleKey(K1));
    await store.close();
    await expect(store.putKey(sampleKey(K2))).rejects.toThrow(/is closed/);

    // A crashed server leaves its lock behind, naming a process that no longer runs.
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    await writeFile(`${storeFile()}.lock`, `${dead}\n`);
    const reopened = await FileKeyStore.open(storeFile());
    expect(await reopened.getKey(K1)).toEqual(sampleKey(K1));
    expect(await readFile(`${storeFile()}.lock`, 'utf8')).toMatch(
      new RegExp(`^${process.pid} \\d*\\n$`),
    );
    await reopened.close();
  });

  it.each([
    ['not JSON', 'this is not json {', /it is not JSON/],
    ['JSON of someone else', '{"keys": [], "aliases": []}', /not a KMS Lab key store/],
    ['a JSON array', '[1, 2, 3]', /not a KMS Lab key store/],
    [
      'a later version',
      `{"format": "${STORE_FORMAT}", "version": 6, "keys": [], "aliases": []}`,
      /version 6; this server reads versions 1, 2, 3, 4, 5/,
    ],
    [
      'a damaged record',
      `{"format": "${STORE_FORMAT}", "version": 1, "keys": [{"keyId": 7}], "aliases": []}`,
      /keys\[0\]: 'keyId' must be a string/,
    ],
    // Records KMS Lab never writes: each would fail a request later (500s, lost keys).
    [
      'an unknown key spec',
      damaged((key) => ({ ...key, keySpec: 'BOGUS_SPEC' })),
      /keys\[0\]: 'keySpec' must be one of/,
    ],
    [
      'a key ID that is not one',
      damaged((key) => ({ ...key, keyId: 'a/b' })),
      /keys\[0\]: 'keyId' must be a key ID/,
    ],
    [
      'a malformed key material ID',
      damaged((key) => ({ ...key, materials: [{ ...key.materials[0], keyMaterialId: 'zz' }] })),
      /keyMaterialId' must be 64 lowercase hex/,
    ],
    [
      'a grant with an unknown operation',
      damaged((key) => ({
        ...key,
        grantTokenKey: Buffer.alloc(32).toString('base64'),
        grants: [
          {
            grantId: 'cd'.repeat(32),
            createdAt: '2026-01-01T00:00:00.000Z',
            granteePrincipal: 'arn:aws:iam::111122223333:root',
            issuingAccount: 'arn:aws:iam::111122223333:root',
            operations: ['Decrypt', 'Launch'],
          },
        ],
      })),
      /keys\[0\]\.grants\[0\]\.operations\[1\] is not a grant operation/,
    ],
    [
      'grants without the key that authenticates their tokens',
      damaged((key) => ({
        ...key,
        grants: [
          {
            grantId: 'cd'.repeat(32),
            createdAt: '2026-01-01T00:00:00.000Z',
            granteePrincipal: 'arn:aws:iam::111122223333:root',
            issuingAccount: 'arn:aws:iam::111122223333:root',
            operations: ['Decrypt'],
          },
        ],
      })),
      /a key with grants must have a 'grantTokenKey'/,
    ],
    [
      'a symmetric key without material',
      damaged((key) => ({ ...key, materials: [] })),
      /must have key material/,
    ],
    [
      'a key ID twice',
      damaged(
        (key) => key,
        (keys) => [...keys, ...keys],
      ),
      /keys\[1\]: key ID .* is already keys\[0\]'s/,
    ],
  ])('refuses %s and leaves it byte-identical', async (_, text, reason) => {
    await writeFile(join(directory.path, 'foreign.json'), text, { mode: 0o644 });
    const path = join(directory.path, 'foreign.json');
    const error = await FileKeyStore.open(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeyStoreFileError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toContain(path);
    expect(await readFile(path, 'utf8')).toBe(text);
    expect((await stat(path)).mode & 0o777).toBe(0o644);
  });
});
