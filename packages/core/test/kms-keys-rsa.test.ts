// RSA KMS keys against node:crypto (OpenSSL): every signing algorithm with MessageType RAW
// and DIGEST both ways, and RSA-OAEP both ways, for RSA_2048, RSA_3072 and RSA_4096.
import {
  constants,
  createHash,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toPem } from '../src/der/pem.js';
import {
  decrypt,
  encrypt,
  generateKmsKeyMaterial,
  type KmsKeyMaterial,
  privateKeyAccessFromBytes,
  type RsaKeySpec,
  sign,
  verify,
} from '../src/kms-keys/index.js';
import type { SigningAlgorithmSpec } from '../src/model/types.generated.js';
import {
  ACCESS_KINDS,
  accessOf,
  crypto,
  failure,
  nodePrivateKey,
  nodePublicKey,
  openssl,
  scratchDir,
  tamper,
  utf8,
} from './support/kms-keys.js';
import { nodeReadsPair } from './support/node-keys.js';

const SIZES: readonly RsaKeySpec[] = ['RSA_2048', 'RSA_3072', 'RSA_4096'];
const keys = new Map<RsaKeySpec, Required<KmsKeyMaterial>>();

beforeAll(async () => {
  await Promise.all(
    SIZES.map(async (spec) => {
      const material = await generateKmsKeyMaterial(spec, crypto);
      keys.set(spec, material as Required<KmsKeyMaterial>);
    }),
  );
});

const keyOf = (spec: RsaKeySpec) => keys.get(spec) as Required<KmsKeyMaterial>;

interface NodeScheme {
  hash: 'sha256' | 'sha384' | 'sha512';
  padding: number;
  /** AWS: the PSS salt is as long as the digest; node checks exactly this length. */
  saltLength?: number;
}

