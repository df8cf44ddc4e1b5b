import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKms, MemoryKeyStore } from '../src/index.js';
import { createNodeCrypto } from '../src/node/index.js';

/**
 * createNodeCrypto's AES-GCM (node:crypto's cipher on the CryptoKey's KeyObject) against
 * Node's WebCrypto: the same bytes both ways, the same refusals, and engines on either read
 * each other's ciphertexts.
 */
const webCrypto = globalThis.crypto;
const nodeCrypto = createNodeCrypto();
const bytes = (buffer: ArrayBuffer) => new Uint8Array(buffer);

async function aesKey(length: 128 | 256, usages: KeyUsage[] = ['encrypt', 'decrypt']) {
  return webCrypto.subtle.generateKey({ name: 'AES-GCM', length }, false, usages);
}

const errorName = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: Error) => error.name,
  );

describe('createNodeCrypto', () => {
  it('encrypts and decrypts as WebCrypto does, byte for byte (fast-check)', async () => {
    const keys = { 128: await aesKey(128), 256: await aesKey(256) };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(128 as const, 256 as const),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.option(fc.uint8Array({ maxLength: 300 }), { nil: undefined }),
        fc.uint8Array({ maxLength: 700 }),
        async (length, iv, additionalData, plaintext) => {
          const key = keys[length];
          const params = { name: 'AES-GCM', iv, additionalData };
          const ours = bytes(await nodeCrypto.subtle.encrypt(params, key, plaintext));
          const theirs = bytes(await webCrypto.subtle.encrypt(params, key, plaintext));
          expect(ours).toEqual(theirs);
          expect(bytes(await nodeCrypto.subtle.decrypt(params, key, theirs))).toEqual(plaintext);
          expect(bytes(await webCrypto.subtle.decrypt(params, key, ours))).toEqual(plaintext);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses what WebCrypto refuses, with the same error names', async () => {
    const key = await aesKey(256);
    const iv = new Uint8Array(12);
    const sealed = bytes(await webCrypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, iv));
    const tampered = sealed.slice();
    tampered[0] = (tampered[0] as number) ^ 1;
    const encryptOnly = await aesKey(256, ['encrypt']);
    const cases: Array<[string, (crypto: Crypto) => Promise<unknown>]> = [
      ['a changed ciphertext', (c) => c.subtle.decrypt({ name: 'AES-GCM', iv }, key, tampered)],
      [
        'other additional data',
        (c) => c.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: iv }, key, sealed),
      ],
      ['fewer bytes than a tag', (c) => c.subtle.decrypt({ name: 'AES-GCM', iv }, key, iv)],
      [
        'a key without the decrypt usage',
        (c) => c.subtle.decrypt({ name: 'AES-GCM', iv }, encryptOnly, sealed),
      ],
    ];
    for (const [what, call] of cases) {
      const expected = await errorName(call(webCrypto));
      expect(expected, what).not.toBe('resolved');
      expect(await errorName(call(nodeCrypto as Crypto)), what).toBe(expected);
    }
  });

  it('leaves other IV and tag lengths, and other algorithms, to WebCrypto', async () => {
    const key = await aesKey(256);
    const params = { name: 'AES-GCM', iv: new Uint8Array(16), tagLength: 96 };
    const data = new TextEncoder().encode('sixteen-byte IV, 96-bit tag');
    expect(bytes(await nodeCrypto.subtle.encrypt(params, key, data))).toEqual(
      bytes(await webCrypto.subtle.encrypt(params, key, data)),
    );
    const digest = await nodeCrypto.subtle.digest('SHA-256', data);
    expect(bytes(digest)).toEqual(bytes(await webCrypto.subtle.digest('SHA-256', data)));
  });

  it('gives an engine whose ciphertexts and data key pairs a WebCrypto engine opens, and back', async () => {
    const store = new MemoryKeyStore();
    const fast = createKms({ store, crypto: createNodeCrypto() });
    const plain = createKms({ store });
    const { KeyMetadata } = await plain.createKey({});
    const KeyId = KeyMetadata?.KeyId as string;
    const context = { purpose: 'node-crypto test' };
    for (const [sealer, opener] of [
      [fast, plain],
      [plain, fast],
    ] as const) {
      const { CiphertextBlob } = await sealer.encrypt({
        KeyId,
        Plaintext: new TextEncoder().encode('either way'),
        EncryptionContext: context,
      });
      const { Plaintext } = await opener.decrypt({
        CiphertextBlob,
        EncryptionContext: context,
      });
      expect(new TextDecoder().decode(Plaintext)).toBe('either way');
      const pair = await sealer.generateDataKeyPair({ KeyId, KeyPairSpec: 'ML_KEM_768' });
      const opened = await opener.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob });
      expect(opened.Plaintext).toEqual(pair.PrivateKeyPlaintext);
      const refused = await opener
        .decrypt({ CiphertextBlob, EncryptionContext: { purpose: 'another' } })
        .catch((error: Error) => error.name);
      expect(refused).toBe('InvalidCiphertextException');
    }
  });
});
