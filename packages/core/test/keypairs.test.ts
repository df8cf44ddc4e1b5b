/**
 * Data key pairs of every spec, checked against node:crypto (OpenSSL 3, an independent
 * implementation): parsing, public key derivation, DER structure, and signatures both ways,
 * on Node's WebCrypto and on @peculiar/webcrypto.
 */
import * as nodeCrypto from 'node:crypto';
import { Crypto as PeculiarCrypto } from '@peculiar/webcrypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SM2_CURVE_OID, sm2 } from '../src/curves/sm2.js';
import { decodeEcPrivateKey } from '../src/der/ec-private-key.js';
import { encodeEcKeyPair, encodeEd25519KeyPair } from '../src/der/key-pair.js';
import {
  ID_ALG_ML_KEM_512,
  ID_ALG_ML_KEM_768,
  ID_ALG_ML_KEM_1024,
  ID_EC_PUBLIC_KEY,
  ID_ED25519,
  ID_RSASSA_PSS,
  RSA_ENCRYPTION,
  SM2_CURVE,
} from '../src/der/oids.js';
import { parsePrivateKeyInfo, parseSubjectPublicKeyInfo } from '../src/der/parse-key.js';
import { toPem } from '../src/der/pem.js';
import { decodeOneAsymmetricKey, encodeOneAsymmetricKey } from '../src/der/private-key-info.js';
import { decodeRsaPrivateKey, decodeRsaPublicKey } from '../src/der/rsa-key.js';
import {
  decodeSubjectPublicKeyInfo,
  encodeSubjectPublicKeyInfo,
} from '../src/der/subject-public-key-info.js';
import {
  type CryptoProvider,
  type DerKeyPair,
  generateKeyPair,
  KEY_PAIR_SPECS,
  type KeyPairSpecInfo,
  keyPairSpec,
  type MlKemKeyPairSpec,
  normaliseRsaKeyPair,
  signWithPrivateKey,
  verifyWithPublicKey,
} from '../src/keypairs/index.js';
import type { SupportedDataKeyPairSpec } from '../src/keypairs/specs.js';
import type { SigningAlgorithmSpec } from '../src/model/types.generated.js';

const ALL_SPECS = Object.keys(KEY_PAIR_SPECS) as SupportedDataKeyPairSpec[];
/** The specs that sign. */
type SigningSpecInfo = Exclude<KeyPairSpecInfo, MlKemKeyPairSpec>;
/**
 * The specs node:crypto checks here. ML-KEM pairs neither sign nor read in Node 20's OpenSSL
 * 3.0: ml-kem-keygen.test.ts and engine-ml-kem-data-keys.test.ts (OpenSSL 3.5) check them.
 */
const SPECS = ALL_SPECS.filter((spec) => KEY_PAIR_SPECS[spec].family !== 'ml-kem');
const signingSpec = (spec: SupportedDataKeyPairSpec) => keyPairSpec(spec) as SigningSpecInfo;
const MESSAGE = new TextEncoder().encode('KMS Lab data key pair interop');

const PROVIDERS: readonly { name: string; crypto: CryptoProvider }[] = [
  { name: 'Node WebCrypto', crypto: globalThis.crypto },
  { name: '@peculiar/webcrypto', crypto: new PeculiarCrypto() },
];

/** OpenSSL's names for the curves, as node reports them in asymmetricKeyDetails. */
const NODE_CURVE_NAMES: Partial<Record<SupportedDataKeyPairSpec, string>> = {
  ECC_NIST_P256: 'prime256v1',
  ECC_NIST_P384: 'secp384r1',
  ECC_NIST_P521: 'secp521r1',
  ECC_SECG_P256K1: 'secp256k1',
};

const NODE_DIGESTS: Readonly<Record<string, string>> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  SM3: 'sm3',
};

