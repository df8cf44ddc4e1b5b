import { createPrivateKey, createPublicKey } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKms, KEY_PAIR_SPECS, type SupportedDataKeyPairSpec } from '../src/index.js';
import { createThreadedKeyPairGenerator } from '../src/node/index.js';
import { Node26, node26Available } from './support/node26.js';

const SPECS = Object.keys(KEY_PAIR_SPECS) as SupportedDataKeyPairSpec[];

/**
 * The public key OpenSSL derives from the private key: node:crypto's for the specs Node 20
 * reads, OpenSSL 3.5's (Node 26) for ML-KEM, which Node 20 cannot read.
 */
async function derivedPublicKey(
  spec: SupportedDataKeyPairSpec,
  privateKey: Uint8Array,
  publicKey: Uint8Array,
): Promise<Uint8Array | undefined> {
  if (KEY_PAIR_SPECS[spec].family === 'ml-kem') {
    if (!node26Available) return undefined;
    const openssl = new Node26();
    try {
      return (await openssl.readKeys(publicKey, privateKey)).derivedSpki;
    } finally {
      openssl.close();
    }
  }
  const parsed = createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' });
  return new Uint8Array(createPublicKey(parsed).export({ format: 'der', type: 'spki' }));
}

// The workers run the built dist/node/key-pair-worker.js: `pnpm build` comes first.
describe('createThreadedKeyPairGenerator (worker_threads)', () => {
  const threaded = createThreadedKeyPairGenerator({ threads: 2, specs: SPECS });
  afterAll(() => threaded.close());

  it('generates every spec on worker threads, as OpenSSL reads them', async () => {
    const pairs = await Promise.all(
      SPECS.map(async (spec) => [spec, await threaded.generateKeyPair(spec, crypto)] as const),
    );
    for (const [spec, { publicKey, privateKey }] of pairs) {
      const derived = await derivedPublicKey(spec, privateKey, publicKey);
      // Without Node 26 (not Linux x64), ML-KEM pairs are checked in ml-kem-keygen.test.ts only.
      if (derived !== undefined) expect(derived, spec).toEqual(publicKey);
    }
  });

  it('serves the engine: a pair made on a worker decrypts to the same PKCS #8', async () => {
    const kms = createKms({ generateKeyPair: threaded.generateKeyPair });
    const { KeyMetadata } = await kms.createKey({});
    const pair = await kms.generateDataKeyPair({
      KeyId: KeyMetadata?.KeyId as string,
      KeyPairSpec: 'SM2',
    });
    const { Plaintext } = await kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob });
    expect(Plaintext).toEqual(pair.PrivateKeyPlaintext);
  });

  it('gives distinct pairs to concurrent callers', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 8 }, () => threaded.generateKeyPair('ECC_SECG_P256K1', crypto)),
    );
    const keys = new Set(pairs.map(({ publicKey }) => Buffer.from(publicKey).toString('hex')));
    expect(keys.size).toBe(8);
  });

  it("keeps libuv's thread pool free: AES-GCM answers while four RSA_4096 generations run", async () => {
    const generator = createThreadedKeyPairGenerator({ threads: 2 });
    const finished: string[] = [];
    const rsa = Array.from({ length: 4 }, () =>
      generator.generateKeyPair('RSA_4096', crypto).then(() => finished.push('RSA_4096')),
    );
    // Node's WebCrypto would have put all four on libuv's four threads, and AES-GCM behind them.
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
    ]);
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: new Uint8Array(12) },
      key,
      new Uint8Array(32),
    );
    finished.push('AES-GCM');
    await Promise.all(rsa);
    expect(finished[0]).toBe('AES-GCM');
    await generator.close();
  });

  it('refuses work beyond its queue with ThrottlingException, at once', async () => {
    const generator = createThreadedKeyPairGenerator({ threads: 1, maxPending: 2 });
    const admitted = [
      generator.generateKeyPair('RSA_2048', crypto),
      generator.generateKeyPair('RSA_2048', crypto),
    ];
    await expect(generator.generateKeyPair('SM2', crypto)).rejects.toMatchObject({
      name: 'ThrottlingException',
      message:
        'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.',
    });
    await Promise.all(admitted);
    await expect(generator.generateKeyPair('SM2', crypto)).resolves.toHaveProperty('publicKey');
    await generator.close();
  });

  it('refuses a thread count that is not a positive integer', () => {
    expect(() => createThreadedKeyPairGenerator({ threads: 0 })).toThrow(RangeError);
    expect(() => createThreadedKeyPairGenerator({ threads: 1.5 })).toThrow(/positive integer/);
  });

  it('fails generations after close, instead of hanging', async () => {
    const short = createThreadedKeyPairGenerator({ threads: 1 });
    await short.generateKeyPair('SM2', crypto);
    await short.close();
    await expect(short.generateKeyPair('SM2', crypto)).rejects.toThrow(/closed/);
    // By default only the slow JavaScript-generated specs go to threads; WebCrypto's, and
    // ML-KEM's (as fast as a trip to a worker), stay here.
    const { publicKey } = await short.generateKeyPair('ECC_NIST_P256', crypto);
    expect(
      createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' })
        .asymmetricKeyType,
    ).toBe('ec');
    const mlKem = await short.generateKeyPair('ML_KEM_768', crypto);
    expect(mlKem.privateKey).toHaveLength(86);
  });
});