const SCHEMES: Record<string, NodeScheme> = {
  RSASSA_PSS_SHA_256: { hash: 'sha256', padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
  RSASSA_PSS_SHA_384: { hash: 'sha384', padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 },
  RSASSA_PSS_SHA_512: { hash: 'sha512', padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 },
  RSASSA_PKCS1_V1_5_SHA_256: { hash: 'sha256', padding: constants.RSA_PKCS1_PADDING },
  RSASSA_PKCS1_V1_5_SHA_384: { hash: 'sha384', padding: constants.RSA_PKCS1_PADDING },
  RSASSA_PKCS1_V1_5_SHA_512: { hash: 'sha512', padding: constants.RSA_PKCS1_PADDING },
};
const ALGORITHMS = Object.keys(SCHEMES) as SigningAlgorithmSpec[];

describe.each(SIZES)('%s signing', (spec) => {
  const modulusBytes = Number(spec.slice(4)) / 8;

  it('generates a key pair node:crypto reads as one RSA key', () => {
    const { publicKey, privateKey } = nodeReadsPair(keyOf(spec).publicKey, keyOf(spec).privateKey);
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(modulusBytes * 8);
    expect(privateKey.asymmetricKeyType).toBe('rsa');
  });

  it.each(ALGORITHMS)(
    '%s: ours verify in node:crypto, node:crypto’s in ours',
    async (algorithm) => {
      const { publicKey, privateKey } = keyOf(spec);
      const scheme = SCHEMES[algorithm] as NodeScheme;
      const nodeKey = { ...scheme, key: nodePublicKey(publicKey) };
      const message = utf8(`${spec} signs with ${algorithm}`);
      const digest = new Uint8Array(createHash(scheme.hash).update(message).digest());

      const ours: Uint8Array[] = [];
      for (const kind of ACCESS_KINDS) {
        const raw = await sign(spec, accessOf(kind, privateKey), algorithm, 'RAW', message, crypto);
        ours.push(raw);
      }
      // A DIGEST signature needs the key bytes: WebCrypto cannot sign a digest.
      const fromDigest = await sign(
        spec,
        accessOf('bytes', privateKey),
        algorithm,
        'DIGEST',
        digest,
        crypto,
      );
      ours.push(fromDigest);
      for (const signature of ours) {
        expect(signature.length).toBe(modulusBytes);
        // Over the original message: DIGEST signed its hash.
        expect(nodeVerify(scheme.hash, message, nodeKey, signature)).toBe(true);
      }
      if (scheme.saltLength === undefined) {
        // PKCS #1 v1.5 is deterministic, so the two paths must give the same bytes.
        expect(fromDigest).toEqual(ours[0]);
      }

      const theirs = new Uint8Array(
        nodeSign(scheme.hash, message, { ...scheme, key: nodePrivateKey(privateKey) }),
      );
      for (const signature of [...ours, theirs]) {
        expect(await verify(spec, publicKey, algorithm, 'RAW', message, signature, crypto)).toBe(
          true,
        );
        expect(await verify(spec, publicKey, algorithm, 'DIGEST', digest, signature, crypto)).toBe(
          true,
        );
        for (const bad of [tamper(signature), tamper(signature, 0), tamper(signature, 100)]) {
          expect(await verify(spec, publicKey, algorithm, 'RAW', message, bad, crypto)).toBe(false);
          expect(await verify(spec, publicKey, algorithm, 'DIGEST', digest, bad, crypto)).toBe(
            false,
          );
        }
        expect(
          await verify(spec, publicKey, algorithm, 'DIGEST', tamper(digest), signature, crypto),
        ).toBe(false);
      }
    },
  );

  it('any malformed signature is false, never an error', async () => {
    const { publicKey } = keyOf(spec);
    const message = utf8('malformed');
    const digest = new Uint8Array(createHash('sha256').update(message).digest());
    const malformed = [
      new Uint8Array(0),
      new Uint8Array(modulusBytes - 1).fill(1),
      new Uint8Array(modulusBytes + 1).fill(1),
      // Not below n: RSAVP1's "signature representative out of range".
      new Uint8Array(modulusBytes).fill(0xff),
      new Uint8Array(modulusBytes),
    ];
    for (const algorithm of ['RSASSA_PSS_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256'] as const) {
      for (const signature of malformed) {
        expect(await verify(spec, publicKey, algorithm, 'RAW', message, signature, crypto)).toBe(
          false,
        );
        expect(await verify(spec, publicKey, algorithm, 'DIGEST', digest, signature, crypto)).toBe(
          false,
        );
      }
    }
  });
});

describe('EMSA-PSS where emLen is not the modulus length', () => {
  // KMS moduli are multiples of 8 bits; RFC 8017's emBits = modBits - 1 only shortens EM by a
  // byte when modBits = 8k + 1. Odd sizes exercise that branch and the top-bit masking.
  it.each([2047, 2049])('a %i-bit key signs digests node:crypto verifies', async (bits) => {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits });
    const pkcs8 = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }));
    const spki = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }));
    const message = utf8(`odd ${bits}`);
    const digest = new Uint8Array(createHash('sha512').update(message).digest());
    const access = privateKeyAccessFromBytes(pkcs8, crypto);
    for (let round = 0; round < 4; round++) {
      const signature = await sign(
        'RSA_2048',
        access,
        'RSASSA_PSS_SHA_512',
        'DIGEST',
        digest,
        crypto,
      );
      const key = { key: pair.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 };
      expect(nodeVerify('sha512', message, key, signature)).toBe(true);
      expect(
        await verify('RSA_2048', spki, 'RSASSA_PSS_SHA_512', 'DIGEST', digest, signature, crypto),
      ).toBe(true);
    }
    const theirs = nodeSign('sha512', message, {
      key: pair.privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 64,
    });
    expect(
      await verify('RSA_2048', spki, 'RSASSA_PSS_SHA_512', 'DIGEST', digest, theirs, crypto),
    ).toBe(true);
  });
});

const OAEP = [
  ['RSAES_OAEP_SHA_1', 'sha1', 20],
  ['RSAES_OAEP_SHA_256', 'sha256', 32],
] as const;

/** AWS's plaintext limits for RSA keys: SHA-1, then SHA-256. */
const LIMITS: Record<RsaKeySpec, readonly [number, number]> = {
  RSA_2048: [214, 190],
  RSA_3072: [342, 318],
  RSA_4096: [470, 446],
};