/** node:crypto's (digest, key options) for an AWS signing algorithm of a spec. */
function nodeSigning(
  info: Readonly<SigningSpecInfo>,
  algorithm: SigningAlgorithmSpec,
): { digest: string | null; options: { padding?: number; saltLength?: number } } {
  const rsa = /^RSASSA_(PSS|PKCS1_V1_5)_SHA_(256|384|512)$/.exec(algorithm);
  if (rsa !== null) {
    const bits = Number(rsa[2]);
    return rsa[1] === 'PSS'
      ? {
          digest: `sha${bits}`,
          options: { padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: bits / 8 },
        }
      : { digest: `sha${bits}`, options: { padding: nodeCrypto.constants.RSA_PKCS1_PADDING } };
  }
  if (info.family === 'ed25519') return { digest: null, options: {} };
  if (info.family === 'rsa') throw new Error(`no node mapping for ${algorithm}`);
  return { digest: NODE_DIGESTS[info.hash] ?? null, options: {} };
}

function nodeKeys(pair: DerKeyPair) {
  return {
    publicKey: nodeCrypto.createPublicKey({
      key: Buffer.from(pair.publicKey),
      format: 'der',
      type: 'spki',
    }),
    privateKey: nodeCrypto.createPrivateKey({
      key: Buffer.from(pair.privateKey),
      format: 'der',
      type: 'pkcs8',
    }),
  };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * Node 20 (OpenSSL 3.0) signs and verifies SM2 with an empty distinguishing ID and has no way
 * to set another, so interop with it uses that ID; the default here is GB/T's 1234567812345678.
 */
const EMPTY_SM2_ID = new Uint8Array(0);
const nodeInteropOptions = (info: Readonly<KeyPairSpecInfo>) =>
  info.family === 'sm2' ? { sm2Id: EMPTY_SM2_ID } : {};

/** The algorithms each spec's signatures are tested with: all of RSA's, the only one of others. */
function testedAlgorithms(info: Readonly<KeyPairSpecInfo>): SigningAlgorithmSpec[] {
  return info.signingAlgorithms.filter((algorithm) => algorithm !== 'ED25519_PH_SHA_512');
}

/** A provider whose every random byte comes from SHA-256 in counter mode over `seed`. */
function deterministicProvider(seed: string, base: CryptoProvider = globalThis.crypto) {
  let counter = 0;
  const getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
    if (array === null) return array;
    const target = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let offset = 0; offset < target.length; offset += 32) {
      const block = nodeCrypto.createHash('sha256').update(`${seed}/${counter}`).digest();
      counter += 1;
      target.set(block.subarray(0, Math.min(32, target.length - offset)), offset);
    }
    return array;
  };
  return { subtle: base.subtle, getRandomValues } satisfies CryptoProvider;
}

function isEd25519(algorithm: AlgorithmIdentifier | undefined): boolean {
  const name = typeof algorithm === 'string' ? algorithm : algorithm?.name;
  return name?.toLowerCase() === 'ed25519';
}

/**
 * A thin wrapper over a real provider that lacks Ed25519: generateKey and importKey reject it
 * the way `rejection()` says, every other call goes through.
 */
function withoutEd25519(base: CryptoProvider, rejection: () => Error) {
  const calls = { rejected: 0 };
  const subtle = new Proxy(base.subtle, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'generateKey') {
        return (algorithm: AlgorithmIdentifier, ...rest: unknown[]) => {
          if (isEd25519(algorithm)) {
            calls.rejected += 1;
            return Promise.reject(rejection());
          }
          return Reflect.apply(value, target, [algorithm, ...rest]);
        };
      }
      if (property === 'importKey') {
        return (
          format: string,
          keyData: unknown,
          algorithm: AlgorithmIdentifier,
          ...rest: unknown[]
        ) => {
          if (isEd25519(algorithm)) {
            calls.rejected += 1;
            return Promise.reject(rejection());
          }
          return Reflect.apply(value, target, [format, keyData, algorithm, ...rest]);
        };
      }
      return value.bind(target);
    },
  });
  const provider: CryptoProvider = {
    subtle,
    getRandomValues: (array) => base.getRandomValues(array),
  };
  return { provider, calls };
}

