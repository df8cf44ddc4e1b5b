// ECDSA (P-256, P-384, P-521, secp256k1) and Ed25519 KMS keys against node:crypto (OpenSSL),
// with MessageType RAW and DIGEST; Ed25519ph against @noble/curves and RFC 8032's vector.
import { createHash, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { ed25519, ed25519ph } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/curves/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePrivateKeyInfo, parseSubjectPublicKeyInfo } from '../src/der/parse-key.js';
import {
  type EcdsaKeySpec,
  generateKmsKeyMaterial,
  type KmsKeyMaterial,
  type PrivateKeyAccess,
  privateKeyAccessFromBytes,
  sign,
  verify,
} from '../src/kms-keys/index.js';
import { ed25519phWith } from '../src/kms-keys/noble.js';
import type { SigningAlgorithmSpec } from '../src/model/types.generated.js';
import {
  ACCESS_KINDS,
  type AccessKind,
  accessOf,
  crypto,
  failure,
  nodePrivateKey,
  nodePublicKey,
  tamper,
  utf8,
} from './support/kms-keys.js';
import { nodeReadsPair } from './support/node-keys.js';

const ECDSA: readonly (readonly [EcdsaKeySpec, SigningAlgorithmSpec, string])[] = [
  ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384', 'sha384'],
  ['ECC_NIST_P521', 'ECDSA_SHA_512', 'sha512'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'sha256'],
];

