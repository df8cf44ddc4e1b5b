/**
 * Known answers for ML-KEM (FIPS 203) and ML-DSA (FIPS 204): a selection of C2SP Project
 * Wycheproof's vectors (test/vectors/ml-kem-kat.json, ml-dsa-kat.json, written by
 * scripts/import-wycheproof.mjs), run through the code that makes data key pairs and KMS keys:
 * key generation from a seed, the seed-form PKCS #8, encapsulation with a given m,
 * decapsulation (implicit rejection included), ML-DSA signing with rnd = 0 (FIPS 204's
 * deterministic variant, which gives Wycheproof's signatures byte for byte) for RAW and
 * EXTERNAL_MU, and verification of valid and invalid signatures.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { hex } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { moduleLatticeParameterSet } from '../src/der/module-lattice-key.js';
import { encodeSubjectPublicKeyInfo } from '../src/der/subject-public-key-info.js';
import {
  type CryptoProvider,
  type DataKeyPairSpec,
  decapsulateWithPrivateKey,
  encapsulateWithPublicKey,
  mlKemKeyPairFromSeed,
  parseModuleLatticePublicKey,
} from '../src/index.js';
import { mlKemEncapsulationKey } from '../src/keypairs/ml-kem-keygen.js';
import { privateKeyAccessFromBytes } from '../src/kms-keys/access.js';
import {
  generateMlDsaKeyMaterial,
  signMlDsa,
  verifyMlDsa,
} from '../src/kms-keys/ml-dsa-signing.js';
import type { MlDsaKeySpec } from '../src/kms-keys/specs.js';

interface MlKemVectors {
  specs: Record<
    'ML_KEM_512' | 'ML_KEM_768' | 'ML_KEM_1024',
    {
      keyGeneration: { tcId: number; seed: string; ekSha256: string; dkSha256: string }[];
      decapsulation: {
        tcId: number;
        comment?: string;
        seed: string;
        ekSha256: string;
        c: string;
        K?: string;
        result: 'valid' | 'invalid';
      }[];
      encapsulation: {
        tcId: number;
        comment?: string;
        m: string;
        ek: string;
        cSha256?: string;
        K?: string;
        result: 'valid' | 'invalid';
      }[];
    }
  >;
}

interface MlDsaVectors {
  specs: Record<
    MlDsaKeySpec,
    {
      signing: {
        seed: string;
        privateKeyPkcs8: string;
        publicKeySha256: string;
        tests: { tcId: number; msg: string; mu: string; sig: string }[];
      }[];
      verification: {
        publicKeyDer: string;
        tests: {
          tcId: number;
          comment?: string;
          flags: string[];
          msg: string;
          sig: string;
          result: 'valid' | 'invalid';
        }[];
      }[];
    }
  >;
}

const readVectors = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')) as T;
const ML_KEM_VECTORS = readVectors<MlKemVectors>('ml-kem-kat.json');
const ML_DSA_VECTORS = readVectors<MlDsaVectors>('ml-dsa-kat.json');

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NOBLE_KEM = { ML_KEM_512: ml_kem512, ML_KEM_768: ml_kem768, ML_KEM_1024: ml_kem1024 };

/** Real WebCrypto, with getRandomValues answering the given bytes in turn: the KAT's inputs. */
function providerAnswering(...answers: Uint8Array[]): CryptoProvider {
  const queue = [...answers];
  return {
    subtle: globalThis.crypto.subtle,
    getRandomValues<T extends ArrayBufferView | null>(array: T): T {
      const next = queue.shift();
      if (array === null || next === undefined || next.length !== array.byteLength)
        throw new Error(`the test expected no request for ${array?.byteLength} random bytes`);
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(next);
      return array;
    },
  };
}

/** An SPKI holding any bytes as the key, so that keys of the wrong length can be offered. */
function spkiOf(spec: DataKeyPairSpec | MlDsaKeySpec, publicKey: Uint8Array): Uint8Array {
  const set = moduleLatticeParameterSet(spec.replaceAll('_', '-'));
  if (set === undefined) throw new Error(`no parameter set for ${spec}`);
  return encodeSubjectPublicKeyInfo(set.oid, { kind: 'absent' }, publicKey);
}

/** An ML-DSA KMS key's DER from a given seed, made by the code that makes KMS keys. */
function mlDsaKeyFromSeed(spec: MlDsaKeySpec, seed: string) {
  const { publicKey, privateKey } = generateMlDsaKeyMaterial(
    spec,
    providerAnswering(hex.decode(seed)),
  );
  if (publicKey === undefined) throw new Error(`${spec} made no public key`);
  return { publicKey, privateKey };
}