const generated = new Map<string, DerKeyPair>();
const pairOf = (provider: string, spec: SupportedDataKeyPairSpec): DerKeyPair => {
  const pair = generated.get(`${provider}/${spec}`);
  if (pair === undefined) throw new Error(`no pair for ${provider}/${spec}`);
  return pair;
};

// Each spec once per provider (RSA-4096 is the slow one), in parallel, shared by every test.
beforeAll(async () => {
  await Promise.all(
    PROVIDERS.flatMap(({ name, crypto }) =>
      SPECS.map(async (spec) => {
        generated.set(`${name}/${spec}`, await generateKeyPair(spec, crypto));
      }),
    ),
  );
});

describe.each(PROVIDERS)('key pairs generated on $name', ({ name, crypto }) => {
  describe.each(SPECS)('%s', (spec) => {
    const info = signingSpec(spec);

    it('parses in node:crypto as DER and PEM, which derives the same public key', () => {
      const pair = pairOf(name, spec);
      const { publicKey, privateKey } = nodeKeys(pair);
      const fromPem = {
        publicKey: nodeCrypto.createPublicKey(toPem(pair.publicKey, 'PUBLIC KEY')),
        privateKey: nodeCrypto.createPrivateKey(toPem(pair.privateKey, 'PRIVATE KEY')),
      };
      const spki = (key: nodeCrypto.KeyObject) => key.export({ format: 'der', type: 'spki' });
      expect(hex(spki(publicKey))).toBe(hex(pair.publicKey));
      expect(hex(spki(fromPem.publicKey))).toBe(hex(pair.publicKey));
      expect(hex(spki(nodeCrypto.createPublicKey(privateKey)))).toBe(hex(pair.publicKey));
      expect(hex(spki(nodeCrypto.createPublicKey(fromPem.privateKey)))).toBe(hex(pair.publicKey));
      expect(privateKey.type).toBe('private');
    });

    it('has the expected DER structure', () => {
      const pair = pairOf(name, spec);
      const publicInfo = parseSubjectPublicKeyInfo(pair.publicKey);
      const privateInfo = parsePrivateKeyInfo(pair.privateKey);
      const { publicKey: nodePublic } = nodeKeys(pair);
      expect(publicInfo.algorithmOid).toBe(info.algorithmOid);
      expect(privateInfo.algorithmOid).toBe(info.algorithmOid);
      expect(publicInfo.curveOid).toBe(info.curveOid);
      expect(privateInfo.curveOid).toBe(info.curveOid);
      expect(privateInfo.version).toBe(0);
      expect(decodeOneAsymmetricKey(pair.privateKey).hasAttributes).toBe(false);

      switch (info.family) {
        case 'rsa': {
          const rsaPublic = decodeRsaPublicKey(publicInfo.publicKey);
          const rsaPrivate = decodeRsaPrivateKey(privateInfo.privateKey);
          expect(hex(rsaPrivate.modulus)).toBe(hex(rsaPublic.modulus));
          expect(hex(rsaPublic.publicExponent)).toBe('010001');
          expect(rsaPublic.modulus.length * 8).toBe(info.modulusBits);
          expect(nodePublic.asymmetricKeyType).toBe('rsa');
          expect(nodePublic.asymmetricKeyDetails).toEqual({
            modulusLength: info.modulusBits,
            publicExponent: 65537n,
          });
          // Already canonical: normalising again changes nothing.
          const again = normaliseRsaKeyPair(pair.publicKey, pair.privateKey, info.modulusBits);
          expect(hex(again.publicKey)).toBe(hex(pair.publicKey));
          expect(hex(again.privateKey)).toBe(hex(pair.privateKey));
          break;
        }
        case 'ed25519': {
          expect(publicInfo.publicKey).toHaveLength(32);
          expect(privateInfo.privateKey).toHaveLength(32);
          expect(privateInfo.publicKey).toBeUndefined();
          expect(nodePublic.asymmetricKeyType).toBe('ed25519');
          const again = encodeEd25519KeyPair(privateInfo.privateKey, publicInfo.publicKey);
          expect(hex(again.privateKey)).toBe(hex(pair.privateKey));
          expect(hex(again.publicKey)).toBe(hex(pair.publicKey));
          break;
        }
        default: {
          // The ECPrivateKey inside carries the curve and the public key (RFC 5915).
          const inner = decodeOneAsymmetricKey(pair.privateKey).privateKey;
          const ecPrivateKey = decodeEcPrivateKey(inner);
          expect(ecPrivateKey.curveOid).toBe(info.curveOid);
          expect(ecPrivateKey.privateKey).toHaveLength(info.keyBytes);
          expect(hex(ecPrivateKey.publicKey ?? new Uint8Array())).toBe(hex(publicInfo.publicKey));
          expect(publicInfo.publicKey).toHaveLength(1 + 2 * info.keyBytes);
          expect(publicInfo.publicKey[0]).toBe(0x04);
          if (info.family === 'sm2') {
            // Node 20 parses SM2 keys but names neither their type nor their curve.
            expect(nodePublic.asymmetricKeyDetails).toEqual({});
          } else {
            expect(nodePublic.asymmetricKeyType).toBe('ec');
            expect(nodePublic.asymmetricKeyDetails).toEqual({ namedCurve: NODE_CURVE_NAMES[spec] });
          }
          const again = encodeEcKeyPair({
            curveOid: info.curveOid,
            privateKey: privateInfo.privateKey,
            publicKey: publicInfo.publicKey,
          });
          expect(hex(again.privateKey)).toBe(hex(pair.privateKey));
          expect(hex(again.publicKey)).toBe(hex(pair.publicKey));
        }
      }
    });

    it.each(testedAlgorithms(info))(
      '%s: our signature verifies in node:crypto',
      async (algorithm) => {
        const pair = pairOf(name, spec);
        const { publicKey } = nodeKeys(pair);
        const signature = await signWithPrivateKey(spec, pair.privateKey, MESSAGE, crypto, {
          algorithm,
          ...nodeInteropOptions(info),
        });
        const { digest, options } = nodeSigning(info, algorithm);
        const key = { key: publicKey, ...options };
        expect(nodeCrypto.verify(digest, MESSAGE, key, signature)).toBe(true);
        expect(nodeCrypto.verify(digest, new TextEncoder().encode('other'), key, signature)).toBe(
          false,
        );
      },
    );

    it.each(testedAlgorithms(info))(
      '%s: node:crypto signature verifies with ours',
      async (algorithm) => {
        const pair = pairOf(name, spec);
        const { privateKey } = nodeKeys(pair);
        const { digest, options } = nodeSigning(info, algorithm);
        const signature = new Uint8Array(
          nodeCrypto.sign(digest, MESSAGE, { key: privateKey, ...options }),
        );
        const verify = (message: Uint8Array, candidate: Uint8Array) =>
          verifyWithPublicKey(spec, pair.publicKey, message, candidate, crypto, {
            algorithm,
            ...nodeInteropOptions(info),
          });
        expect(await verify(MESSAGE, signature)).toBe(true);
        const tampered = signature.slice();
        tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
        expect(await verify(MESSAGE, tampered)).toBe(false);
        expect(await verify(new TextEncoder().encode('other'), signature)).toBe(false);
        expect(await verify(MESSAGE, new Uint8Array())).toBe(false);
        expect(await verify(MESSAGE, new Uint8Array([0x30, 0x00]))).toBe(false);
      },
    );
  });
});

