/**
 * ML-KEM data key pairs without the engine: the unrolled Keccak against @noble/hashes, the
 * encapsulation key of keypairs/ml-kem-keygen.ts against @noble/post-quantum's ML-KEM.KeyGen
 * for random seeds and against the IETF LAMPS example keys, randomness only from the provider,
 * and encapsulation and decapsulation with a pair's DER keys. OpenSSL 3.5 checks the same pairs
 * in engine-ml-kem-data-keys.test.ts.
 */
import { keccakP, sha3_512, shake128, shake256 } from '@noble/hashes/sha3.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  absorbOneBlock,
  keccakF1600,
  SHA3_512_RATE,
  SHA3_DOMAIN,
  SHAKE_DOMAIN,
  SHAKE128_RATE,
  SHAKE256_RATE,
  squeezeBytes,
} from '../src/hashes/keccak.js';
import {
  type CryptoProvider,
  decapsulateWithPrivateKey,
  encapsulateWithPublicKey,
  generateKeyPair,
  KEY_PAIR_SPECS,
  mlKemKeyPairFromSeed,
  mlKemSpec,
  parseModuleLatticePrivateKeyInfo,
  signWithPrivateKey,
} from '../src/index.js';
import { mlKemEncapsulationKey } from '../src/keypairs/ml-kem-keygen.js';
import { repeatableCrypto } from './support/module-lattice.js';
import vectors from './vectors/module-lattice-keys.json' with { type: 'json' };

const ML_KEM_SPECS = ['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'] as const;
const NOBLE = {
  'ML-KEM-512': ml_kem512,
  'ML-KEM-768': ml_kem768,
  'ML-KEM-1024': ml_kem1024,
} as const;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

describe('Keccak-f[1600] and the sponge calls', () => {
  it('permutes every state as @noble/hashes does', () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 50, maxLength: 50 }), (words) => {
        const theirs = Uint32Array.from(words);
        const ours = new Int32Array(Uint32Array.from(words).buffer);
        keccakP(theirs);
        keccakF1600(ours);
        expect(new Uint32Array(ours.buffer)).toEqual(theirs);
      }),
    );
  });

  it('gives SHA3-512, SHAKE128 and SHAKE256 of one short block, over several squeezes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 71 }), (input) => {
        const state = new Int32Array(50);
        const squeeze = (rate: number, blocks: number) => {
          const out = new Uint8Array(rate * blocks);
          for (let block = 0; block < blocks; block++) {
            if (block > 0) keccakF1600(state);
            squeezeBytes(state, out, block * rate, rate);
          }
          return out;
        };
        absorbOneBlock(state, input, SHA3_512_RATE, SHA3_DOMAIN);
        expect(squeeze(SHA3_512_RATE, 1).subarray(0, 64)).toEqual(sha3_512(input));
        absorbOneBlock(state, input, SHAKE128_RATE, SHAKE_DOMAIN);
        expect(squeeze(SHAKE128_RATE, 3)).toEqual(shake128(input, { dkLen: 3 * SHAKE128_RATE }));
        absorbOneBlock(state, input, SHAKE256_RATE, SHAKE_DOMAIN);
        expect(squeeze(SHAKE256_RATE, 2)).toEqual(shake256(input, { dkLen: 2 * SHAKE256_RATE }));
      }),
    );
    expect(() =>
      absorbOneBlock(new Int32Array(50), new Uint8Array(72), SHA3_512_RATE, SHA3_DOMAIN),
    ).toThrow('shorter than a block');
  });
});