describe.each(Object.entries(ML_KEM_VECTORS.specs))('%s (FIPS 203)', (name, vectors) => {
  const spec = name as DataKeyPairSpec & keyof typeof NOBLE_KEM;
  const parameterSet = spec.replace(/_/g, '-') as 'ML-KEM-512' | 'ML-KEM-768' | 'ML-KEM-1024';

  it.each(vectors.keyGeneration)('key generation, case $tcId: the seed gives ek and dk', (t) => {
    const seed = hex.decode(t.seed);
    expect(sha256(mlKemEncapsulationKey(parameterSet, seed))).toBe(t.ekSha256);
    // The data key pair's SPKI carries that ek; decapsulation expands the seed to dk.
    const pair = mlKemKeyPairFromSeed(spec, seed);
    expect(sha256(parseModuleLatticePublicKey(pair.publicKey).publicKey)).toBe(t.ekSha256);
    expect(sha256(NOBLE_KEM[spec].keygen(seed).secretKey)).toBe(t.dkSha256);
  });

  it.each(vectors.decapsulation)('decapsulation, case $tcId ($result): $comment', (t) => {
    const pair = mlKemKeyPairFromSeed(spec, hex.decode(t.seed));
    expect(sha256(parseModuleLatticePublicKey(pair.publicKey).publicKey)).toBe(t.ekSha256);
    const ciphertext = hex.decode(t.c);
    if (t.result === 'valid') {
      // Valid includes implicit rejection: a random or altered ciphertext gives J(z || c).
      expect(hex.encode(decapsulateWithPrivateKey(spec, pair.privateKey, ciphertext))).toBe(t.K);
    } else {
      expect(() => decapsulateWithPrivateKey(spec, pair.privateKey, ciphertext)).toThrow(
        /the ciphertext is \d+ bytes/,
      );
    }
  });

  it.each(vectors.encapsulation)('encapsulation, case $tcId ($result): $comment', (t) => {
    const spki = spkiOf(spec, hex.decode(t.ek));
    const provider = providerAnswering(hex.decode(t.m));
    if (t.result === 'valid') {
      const { sharedSecret, ciphertext } = encapsulateWithPublicKey(spec, spki, provider);
      expect(hex.encode(sharedSecret)).toBe(t.K);
      expect(sha256(ciphertext)).toBe(t.cSha256);
    } else {
      // A key of the wrong length, or one failing FIPS 203's modulus check, is refused.
      expect(() => encapsulateWithPublicKey(spec, spki, provider)).toThrow();
    }
  });
});

describe.each(Object.entries(ML_DSA_VECTORS.specs))('%s (FIPS 204)', (name, vectors) => {
  const spec = name as MlDsaKeySpec;
  const RND_ZERO = new Uint8Array(32);

  describe.each(vectors.signing.map((group, index) => ({ index, ...group })))(
    'key from seed $index',
    (group) => {
      it('the seed gives the public key and, byte for byte, the seed-form PKCS #8', () => {
        const material = mlDsaKeyFromSeed(spec, group.seed);
        expect(hex.encode(material.privateKey)).toBe(group.privateKeyPkcs8);
        expect(sha256(parseModuleLatticePublicKey(material.publicKey).publicKey)).toBe(
          group.publicKeySha256,
        );
      });

      it.each(group.tests)(
        'case $tcId: RAW and EXTERNAL_MU sign as FIPS 204 with rnd = 0; both verify',
        async (t) => {
          const material = mlDsaKeyFromSeed(spec, group.seed);
          const access = privateKeyAccessFromBytes(material.privateKey, globalThis.crypto);
          const message = hex.decode(t.msg);
          const mu = hex.decode(t.mu);
          const raw = await signMlDsa(spec, access, 'RAW', message, providerAnswering(RND_ZERO));
          const external = await signMlDsa(
            spec,
            access,
            'EXTERNAL_MU',
            mu,
            providerAnswering(RND_ZERO),
          );
          expect(hex.encode(raw)).toBe(t.sig);
          expect(hex.encode(external)).toBe(t.sig);
          const signature = hex.decode(t.sig);
          expect(verifyMlDsa(spec, material.publicKey, 'RAW', message, signature)).toBe(true);
          expect(verifyMlDsa(spec, material.publicKey, 'EXTERNAL_MU', mu, signature)).toBe(true);
        },
      );
    },
  );

  const verificationCases = vectors.verification.flatMap(({ publicKeyDer, tests }) =>
    tests.map((t) => ({ publicKeyDer, ...t, flagList: t.flags.join(', ') || 'no flags' })),
  );
  it.each(verificationCases)('verification, case $tcId ($result): $flagList', (t) => {
    const spki = hex.decode(t.publicKeyDer);
    const verify = () => verifyMlDsa(spec, spki, 'RAW', hex.decode(t.msg), hex.decode(t.sig));
    if (t.flags.includes('IncorrectPublicKeyLength')) {
      // Such a key cannot be a KMS key's: the SPKI itself is refused.
      expect(verify).toThrow(/key must be \d+ bytes/);
    } else {
      expect(verify()).toBe(t.result === 'valid');
    }
  });
});