describe('the spec table', () => {
  it('covers every SupportedDataKeyPairSpec with consistent OIDs', () => {
    expect([...ALL_SPECS].sort()).toEqual(
      [
        'ECC_NIST_EDWARDS25519',
        'ECC_NIST_P256',
        'ECC_NIST_P384',
        'ECC_NIST_P521',
        'ECC_SECG_P256K1',
        'ML_KEM_1024',
        'ML_KEM_512',
        'ML_KEM_768',
        'RSA_2048',
        'RSA_3072',
        'RSA_4096',
        'SM2',
      ].sort(),
    );
    const ML_KEM_OIDS: Record<string, string> = {
      ML_KEM_512: ID_ALG_ML_KEM_512,
      ML_KEM_768: ID_ALG_ML_KEM_768,
      ML_KEM_1024: ID_ALG_ML_KEM_1024,
    };
    for (const spec of ALL_SPECS) {
      const info = keyPairSpec(spec);
      expect(info.spec).toBe(spec);
      const expectedOid =
        info.family === 'rsa'
          ? RSA_ENCRYPTION
          : info.family === 'ed25519'
            ? ID_ED25519
            : info.family === 'ml-kem'
              ? ML_KEM_OIDS[spec]
              : ID_EC_PUBLIC_KEY;
      expect(info.algorithmOid).toBe(expectedOid);
      // AWS: ML-KEM pairs establish shared secrets; every other spec signs.
      if (info.family === 'ml-kem') {
        expect([info.signingAlgorithms, info.encryptionAlgorithms]).toEqual([[], []]);
        expect(info.encapsulationAlgorithms).toEqual(['ML_KEM']);
      } else {
        expect(info.signingAlgorithms.length).toBeGreaterThan(0);
        expect(info.encapsulationAlgorithms).toEqual([]);
      }
    }
    expect(SM2_CURVE).toBe(SM2_CURVE_OID);
  });

  it('rejects unknown specs and providers without WebCrypto', async () => {
    await expect(
      generateKeyPair('RSA_1024' as SupportedDataKeyPairSpec, globalThis.crypto),
    ).rejects.toThrow("Unknown data key pair spec 'RSA_1024'");
    await expect(generateKeyPair('SM2', undefined as unknown as CryptoProvider)).rejects.toThrow(
      'WebCrypto provider',
    );
  });
});