describe.each(ML_KEM_SPECS)('%s data key pairs', (spec) => {
  const info = mlKemSpec(spec);

  it('the encapsulation key of any seed is @noble/post-quantum’s ML-KEM.KeyGen’s', () => {
    fc.assert(
      fc.property(bytes(64), (seed) => {
        expect(hex(mlKemEncapsulationKey(info.parameterSet, seed))).toBe(
          hex(NOBLE[info.parameterSet].keygen(seed).publicKey),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('the LAMPS example key’s seed gives its SPKI and PKCS #8 byte for byte, 86 bytes', () => {
    const vector = vectors.vectors.find(({ parameterSet }) => parameterSet === info.parameterSet);
    const pair = mlKemKeyPairFromSeed(spec, fromHex(vector?.seed as string));
    expect(Buffer.from(pair.publicKey).toString('base64')).toBe(vector?.spki);
    expect(Buffer.from(pair.privateKey).toString('base64')).toBe(vector?.pkcs8Seed);
    expect(pair.privateKey).toHaveLength(86);
    expect(pair.publicKey).toHaveLength(22 + info.publicKeyBytes);
  });

  it('encapsulates to the public key and decapsulates with the private key, the 32-byte K', async () => {
    const pair = await generateKeyPair(spec, globalThis.crypto);
    const { sharedSecret, ciphertext } = encapsulateWithPublicKey(
      spec,
      pair.publicKey,
      globalThis.crypto,
    );
    expect(sharedSecret).toHaveLength(32);
    expect(ciphertext).toHaveLength(info.ciphertextBytes);
    expect(decapsulateWithPrivateKey(spec, pair.privateKey, ciphertext)).toEqual(sharedSecret);
    // FIPS 203's implicit rejection: a changed ciphertext gives another 32 bytes, no error.
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    const rejected = decapsulateWithPrivateKey(spec, pair.privateKey, ciphertext);
    expect(rejected).toHaveLength(32);
    expect(rejected).not.toEqual(sharedSecret);
  });

  it('refuses keys of another level or family, a ciphertext of another length, and signing', async () => {
    const other = spec === 'ML_KEM_768' ? 'ML_KEM_512' : 'ML_KEM_768';
    const pair = await generateKeyPair(spec, globalThis.crypto);
    const otherPair = await generateKeyPair(other, globalThis.crypto);
    const otherName = mlKemSpec(other).parameterSet;
    expect(() => encapsulateWithPublicKey(spec, otherPair.publicKey, globalThis.crypto)).toThrow(
      `${spec}: the public key is ${otherName}, not ${info.parameterSet}`,
    );
    const { ciphertext } = encapsulateWithPublicKey(other, otherPair.publicKey, globalThis.crypto);
    expect(() => decapsulateWithPrivateKey(spec, pair.privateKey, ciphertext)).toThrow(
      `${spec}: the ciphertext is ${ciphertext.length} bytes, expected ${info.ciphertextBytes}`,
    );
    const p256 = await generateKeyPair('ECC_NIST_P256', globalThis.crypto);
    expect(() => encapsulateWithPublicKey(spec, p256.publicKey, globalThis.crypto)).toThrow(
      'is not ML-DSA or ML-KEM',
    );
    expect(() =>
      encapsulateWithPublicKey('ECC_NIST_P256', pair.publicKey, globalThis.crypto),
    ).toThrow('Data key pair spec ECC_NIST_P256 is not a ML-KEM spec');
    await expect(
      signWithPrivateKey(spec, pair.privateKey, new Uint8Array(1), globalThis.crypto),
    ).rejects.toThrow(`${spec} key pairs do not sign`);
  });
});

describe('ML-KEM-512 private keys in the expandedKey and both forms (the LAMPS examples)', () => {
  const vector = vectors.vectors.find(({ parameterSet }) => parameterSet === 'ML-KEM-512');
  const fromBase64 = (text: string | undefined) =>
    new Uint8Array(Buffer.from(text ?? '', 'base64'));

  it('decapsulate what was encapsulated to the example public key', () => {
    const spki = fromBase64(vector?.spki);
    for (const form of [vector?.pkcs8Seed, vector?.pkcs8Expanded, vector?.pkcs8Both]) {
      const { sharedSecret, ciphertext } = encapsulateWithPublicKey(
        'ML_KEM_512',
        spki,
        globalThis.crypto,
      );
      expect(decapsulateWithPrivateKey('ML_KEM_512', fromBase64(form), ciphertext)).toEqual(
        sharedSecret,
      );
    }
  });

  it('refuses a both form whose expanded key is not the seed’s', () => {
    const both = fromBase64(vector?.pkcs8Both);
    const { seed } = parseModuleLatticePrivateKeyInfo(both);
    // The last byte of the DER is the expanded key's last byte (z's last byte).
    both[both.length - 1] = (both[both.length - 1] ?? 0) ^ 1;
    expect(seed).toHaveLength(64);
    expect(() => decapsulateWithPrivateKey('ML_KEM_512', both, new Uint8Array(768))).toThrow(
      "the private key's seed and expanded key do not match",
    );
  });
});

describe('randomness comes only from the injected provider', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(ML_KEM_SPECS)(
    '%s: the same random bytes give the same pair and encapsulation',
    async (spec) => {
      const global = vi.spyOn(globalThis.crypto, 'getRandomValues');
      const run = async (crypto: CryptoProvider) => {
        const pair = await generateKeyPair(spec, crypto);
        return { pair, encapsulation: encapsulateWithPublicKey(spec, pair.publicKey, crypto) };
      };
      const first = await run(repeatableCrypto());
      const second = await run(repeatableCrypto());
      expect(second).toEqual(first);
      expect(global).not.toHaveBeenCalled();
      // The provider's first 64 bytes are the seed d || z.
      const seed = repeatableCrypto().getRandomValues(new Uint8Array(64));
      expect(parseModuleLatticePrivateKeyInfo(first.pair.privateKey).seed).toEqual(seed);
    },
  );

  it('the table lists the three ML-KEM specs with their FIPS 203 sizes', () => {
    expect(
      ML_KEM_SPECS.map((spec) => {
        const { parameterSet, publicKeyBytes, ciphertextBytes, privateKeyBytes } = KEY_PAIR_SPECS[
          spec
        ] as ReturnType<typeof mlKemSpec>;
        return [parameterSet, publicKeyBytes, ciphertextBytes, privateKeyBytes];
      }),
    ).toEqual([
      ['ML-KEM-512', 800, 768, 86],
      ['ML-KEM-768', 1184, 1088, 86],
      ['ML-KEM-1024', 1568, 1568, 86],
    ]);
  });
});
