// The KmsErrors Sign, Verify, Encrypt and Decrypt throw for what AWS KMS refuses: a digest of
// the wrong length, an algorithm of another key spec, an algorithm Encrypt cannot use; and
// verify answering false, never throwing, for any signature bytes.
import { beforeAll, describe, expect, it } from 'vitest';
import { KmsError } from '../src/errors.js';
import {
  DIGEST_BYTES,
  decrypt,
  encrypt,
  generateKmsKeyMaterial,
  type KeyPairKeySpec,
  type KmsKeyMaterial,
  SIGNING_ALGORITHMS,
  sign,
  verify,
} from '../src/kms-keys/index.js';
import type { SigningAlgorithmSpec } from '../src/model/types.generated.js';
import { accessOf, crypto, failure, ONE_SPEC_PER_FAMILY, utf8 } from './support/kms-keys.js';

// One key per family is enough here; RSA_2048 stands for the RSA specs.
const SPECS = ONE_SPEC_PER_FAMILY;
const keys = new Map<KeyPairKeySpec, Required<KmsKeyMaterial>>();
const keyOf = (spec: KeyPairKeySpec) => keys.get(spec) as Required<KmsKeyMaterial>;

beforeAll(async () => {
  for (const spec of SPECS) {
    keys.set(spec, (await generateKmsKeyMaterial(spec, crypto)) as Required<KmsKeyMaterial>);
  }
});

const ALL_SIGNING = [...new Set(Object.values(SIGNING_ALGORITHMS).flat())];

describe.each(SPECS)('%s', (spec) => {
  const algorithms = SIGNING_ALGORITHMS[spec].filter((a) => DIGEST_BYTES[a] !== undefined);

  it('a DIGEST of the wrong length is refused in AWS’s words, on Sign and Verify', async () => {
    const { privateKey, publicKey } = keyOf(spec);
    for (const algorithm of algorithms) {
      const length = DIGEST_BYTES[algorithm] as number;
      for (const wrong of [0, length - 1, length + 1, 2 * length]) {
        const digest = new Uint8Array(wrong);
        const access = accessOf('bytes', privateKey);
        for (const error of [
          await failure(sign(spec, access, algorithm, 'DIGEST', digest, crypto)),
          await failure(
            verify(spec, publicKey, algorithm, 'DIGEST', digest, new Uint8Array(8), crypto),
          ),
        ]) {
          expect(error).toBeInstanceOf(KmsError);
          expect(error.name).toBe('ValidationException');
          expect(error.message).toBe(`Digest is invalid length for algorithm ${algorithm}.`);
          expect((error as KmsError).httpStatusCode).toBe(400);
        }
      }
    }
  });

  it('an algorithm of another key spec is an InvalidKeyUsageException', async () => {
    const { privateKey, publicKey } = keyOf(spec);
    const foreign = ALL_SIGNING.filter((a) => !SIGNING_ALGORITHMS[spec].includes(a));
    foreign.push('ML_DSA_SHAKE_256');
    for (const algorithm of foreign) {
      const access = accessOf('bytes', privateKey);
      const message = utf8('m');
      for (const error of [
        await failure(sign(spec, access, algorithm, 'RAW', message, crypto)),
        await failure(verify(spec, publicKey, algorithm, 'RAW', message, message, crypto)),
      ]) {
        expect(error.name).toBe('InvalidKeyUsageException');
        expect(error.message).toBe(`Algorithm ${algorithm} is incompatible with key spec ${spec}.`);
      }
    }
  });

  it('verify is false, never an error, for any signature bytes', async () => {
    const { publicKey } = keyOf(spec);
    const candidates = [
      new Uint8Array(0),
      new Uint8Array(1),
      new Uint8Array(64),
      new Uint8Array(72).fill(0x30),
      Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00),
      Uint8Array.of(0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01),
      crypto.getRandomValues(new Uint8Array(256)),
    ];
    for (const algorithm of SIGNING_ALGORITHMS[spec] as SigningAlgorithmSpec[]) {
      const digestBytes = DIGEST_BYTES[algorithm];
      for (const signature of candidates) {
        if (algorithm !== 'ED25519_PH_SHA_512') {
          expect(
            await verify(spec, publicKey, algorithm, 'RAW', utf8('m'), signature, crypto),
          ).toBe(false);
        }
        if (digestBytes !== undefined && algorithm !== 'ED25519_SHA_512') {
          const digest = new Uint8Array(digestBytes);
          expect(
            await verify(spec, publicKey, algorithm, 'DIGEST', digest, signature, crypto),
          ).toBe(false);
        }
      }
    }
  });
});

describe('encryption algorithms', () => {
  it('refuses algorithms the key spec does not encrypt with', async () => {
    const cases = [
      ['RSA_2048', 'SM2PKE'],
      ['SM2', 'RSAES_OAEP_SHA_256'],
      ['ECC_NIST_P256', 'RSAES_OAEP_SHA_1'],
      ['ECC_NIST_P256', 'SM2PKE'],
    ] as const;
    for (const [spec, algorithm] of cases) {
      const { publicKey, privateKey } = keyOf(spec);
      for (const error of [
        await failure(encrypt(spec, publicKey, algorithm, utf8('x'), crypto)),
        await failure(decrypt(spec, accessOf('bytes', privateKey), algorithm, utf8('x'), crypto)),
      ]) {
        expect(error.name).toBe('InvalidKeyUsageException');
        expect(error.message).toBe(`Algorithm ${algorithm} is incompatible with key spec ${spec}.`);
      }
    }
  });

  it('a store failure is not reported as a bad ciphertext', async () => {
    const { publicKey } = keyOf('SM2');
    const ciphertext = await encrypt('SM2', publicKey, 'SM2PKE', utf8('x'), crypto);
    const error = await failure(
      decrypt('SM2', accessOf('crypto-key', keyOf('SM2').privateKey), 'SM2PKE', ciphertext, crypto),
    );
    expect(error.name).not.toBe('InvalidCiphertextException');
  });
});
