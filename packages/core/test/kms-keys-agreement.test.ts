// DeriveSharedSecret with NIST KMS keys against node:crypto: diffieHellman with the peer's
// private key and createECDH with ours give the same raw shared secret; unusable peer keys
// are ValidationExceptions that say what is wrong.
import { createECDH, diffieHellman, ECDH, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ID_EC_PUBLIC_KEY } from '../src/der/oids.js';
import { parsePrivateKeyInfo, parseSubjectPublicKeyInfo } from '../src/der/parse-key.js';
import { encodeSubjectPublicKeyInfo } from '../src/der/subject-public-key-info.js';
import {
  deriveSharedSecret,
  generateKmsKeyMaterial,
  type KmsKeyMaterial,
} from '../src/kms-keys/index.js';
import type { KeySpec } from '../src/model/types.generated.js';
import { ACCESS_KINDS, accessOf, crypto, failure, nodePublicKey } from './support/kms-keys.js';

const NIST = [
  ['ECC_NIST_P256', 'prime256v1', 32],
  ['ECC_NIST_P384', 'secp384r1', 48],
  ['ECC_NIST_P521', 'secp521r1', 66],
] as const;

const spkiOf = (pair: ReturnType<typeof generateKeyPairSync>) =>
  new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }) as Buffer);

describe.each(NIST)('%s', (spec, curve, bytes) => {
  let key: Required<KmsKeyMaterial>;
  beforeAll(async () => {
    key = (await generateKmsKeyMaterial(spec, crypto)) as Required<KmsKeyMaterial>;
  });

  it('derives the shared secret node:crypto derives, from either side', async () => {
    for (let round = 0; round < 3; round++) {
      const peer = generateKeyPairSync('ec', { namedCurve: curve });
      const peerSpki = spkiOf(peer);
      const expected = new Uint8Array(
        diffieHellman({ privateKey: peer.privateKey, publicKey: nodePublicKey(key.publicKey) }),
      );
      expect(expected.length).toBe(bytes);
      for (const kind of ACCESS_KINDS) {
        const access = accessOf(kind, key.privateKey);
        expect(await deriveSharedSecret(spec, access, peerSpki, crypto)).toEqual(expected);
      }
      // And with our private key in node's ECDH: x of [d]Q, field-size bytes.
      const ecdh = createECDH(curve);
      ecdh.setPrivateKey(Buffer.from(parsePrivateKeyInfo(key.privateKey).privateKey));
      const peerPoint = parseSubjectPublicKeyInfo(peerSpki).publicKey;
      expect(new Uint8Array(ecdh.computeSecret(Buffer.from(peerPoint)))).toEqual(expected);
    }
  });

  it('takes a peer key with a compressed point (RFC 5480 allows it)', async () => {
    const peer = generateKeyPairSync('ec', { namedCurve: curve });
    const uncompressed = parseSubjectPublicKeyInfo(spkiOf(peer)).publicKey;
    const compressed = new Uint8Array(
      ECDH.convertKey(
        Buffer.from(uncompressed),
        curve,
        undefined,
        undefined,
        'compressed',
      ) as Buffer,
    );
    expect(compressed.length).toBe(bytes + 1);
    const curveOid = parseSubjectPublicKeyInfo(key.publicKey).curveOid as string;
    const spki = encodeSubjectPublicKeyInfo(
      ID_EC_PUBLIC_KEY,
      { kind: 'oid', oid: curveOid },
      compressed,
    );
    const access = accessOf('bytes', key.privateKey);
    expect(await deriveSharedSecret(spec, access, spki, crypto)).toEqual(
      await deriveSharedSecret(spec, access, spkiOf(peer), crypto),
    );
  });

  it('refuses a point that is not on the curve', async () => {
    const peerSpki = spkiOf(generateKeyPairSync('ec', { namedCurve: curve }));
    peerSpki[peerSpki.length - 1] = (peerSpki[peerSpki.length - 1] ?? 0) ^ 1;
    const error = await failure(
      deriveSharedSecret(spec, accessOf('bytes', key.privateKey), peerSpki, crypto),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(`PublicKey is not a valid point on the curve of key spec ${spec}.`);
  });
});

describe('unusable peer public keys', () => {
  let p256: Required<KmsKeyMaterial>;
  beforeAll(async () => {
    p256 = (await generateKmsKeyMaterial('ECC_NIST_P256', crypto)) as Required<KmsKeyMaterial>;
  });
  const derive = (peer: Uint8Array, spec: KeySpec = 'ECC_NIST_P256') =>
    failure(deriveSharedSecret(spec, accessOf('bytes', p256.privateKey), peer, crypto));

  it('not DER SubjectPublicKeyInfo', async () => {
    const error = await derive(new TextEncoder().encode('-----BEGIN PUBLIC KEY-----'));
    // AWS answers bytes that are no SubjectPublicKeyInfo at all with no message (recorded).
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('');
    // An X25519 key is DER SPKI, but of an algorithm no KMS key agrees with.
    const x25519 = spkiOf(generateKeyPairSync('x25519'));
    expect((await derive(x25519)).message).toMatch(/unsupported algorithm id-X25519/);
  });

  it('not an elliptic curve key', async () => {
    const rsa = spkiOf(generateKeyPairSync('rsa', { modulusLength: 1024 }));
    const error = await derive(rsa);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      'PublicKey has the algorithm rsaEncryption (1.2.840.113549.1.1.1); ECDH with key spec ECC_NIST_P256 needs an elliptic curve (id-ecPublicKey) key.',
    );
  });

  it('a key on another curve', async () => {
    const onP384 = spkiOf(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }));
    const error = await derive(onP384);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      'PublicKey is on the curve secp384r1 (NIST P-384) (1.3.132.0.34); key spec ECC_NIST_P256 uses secp256r1 (NIST P-256) (1.2.840.10045.3.1.7).',
    );
    const sm2 = (await generateKmsKeyMaterial('SM2', crypto)).publicKey as Uint8Array;
    expect((await derive(sm2)).message).toMatch(/^PublicKey is on the curve SM2 /);
  });

  it('key specs without KEY_AGREEMENT are InvalidKeyUsageExceptions', async () => {
    const peer = spkiOf(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }));
    for (const spec of [
      'RSA_2048',
      'ECC_SECG_P256K1',
      'ECC_NIST_EDWARDS25519',
      'HMAC_256',
    ] as const) {
      const error = await derive(peer, spec);
      expect(error.name).toBe('InvalidKeyUsageException');
      expect(error.message).toBe(`Algorithm ECDH is incompatible with key spec ${spec}.`);
    }
  });
});