describe('signing options and key checks', () => {
  it('signs with the default algorithm and rejects algorithms of other specs', async () => {
    const pair = pairOf('Node WebCrypto', 'ECC_NIST_P384');
    const signature = await signWithPrivateKey(
      'ECC_NIST_P384',
      pair.privateKey,
      MESSAGE,
      globalThis.crypto,
    );
    const { publicKey } = nodeKeys(pair);
    expect(nodeCrypto.verify('sha384', MESSAGE, publicKey, signature)).toBe(true);
    await expect(
      signWithPrivateKey('ECC_NIST_P384', pair.privateKey, MESSAGE, globalThis.crypto, {
        algorithm: 'ECDSA_SHA_256',
      }),
    ).rejects.toThrow('ECDSA_SHA_256 is not a signing algorithm of ECC_NIST_P384');
    const ed = pairOf('Node WebCrypto', 'ECC_NIST_EDWARDS25519');
    await expect(
      signWithPrivateKey('ECC_NIST_EDWARDS25519', ed.privateKey, MESSAGE, globalThis.crypto, {
        algorithm: 'ED25519_PH_SHA_512',
      }),
    ).rejects.toThrow('ED25519_PH_SHA_512 is not supported');
  });

  it('refuses a key of another spec', async () => {
    const p256 = pairOf('Node WebCrypto', 'ECC_NIST_P256');
    const rsa2048 = pairOf('Node WebCrypto', 'RSA_2048');
    await expect(
      signWithPrivateKey('ECC_SECG_P256K1', p256.privateKey, MESSAGE, globalThis.crypto),
    ).rejects.toThrow(
      'ECC_SECG_P256K1: the private key is id-ecPublicKey (1.2.840.10045.2.1) on secp256r1 (NIST P-256) (1.2.840.10045.3.1.7), not id-ecPublicKey (1.2.840.10045.2.1) on secp256k1 (1.3.132.0.10)',
    );
    await expect(
      verifyWithPublicKey(
        'RSA_3072',
        rsa2048.publicKey,
        MESSAGE,
        new Uint8Array(384),
        globalThis.crypto,
      ),
    ).rejects.toThrow('RSA_3072: the public key has a 2048-bit modulus, expected 3072');
    await expect(
      signWithPrivateKey('ECC_NIST_EDWARDS25519', p256.publicKey, MESSAGE, globalThis.crypto),
    ).rejects.toThrow('PrivateKeyInfo');
  });

  it('SM2 signs with the default ID 1234567812345678 unless told otherwise', async () => {
    const pair = pairOf('Node WebCrypto', 'SM2');
    const { publicKey } = nodeKeys(pair);
    const verify = (signature: Uint8Array, options: { sm2Id?: Uint8Array }) =>
      verifyWithPublicKey('SM2', pair.publicKey, MESSAGE, signature, globalThis.crypto, options);
    const sign = (options: { sm2Id?: Uint8Array }) =>
      signWithPrivateKey('SM2', pair.privateKey, MESSAGE, globalThis.crypto, options);

    const byDefault = await sign({});
    const withDefaultId = { sm2Id: new TextEncoder().encode('1234567812345678') };
    expect(await verify(byDefault, withDefaultId)).toBe(true);
    expect(await verify(byDefault, { sm2Id: EMPTY_SM2_ID })).toBe(false);
    // OpenSSL 3.0 through node uses the empty ID, so it rejects default-ID signatures.
    expect(nodeCrypto.verify('sm3', MESSAGE, publicKey, byDefault)).toBe(false);

    const id = new TextEncoder().encode('alice@example.com');
    const custom = await sign({ sm2Id: id });
    expect(await verify(custom, { sm2Id: id })).toBe(true);
    expect(await verify(custom, {})).toBe(false);
  });
});

