// The engine on two WebCrypto implementations: Node's native one and @peculiar/webcrypto.
// A ciphertext made on one decrypts on the other, which cross-checks their AES-GCM and
// the engine's use of it.
import { Crypto as PeculiarCrypto } from '@peculiar/webcrypto';
import { describe, expect, it } from 'vitest';
import {
  createKms,
  KEY_PAIR_SPECS,
  MemoryKeyStore,
  parsePrivateKeyInfo,
  type SupportedDataKeyPairSpec,
} from '../src/index.js';
import { rejection } from './support/kms.js';

/** A memory store that keeps raw key material, as a file store does. */
class RawMaterialStore extends MemoryKeyStore {
  override readonly holdsCryptoKeys = false;
}

const peculiar = new PeculiarCrypto();

describe('the engine on @peculiar/webcrypto', () => {
  // Every spec but the slow RSA ones; ML-KEM pairs too, which need only its random bytes and
  // AES-GCM (the generation is JavaScript).
  it.each(
    (Object.keys(KEY_PAIR_SPECS) as SupportedDataKeyPairSpec[]).filter(
      (spec) => !spec.startsWith('RSA_') || spec === 'RSA_2048',
    ),
  )('%s: generates and decrypts', async (spec) => {
    const kms = createKms({ crypto: peculiar });
    const { KeyMetadata } = await kms.createKey({});
    const pair = await kms.generateDataKeyPair({
      KeyId: KeyMetadata?.KeyId,
      KeyPairSpec: spec,
      EncryptionContext: { on: 'peculiar' },
    });
    const { Plaintext } = await kms.decrypt({
      CiphertextBlob: pair.PrivateKeyCiphertextBlob,
      EncryptionContext: { on: 'peculiar' },
    });
    expect(Plaintext).toEqual(pair.PrivateKeyPlaintext);
  });

  it('a blob sealed on one implementation opens on the other, both ways', async () => {
    const store = new RawMaterialStore();
    const native = createKms({ store, crypto: globalThis.crypto });
    const other = createKms({ store, crypto: peculiar });
    const { KeyMetadata } = await native.createKey({});
    const keyId = KeyMetadata?.KeyId as string;
    const context = { cross: 'check' };

    const fromNative = await native.generateDataKeyPair({
      KeyId: keyId,
      KeyPairSpec: 'ECC_NIST_P256',
      EncryptionContext: context,
    });
    expect(
      (
        await other.decrypt({
          CiphertextBlob: fromNative.PrivateKeyCiphertextBlob,
          EncryptionContext: context,
        })
      ).Plaintext,
    ).toEqual(fromNative.PrivateKeyPlaintext);
    const fromPeculiar = await other.encrypt({
      KeyId: keyId,
      Plaintext: new Uint8Array([1, 2, 3]),
      EncryptionContext: context,
    });
    expect(
      (
        await native.decrypt({
          CiphertextBlob: fromPeculiar.CiphertextBlob,
          EncryptionContext: context,
        })
      ).Plaintext,
    ).toEqual(new Uint8Array([1, 2, 3]));
    expect(
      (await rejection(native.decrypt({ CiphertextBlob: fromPeculiar.CiphertextBlob }))).name,
    ).toBe('InvalidCiphertextException');
  });
});

describe('master key material', () => {
  it('is a non-extractable AES-256-GCM CryptoKey where the store keeps CryptoKeys', async () => {
    const store = new MemoryKeyStore();
    const kms = createKms({ store });
    const { KeyMetadata } = await kms.createKey({});
    await kms.rotateKeyOnDemand({ KeyId: KeyMetadata?.KeyId });
    const stored = await store.getKey(KeyMetadata?.KeyId as string);
    expect(stored?.materials).toHaveLength(2);
    for (const material of stored?.materials ?? []) {
      const key = material.secret as CryptoKey;
      expect(key).toBeInstanceOf(CryptoKey);
      expect(key.extractable).toBe(false);
      expect(key.algorithm).toEqual({ name: 'AES-GCM', length: 256 });
      await expect(globalThis.crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    }
  });

  it('never stores a plaintext private key', async () => {
    const store = new MemoryKeyStore();
    const kms = createKms({ store });
    const { KeyMetadata } = await kms.createKey({});
    const pair = await kms.generateDataKeyPair({
      KeyId: KeyMetadata?.KeyId,
      KeyPairSpec: 'ECC_SECG_P256K1',
    });
    const dump = JSON.stringify(await store.listKeys(), (_key, value) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value,
    );
    const scalar = parsePrivateKeyInfo(pair.PrivateKeyPlaintext as Uint8Array).privateKey;
    expect(scalar).toHaveLength(32);
    expect(dump).toContain(KeyMetadata?.KeyId);
    expect(dump).not.toContain(Buffer.from(scalar).toString('hex'));
  });
});