describe.each(SIZES)('%s encryption', (spec) => {
  it.each(OAEP)(
    '%s: node:crypto’s ciphertext decrypts with ours, ours in node',
    async (algorithm, hash) => {
      const { publicKey, privateKey } = keyOf(spec);
      const limit = LIMITS[spec][algorithm === 'RSAES_OAEP_SHA_1' ? 0 : 1];
      for (const plaintext of [utf8('a data key'), new Uint8Array(limit).fill(7)]) {
        const theirs = publicEncrypt(
          {
            key: nodePublicKey(publicKey),
            padding: constants.RSA_PKCS1_OAEP_PADDING,
            oaepHash: hash,
          },
          plaintext,
        );
        for (const kind of ACCESS_KINDS) {
          const access = accessOf(kind, privateKey);
          expect(await decrypt(spec, access, algorithm, theirs, crypto)).toEqual(plaintext);
        }
        const ours = await encrypt(spec, publicKey, algorithm, plaintext, crypto);
        expect(ours.length).toBe(Number(spec.slice(4)) / 8);
        const opened = privateDecrypt(
          {
            key: nodePrivateKey(privateKey),
            padding: constants.RSA_PKCS1_OAEP_PADDING,
            oaepHash: hash,
          },
          ours,
        );
        expect(new Uint8Array(opened)).toEqual(plaintext);
      }
    },
  );

  it.each(OAEP)('%s: one byte over AWS’s limit is refused in AWS’s words', async (algorithm) => {
    const { publicKey } = keyOf(spec);
    const limit = LIMITS[spec][algorithm === 'RSAES_OAEP_SHA_1' ? 0 : 1];
    const error = await failure(
      encrypt(spec, publicKey, algorithm, new Uint8Array(limit + 1), crypto),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      `Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`,
    );
  });

  it('a ciphertext that does not decrypt is an InvalidCiphertextException with no message', async () => {
    const { publicKey, privateKey } = keyOf(spec);
    const ciphertext = await encrypt(spec, publicKey, 'RSAES_OAEP_SHA_256', utf8('x'), crypto);
    const access = accessOf('bytes', privateKey);
    const attempts = [
      () => decrypt(spec, access, 'RSAES_OAEP_SHA_256', tamper(ciphertext), crypto),
      () => decrypt(spec, access, 'RSAES_OAEP_SHA_256', ciphertext.subarray(1), crypto),
      () => decrypt(spec, access, 'RSAES_OAEP_SHA_256', new Uint8Array(0), crypto),
      // The other OAEP hash does not open it either.
      () => decrypt(spec, access, 'RSAES_OAEP_SHA_1', ciphertext, crypto),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect(error.name).toBe('InvalidCiphertextException');
      expect(error.message).toBe('');
    }
  });
});

describe('RSA-OAEP against the OpenSSL command line', () => {
  it('decrypts ours with explicit MGF1 hashes, and we decrypt its', async () => {
    const { publicKey, privateKey } = keyOf('RSA_2048');
    const dir = scratchDir();
    const files = {
      key: join(dir, 'key.pem'),
      pub: join(dir, 'pub.pem'),
      in: join(dir, 'in'),
      out: join(dir, 'out'),
    };
    writeFileSync(files.key, toPem(privateKey, 'PRIVATE KEY'));
    writeFileSync(files.pub, toPem(publicKey, 'PUBLIC KEY'));
    for (const [algorithm, md] of [
      ['RSAES_OAEP_SHA_256', 'sha256'],
      ['RSAES_OAEP_SHA_1', 'sha1'],
    ] as const) {
      const options = [
        '-pkeyopt',
        'rsa_padding_mode:oaep',
        '-pkeyopt',
        `rsa_oaep_md:${md}`,
        '-pkeyopt',
        `rsa_mgf1_md:${md}`,
      ];
      const plaintext = utf8(`wrapped with ${algorithm}`);
      writeFileSync(files.in, await encrypt('RSA_2048', publicKey, algorithm, plaintext, crypto));
      openssl([
        'pkeyutl',
        '-decrypt',
        '-inkey',
        files.key,
        '-in',
        files.in,
        '-out',
        files.out,
        ...options,
      ]);
      expect(new Uint8Array(readBack(files.out))).toEqual(plaintext);

      writeFileSync(files.in, plaintext);
      openssl([
        'pkeyutl',
        '-encrypt',
        '-pubin',
        '-inkey',
        files.pub,
        '-in',
        files.in,
        '-out',
        files.out,
        ...options,
      ]);
      const access = accessOf('crypto-key', privateKey);
      expect(await decrypt('RSA_2048', access, algorithm, readBack(files.out), crypto)).toEqual(
        plaintext,
      );
    }
  });
});

function readBack(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
