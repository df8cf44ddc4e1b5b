import 'fake-indexeddb/auto';
import { createKms, type StoredKey } from '@kms-lab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type KmsLabDb, openKmsLabDb } from '../src/kms/db';
import {
  EXPORTABLE_TAG,
  EXPORTABLE_TAG_KEY,
  extractableAesCrypto,
  materialIsExportable,
} from '../src/kms/exportable';
import { IdbKeyStore } from '../src/kms/idb-key-store';

const opened: KmsLabDb[] = [];
let counter = 0;
async function engine() {
  const db = await openKmsLabDb(`kms-lab-exportable-${++counter}`);
  opened.push(db);
  const store = new IdbKeyStore(db);
  return { store, kms: createKms({ store, crypto: extractableAesCrypto(globalThis.crypto) }) };
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const secrets = (key: StoredKey | undefined) =>
  (key?.materials ?? []).map((material) => material.secret as CryptoKey);

describe('exportable master keys', () => {
  it('keep extractable material only when made with the tag; rotation keeps it so; others stay non-extractable', async () => {
    const { store, kms } = await engine();
    const plain = (await kms.createKey({})).KeyMetadata?.KeyId as string;
    const exportable = (await kms.createKey({ Tags: [EXPORTABLE_TAG] })).KeyMetadata
      ?.KeyId as string;
    await kms.rotateKeyOnDemand({ KeyId: exportable });
    await kms.rotateKeyOnDemand({ KeyId: plain });

    const plainKey = await store.getKey(plain);
    expect(secrets(plainKey).map((secret) => secret.extractable)).toEqual([false, false]);
    expect(materialIsExportable(plainKey as StoredKey)).toBe(false);
    const exportableKey = await store.getKey(exportable);
    expect(secrets(exportableKey).map((secret) => secret.extractable)).toEqual([true, true]);
    expect(materialIsExportable(exportableKey as StoredKey)).toBe(true);
    // The exported bytes are the key: a blob made before decrypts under an import of them.
    const raw = await crypto.subtle.exportKey('raw', secrets(exportableKey)[1] as CryptoKey);
    expect(new Uint8Array(raw)).toHaveLength(32);

    // Removing the tag ends it: the next write seals the material.
    await kms.untagResource({ KeyId: exportable, TagKeys: [EXPORTABLE_TAG_KEY] });
    const untagged = await store.getKey(exportable);
    expect(secrets(untagged).map((secret) => secret.extractable)).toEqual([false, false]);
  });

  it('leave the private halves of asymmetric keys wrapped under non-extractable keys', async () => {
    const { store, kms } = await engine();
    const keyId = (
      await kms.createKey({
        KeySpec: 'ECC_SECG_P256K1',
        KeyUsage: 'SIGN_VERIFY',
        Tags: [EXPORTABLE_TAG],
      })
    ).KeyMetadata?.KeyId as string;
    const secret = (await store.getKey(keyId))?.privateKey?.secret;
    expect(secret?.kind).toBe('wrapped');
    if (secret?.kind === 'wrapped') expect(secret.wrappingKey.extractable).toBe(false);
    const signed = await kms.sign({
      KeyId: keyId,
      Message: Uint8Array.of(1),
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(signed.Signature?.length).toBeGreaterThan(60);
  });
});