describe.each(ECDSA)('%s with %s', (spec, algorithm, hash) => {
  let key: Required<KmsKeyMaterial>;
  beforeAll(async () => {
    key = (await generateKmsKeyMaterial(spec, crypto)) as Required<KmsKeyMaterial>;
  });
  // WebCrypto has no secp256k1: its key is used as bytes whatever the store.
  const kinds: readonly AccessKind[] = spec === 'ECC_SECG_P256K1' ? ['bytes'] : ACCESS_KINDS;

  it('generates a key pair node:crypto reads', () => {
    expect(nodeReadsPair(key.publicKey, key.privateKey).publicKey.asymmetricKeyType).toBe('ec');
  });

  it('our RAW and DIGEST signatures verify in node:crypto over the message', async () => {
    const message = utf8(`${spec} signs`);
    const digest = new Uint8Array(createHash(hash).update(message).digest());
    const nodeKey = { key: nodePublicKey(key.publicKey), dsaEncoding: 'der' } as const;
    for (const kind of kinds) {
      for (let round = 0; round < 3; round++) {
        const access = accessOf(kind, key.privateKey);
        const raw = await sign(spec, access, algorithm, 'RAW', message, crypto);
        expect(nodeVerify(hash, message, nodeKey, raw)).toBe(true);
      }
    }
    for (let round = 0; round < 3; round++) {
      const access = accessOf('bytes', key.privateKey);
      const fromDigest = await sign(spec, access, algorithm, 'DIGEST', digest, crypto);
      expect(nodeVerify(hash, message, nodeKey, fromDigest)).toBe(true);
    }
  });

  it('node:crypto’s signatures pass our RAW and DIGEST verify; altered ones fail', async () => {
    const message = utf8(`node signs for ${spec}`);
    const digest = new Uint8Array(createHash(hash).update(message).digest());
    const privateKey = nodePrivateKey(key.privateKey);
    const { publicKey } = key;
    for (let round = 0; round < 4; round++) {
      // Node leaves high S alone, so both halves of the S range get verified.
      const signature = new Uint8Array(
        nodeSign(hash, message, { key: privateKey, dsaEncoding: 'der' }),
      );
      expect(await verify(spec, publicKey, algorithm, 'RAW', message, signature, crypto)).toBe(
        true,
      );
      expect(await verify(spec, publicKey, algorithm, 'DIGEST', digest, signature, crypto)).toBe(
        true,
      );
      for (const bad of [tamper(signature), tamper(signature, 8)]) {
        expect(await verify(spec, publicKey, algorithm, 'RAW', message, bad, crypto)).toBe(false);
        expect(await verify(spec, publicKey, algorithm, 'DIGEST', digest, bad, crypto)).toBe(false);
      }
      expect(
        await verify(spec, publicKey, algorithm, 'DIGEST', tamper(digest), signature, crypto),
      ).toBe(false);
    }
    // r || s is WebCrypto's form, not AWS's: refused, as is anything that is not DER.
    const p1363 = new Uint8Array(
      nodeSign(hash, message, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    );
    for (const bad of [p1363, new Uint8Array(0), utf8('not a signature')]) {
      expect(await verify(spec, publicKey, algorithm, 'RAW', message, bad, crypto)).toBe(false);
      expect(await verify(spec, publicKey, algorithm, 'DIGEST', digest, bad, crypto)).toBe(false);
    }
  });
});

describe('ECC_NIST_EDWARDS25519', () => {
  const spec = 'ECC_NIST_EDWARDS25519';
  let key: Required<KmsKeyMaterial>;
  let seed: Uint8Array;
  let point: Uint8Array;
  beforeAll(async () => {
    key = (await generateKmsKeyMaterial(spec, crypto)) as Required<KmsKeyMaterial>;
    seed = parsePrivateKeyInfo(key.privateKey).privateKey;
    point = parseSubjectPublicKeyInfo(key.publicKey).publicKey;
  });

  it('ED25519_SHA_512 (RAW) is pure Ed25519: node:crypto verifies ours and makes the same bytes', async () => {
    nodeReadsPair(key.publicKey, key.privateKey);
    const message = utf8('pure Ed25519');
    const theirs = new Uint8Array(nodeSign(null, message, nodePrivateKey(key.privateKey)));
    for (const kind of ACCESS_KINDS) {
      const access = accessOf(kind, key.privateKey);
      const ours = await sign(spec, access, 'ED25519_SHA_512', 'RAW', message, crypto);
      expect(ours.length).toBe(64);
      expect(nodeVerify(null, message, nodePublicKey(key.publicKey), ours)).toBe(true);
      // RFC 8032 signatures are deterministic.
      expect(ours).toEqual(theirs);
    }
    expect(
      await verify(spec, key.publicKey, 'ED25519_SHA_512', 'RAW', message, theirs, crypto),
    ).toBe(true);
    for (const bad of [tamper(theirs), tamper(theirs, 0), theirs.subarray(1)]) {
      expect(
        await verify(spec, key.publicKey, 'ED25519_SHA_512', 'RAW', message, bad, crypto),
      ).toBe(false);
    }
  });

  it('falls back to @noble/curves where WebCrypto has no Ed25519, with the same signature', async () => {
    const fromBytes = privateKeyAccessFromBytes(key.privateKey, crypto);
    const noEd25519: PrivateKeyAccess = {
      bytes: () => fromBytes.bytes(),
      webCryptoKey: () => Promise.reject(new DOMException('Ed25519', 'NotSupportedError')),
    };
    const message = utf8('no WebCrypto Ed25519 here');
    const withNoble = await sign(spec, noEd25519, 'ED25519_SHA_512', 'RAW', message, crypto);
    const withWebCrypto = await sign(spec, fromBytes, 'ED25519_SHA_512', 'RAW', message, crypto);
    expect(withNoble).toEqual(withWebCrypto);
  });

  // Node 20's crypto.sign/verify do only pure Ed25519 (no prehash or context option), and
  // OpenSSL 3.0 has no Ed25519ph (3.2 added it), so @noble/curves' own ed25519ph checks ours.
  it('ED25519_PH_SHA_512 (DIGEST) is Ed25519ph over the 64 bytes given, as noble signs it', async () => {
    const message = utf8('prehashed Ed25519');
    const digest = new Uint8Array(createHash('sha512').update(message).digest());
    const access = accessOf('bytes', key.privateKey);
    const ours = await sign(spec, access, 'ED25519_PH_SHA_512', 'DIGEST', digest, crypto);
    expect(ours.length).toBe(64);
    // AWS "still performs the SHA-512 prehash": PH(M) is SHA-512 of the digest sent.
    expect(ed25519ph.verify(ours, digest, point, { zip215: false })).toBe(true);
    expect(ours).toEqual(ed25519ph.sign(digest, seed));
    // Neither Ed25519ph of the original message nor pure Ed25519 of the digest.
    expect(ed25519ph.verify(ours, message, point)).toBe(false);
    expect(ed25519.verify(ours, digest, point)).toBe(false);

    const theirs = ed25519ph.sign(digest, seed);
    const check = (signature: Uint8Array, bytes: Uint8Array = digest) =>
      verify(spec, key.publicKey, 'ED25519_PH_SHA_512', 'DIGEST', bytes, signature, crypto);
    expect(await check(theirs)).toBe(true);
    expect(await check(tamper(theirs))).toBe(false);
    expect(await check(theirs, tamper(digest))).toBe(false);
    expect(await check(ed25519.sign(digest, seed))).toBe(false);
  });

  it('our Ed25519ph instance reproduces RFC 8032, 7.3 (test "abc")', () => {
    const secret = hexToBytes('833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42');
    const signature = ed25519phWith(crypto).sign(utf8('abc'), secret);
    expect(signature).toEqual(
      hexToBytes(
        '98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae41' +
          '31f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406',
      ),
    );
  });

  it('each Ed25519 algorithm takes one MessageType, refused in clear words', async () => {
    const access = accessOf('bytes', key.privateKey);
    const digest = new Uint8Array(64);
    const pure = await failure(sign(spec, access, 'ED25519_SHA_512', 'DIGEST', digest, crypto));
    expect(pure.name).toBe('ValidationException');
    expect(pure.message).toBe('The ED25519_SHA_512 signing algorithm requires MessageType RAW.');
    const ph = await failure(sign(spec, access, 'ED25519_PH_SHA_512', 'RAW', digest, crypto));
    expect(ph.name).toBe('ValidationException');
    expect(ph.message).toBe(
      'The ED25519_PH_SHA_512 signing algorithm requires MessageType DIGEST.',
    );
    const verifying = await failure(
      verify(spec, key.publicKey, 'ED25519_PH_SHA_512', 'RAW', digest, new Uint8Array(64), crypto),
    );
    expect(verifying.name).toBe('ValidationException');
    const short = await failure(
      sign(spec, access, 'ED25519_PH_SHA_512', 'DIGEST', digest.subarray(32), crypto),
    );
    expect(short.message).toBe('Digest is invalid length for algorithm ED25519_PH_SHA_512.');
  });
});
