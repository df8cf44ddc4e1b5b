import { describe, expect, it } from 'vitest';
import { makeBundle, readBundle } from '../src/features/generate/bundle';

describe('response bundle', () => {
  const fields = {
    operation: 'GenerateDataKeyPair',
    keyId: 'arn:aws:kms:us-east-1:111122223333:key/k',
    keyPairSpec: 'SM2',
    keyMaterialId: 'ab'.repeat(32),
    publicKey: Uint8Array.of(1, 2, 3),
    blob: Uint8Array.of(4, 5, 6, 255),
    encryptionContext: { purpose: 'x' },
  };

  it('round-trips through JSON text into what Decrypt needs, bytes as base64', () => {
    const text = JSON.stringify(makeBundle(fields));
    expect(JSON.parse(text).PrivateKeyCiphertextBlob).toBe('BAUG/w==');
    expect(readBundle(text)).toEqual({
      blob: Uint8Array.of(4, 5, 6, 255),
      encryptionContext: { purpose: 'x' },
      aad: undefined,
    });
  });

  it('never carries a plaintext private key', () => {
    const bundle = makeBundle({ ...fields, privateKey: Uint8Array.of(9) } as typeof fields);
    expect(Object.keys(bundle).some((key) => /plaintext|private.*key$/i.test(key))).toBe(false);
  });

  it('says what is wrong with a file that is not a bundle', () => {
    expect(() => readBundle('nope')).toThrow('The file is not JSON.');
    expect(() => readBundle('{}')).toThrow(/no PrivateKeyCiphertextBlob/);
    expect(() => readBundle('{"CiphertextBlob":"AAAA","EncryptionContext":{"a":1}}')).toThrow(
      /map strings to strings/,
    );
    expect(() => readBundle('{"CiphertextBlob":"!!"}')).toThrow(/Not base64/);
  });
});