describe('Ed25519 where WebCrypto lacks it', () => {
  const rejections: Record<string, () => Error> = {
    'NotSupportedError (browsers, Node)': () =>
      new DOMException('Unrecognized algorithm name', 'NotSupportedError'),
    "webcrypto-core's AlgorithmError (name 'Error')": () => new Error('Unrecognized name'),
  };

  it.each(Object.entries(rejections))('falls back to @noble/curves on %s', async (_, rejection) => {
    const { provider, calls } = withoutEd25519(globalThis.crypto, rejection);
    const pair = await generateKeyPair('ECC_NIST_EDWARDS25519', provider);
    expect(calls.rejected).toBe(1);
    const { publicKey, privateKey } = nodeKeys(pair);
    expect(
      hex(nodeCrypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' })),
    ).toBe(hex(pair.publicKey));
    const ours = await signWithPrivateKey(
      'ECC_NIST_EDWARDS25519',
      pair.privateKey,
      MESSAGE,
      provider,
    );
    expect(calls.rejected).toBe(2);
    expect(nodeCrypto.verify(null, MESSAGE, publicKey, ours)).toBe(true);
    // Ed25519 is deterministic: the fallback signs exactly as OpenSSL does.
    const theirs = new Uint8Array(nodeCrypto.sign(null, MESSAGE, privateKey));
    expect(hex(ours)).toBe(hex(theirs));
    const verify = (signature: Uint8Array) =>
      verifyWithPublicKey('ECC_NIST_EDWARDS25519', pair.publicKey, MESSAGE, signature, provider);
    expect(await verify(theirs)).toBe(true);
    expect(calls.rejected).toBe(3);
    theirs[0] = (theirs[0] ?? 0) ^ 1;
    expect(await verify(theirs)).toBe(false);
  });

  it('uses WebCrypto where the runtime has it', async () => {
    const generate = vi.spyOn(globalThis.crypto.subtle, 'generateKey');
    try {
      await generateKeyPair('ECC_NIST_EDWARDS25519', globalThis.crypto);
      expect(generate).toHaveBeenCalledWith({ name: 'Ed25519' }, true, ['sign', 'verify']);
    } finally {
      generate.mockRestore();
    }
  });
});

describe('randomness comes only from the injected provider', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const nobleSpecs = ['ECC_SECG_P256K1', 'SM2'] as const;

  it.each(nobleSpecs)('%s: the same random bytes give the same key pair', async (spec) => {
    const first = await generateKeyPair(spec, deterministicProvider('seed-a'));
    const second = await generateKeyPair(spec, deterministicProvider('seed-a'));
    const other = await generateKeyPair(spec, deterministicProvider('seed-b'));
    expect(hex(first.privateKey)).toBe(hex(second.privateKey));
    expect(hex(first.publicKey)).toBe(hex(second.publicKey));
    expect(hex(other.privateKey)).not.toBe(hex(first.privateKey));
    const { publicKey } = nodeKeys(first);
    expect(hex(publicKey.export({ format: 'der', type: 'spki' }))).toBe(hex(first.publicKey));
  });

  it('Ed25519 fallback: the same random bytes give the same key pair', async () => {
    const lacking = (seed: string) =>
      withoutEd25519(deterministicProvider(seed), () => new DOMException('no', 'NotSupportedError'))
        .provider;
    const first = await generateKeyPair('ECC_NIST_EDWARDS25519', lacking('seed-a'));
    const second = await generateKeyPair('ECC_NIST_EDWARDS25519', lacking('seed-a'));
    expect(hex(first.privateKey)).toBe(hex(second.privateKey));
  });

  it('secp256k1 signing hedges with the provider and never touches globalThis.crypto', async () => {
    const pair = await generateKeyPair('ECC_SECG_P256K1', deterministicProvider('keys'));
    const global = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const sign = (seed: string) =>
      signWithPrivateKey('ECC_SECG_P256K1', pair.privateKey, MESSAGE, deterministicProvider(seed));
    const [a, b, c] = [await sign('s'), await sign('s'), await sign('t')];
    await generateKeyPair('ECC_SECG_P256K1', deterministicProvider('more keys'));
    await generateKeyPair(
      'ECC_NIST_EDWARDS25519',
      withoutEd25519(deterministicProvider('ed'), () => new DOMException('no', 'NotSupportedError'))
        .provider,
    );
    expect(global).not.toHaveBeenCalled();
    expect(hex(a)).toBe(hex(b));
    expect(hex(a)).not.toBe(hex(c));
    expect(nodeCrypto.verify('sha256', MESSAGE, nodeKeys(pair).publicKey, c)).toBe(true);
  });

  it('SM2 key generation uses the provider (the curve comes from curves/sm2.ts)', async () => {
    const pair = await generateKeyPair('SM2', deterministicProvider('sm2'));
    const d = parsePrivateKeyInfo(pair.privateKey).privateKey;
    expect(hex(sm2.getPublicKey(d))).toBe(hex(parseSubjectPublicKeyInfo(pair.publicKey).publicKey));
  });
});

