import { describe, expect, it } from 'vitest';
import { createKms, generateKeyPair, MemoryKeyStore } from '../src/index.js';
import type { SupportedDataKeyPairSpec } from '../src/keypairs/specs.js';
import type { CryptoProvider } from '../src/keypairs/types.js';

describe('warm key pair pool', () => {
  it('hands out each pooled pair once, refills after every take, and never stores a pair', async () => {
    const generated: string[] = [];
    const store = new MemoryKeyStore();
    const kms = createKms({
      store,
      pool: { ECC_NIST_P384: 2 },
      generateKeyPair: async (spec: SupportedDataKeyPairSpec, crypto: CryptoProvider) => {
        const pair = await generateKeyPair(spec, crypto);
        generated.push(Buffer.from(pair.publicKey).toString('hex'));
        return pair;
      },
    });
    await kms.pool?.warm();
    expect(kms.pool?.available('ECC_NIST_P384')).toBe(2);
    const pooled = new Set(generated);

    const { KeyMetadata } = await kms.createKey({});
    const first = await kms.generateDataKeyPair({
      KeyId: KeyMetadata?.KeyId,
      KeyPairSpec: 'ECC_NIST_P384',
    });
    const second = await kms.generateDataKeyPair({
      KeyId: KeyMetadata?.KeyId,
      KeyPairSpec: 'ECC_NIST_P384',
    });
    const hex = (bytes: Uint8Array | undefined) => Buffer.from(bytes as Uint8Array).toString('hex');
    expect(pooled.has(hex(first.PublicKey))).toBe(true);
    expect(pooled.has(hex(second.PublicKey))).toBe(true);
    expect(hex(first.PublicKey)).not.toBe(hex(second.PublicKey));

    await kms.pool?.warm();
    expect(kms.pool?.available('ECC_NIST_P384')).toBe(2);
    expect(generated).toHaveLength(4);
    // Specs without a pool generate on demand.
    await kms.generateDataKeyPair({ KeyId: KeyMetadata?.KeyId, KeyPairSpec: 'ECC_NIST_P256' });
    expect(generated).toHaveLength(5);

    const stored = JSON.stringify(await store.listKeys());
    for (const publicKey of generated) expect(stored).not.toContain(publicKey);
    kms.close();
    expect(kms.pool?.available('ECC_NIST_P384')).toBe(0);
  });

  it('falls back to direct generation when the pool is empty or its generator failed', async () => {
    let calls = 0;
    const kms = createKms({
      pool: { ECC_NIST_P256: 1 },
      generateKeyPair: async (spec, crypto) => {
        calls++;
        if (calls === 1) throw new Error('background generation failed');
        return generateKeyPair(spec, crypto);
      },
    });
    await kms.pool?.warm();
    expect(kms.pool?.available('ECC_NIST_P256')).toBe(0);
    const { KeyMetadata } = await kms.createKey({});
    const pair = await kms.generateDataKeyPair({
      KeyId: KeyMetadata?.KeyId,
      KeyPairSpec: 'ECC_NIST_P256',
    });
    expect(pair.PublicKey?.length).toBeGreaterThan(0);
    await kms.pool?.warm();
    expect(kms.pool?.available('ECC_NIST_P256')).toBe(1);
    kms.close();
  });

  it('refills only after the request that took a pair has encrypted it', async () => {
    const events: string[] = [];
    const subtle = new Proxy(crypto.subtle, {
      get(target, name) {
        const value = Reflect.get(target, name, target);
        if (name !== 'encrypt') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: Parameters<SubtleCrypto['encrypt']>) => {
          events.push('encrypt');
          return target.encrypt(...args);
        };
      },
    });
    const watched = { getRandomValues: crypto.getRandomValues.bind(crypto), subtle };
    const kms = createKms({
      crypto: watched as unknown as Crypto,
      pool: { ECC_NIST_P256: 1 },
      generateKeyPair: (spec, provider) => {
        events.push('generate');
        return generateKeyPair(spec, provider);
      },
    });
    await kms.pool?.warm();
    const { KeyMetadata } = await kms.createKey({});
    events.length = 0;
    await kms.generateDataKeyPair({ KeyId: KeyMetadata?.KeyId, KeyPairSpec: 'ECC_NIST_P256' });
    expect(events).toEqual(['encrypt', 'generate']);
    await kms.pool?.warm();
    expect(kms.pool?.available('ECC_NIST_P256')).toBe(1);
    kms.close();
  });

  it('serves RSA_4096 from the pool', async () => {
    const kms = createKms({ pool: { RSA_4096: 1 } });
    await kms.pool?.warm();
    const { KeyMetadata } = await kms.createKey({});
    const pair = await kms.generateDataKeyPair({
      KeyId: KeyMetadata?.KeyId,
      KeyPairSpec: 'RSA_4096',
    });
    expect(pair.KeyPairSpec).toBe('RSA_4096');
    const { Plaintext } = await kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob });
    expect(Plaintext).toEqual(pair.PrivateKeyPlaintext);
    kms.close();
  });
});