describe('RSA normalisation', () => {
  it('rewrites runtime quirks (id-RSASSA-PSS, absent parameters, attributes) canonically', () => {
    const pair = pairOf('Node WebCrypto', 'RSA_2048');
    const spki = decodeSubjectPublicKeyInfo(pair.publicKey);
    const pkcs8 = decodeOneAsymmetricKey(pair.privateKey);
    const quirkySpki = encodeSubjectPublicKeyInfo(
      ID_RSASSA_PSS,
      { kind: 'absent' },
      spki.subjectPublicKey,
    );
    const quirkyPkcs8 = encodeOneAsymmetricKey(
      RSA_ENCRYPTION,
      { kind: 'absent' },
      pkcs8.privateKey,
    );
    const normalised = normaliseRsaKeyPair(quirkySpki, quirkyPkcs8, 2048);
    expect(hex(normalised.publicKey)).toBe(hex(pair.publicKey));
    expect(hex(normalised.privateKey)).toBe(hex(pair.privateKey));
  });

  it('refuses mismatched halves, wrong sizes and other algorithms', () => {
    const a = pairOf('Node WebCrypto', 'RSA_2048');
    const b = pairOf('@peculiar/webcrypto', 'RSA_2048');
    const ec = pairOf('Node WebCrypto', 'ECC_NIST_P256');
    expect(() => normaliseRsaKeyPair(a.publicKey, b.privateKey, 2048)).toThrow('do not match');
    expect(() => normaliseRsaKeyPair(a.publicKey, a.privateKey, 3072)).toThrow(
      'the modulus has 2048 bits, expected 3072',
    );
    expect(() => normaliseRsaKeyPair(ec.publicKey, a.privateKey, 2048)).toThrow(
      'unexpected algorithm id-ecPublicKey',
    );
  });
});
