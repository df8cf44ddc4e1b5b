// HMAC KMS keys against node:crypto's createHmac, for all four specs, and key material
// generation for every KMS key spec with cryptography here (RSA is covered by kms-keys-rsa).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateKmsKeyMaterial,
  generateMac,
  HMAC_SPECS,
  type HmacKeySpec,
  isKmsKeyMaterialSpec,
  verifyMac,
} from '../src/kms-keys/index.js';
import type { MacAlgorithmSpec } from '../src/model/types.generated.js';
import {
  ACCESS_KINDS,
  type AccessKind,
  accessOf,
  CURVE_SPECS,
  crypto,
  failure,
  tamper,
  utf8,
} from './support/kms-keys.js';
import { nodeReadsPair } from './support/node-keys.js';

const HMAC = [
  ['HMAC_224', 'HMAC_SHA_224', 'sha224', 28],
  ['HMAC_256', 'HMAC_SHA_256', 'sha256', 32],
  ['HMAC_384', 'HMAC_SHA_384', 'sha384', 48],
  ['HMAC_512', 'HMAC_SHA_512', 'sha512', 64],
] as const;

describe.each(HMAC)('%s', (spec, algorithm, hash, keyBytes) => {
  // WebCrypto has no SHA-224: HMAC_224 keys are used as bytes whatever the store.
  const kinds: readonly AccessKind[] = spec === 'HMAC_224' ? ['bytes'] : ACCESS_KINDS;

  it(`has ${keyBytes}-byte keys and MACs equal to node:crypto’s createHmac`, async () => {
    const { privateKey, publicKey } = await generateKmsKeyMaterial(spec, crypto);
    expect(publicKey).toBeUndefined();
    expect(privateKey.length).toBe(keyBytes);
    for (const message of [new Uint8Array(0), utf8('MAC me'), new Uint8Array(4096).fill(0xa5)]) {
      const expected = new Uint8Array(createHmac(hash, privateKey).update(message).digest());
      for (const kind of kinds) {
        const access = accessOf(kind, privateKey);
        const mac = await generateMac(spec, access, algorithm, message, crypto);
        expect(mac).toEqual(expected);
        expect(await verifyMac(spec, access, algorithm, message, expected, crypto)).toBe(true);
        for (const bad of [tamper(expected), tamper(expected, 0), expected.subarray(1)]) {
          expect(await verifyMac(spec, access, algorithm, message, bad, crypto)).toBe(false);
        }
        expect(await verifyMac(spec, access, algorithm, utf8('other'), expected, crypto)).toBe(
          false,
        );
      }
    }
  });

  it('refuses every other MAC algorithm in AWS’s words', async () => {
    const { privateKey } = await generateKmsKeyMaterial(spec, crypto);
    const others = HMAC.map(([, other]) => other).filter((other) => other !== algorithm);
    for (const other of others as MacAlgorithmSpec[]) {
      const access = accessOf('bytes', privateKey);
      const error = await failure(generateMac(spec, access, other, utf8('m'), crypto));
      expect(error.name).toBe('InvalidKeyUsageException');
      expect(error.message).toBe(`Algorithm ${other} is incompatible with key spec ${spec}.`);
      const verifying = await failure(
        verifyMac(spec, access, other, utf8('m'), new Uint8Array(32), crypto),
      );
      expect(verifying.name).toBe('InvalidKeyUsageException');
    }
  });
});

it('AWS’s recorded message for HMAC_SHA_256 on an HMAC_224 key', async () => {
  const { privateKey } = await generateKmsKeyMaterial('HMAC_224', crypto);
  const error = await failure(
    generateMac('HMAC_224', accessOf('bytes', privateKey), 'HMAC_SHA_256', utf8('m'), crypto),
  );
  expect(error.message).toBe('Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.');
  const onRsa = await failure(
    generateMac('RSA_2048', accessOf('bytes', privateKey), 'HMAC_SHA_256', utf8('m'), crypto),
  );
  expect(onRsa.name).toBe('InvalidKeyUsageException');
});

describe('generateKmsKeyMaterial', () => {
  it.each(CURVE_SPECS)('%s: a key pair node:crypto reads as one key', async (spec) => {
    const { publicKey, privateKey } = await generateKmsKeyMaterial(spec, crypto);
    nodeReadsPair(publicKey, privateKey);
  });

  it('HMAC keys are fresh random bytes of AWS’s lengths', async () => {
    for (const spec of Object.keys(HMAC_SPECS) as HmacKeySpec[]) {
      const first = await generateKmsKeyMaterial(spec, crypto);
      const second = await generateKmsKeyMaterial(spec, crypto);
      expect(first.privateKey.length).toBe(HMAC_SPECS[spec].keyBytes);
      expect(first.privateKey).not.toEqual(second.privateKey);
    }
  });

  it('knows which specs it makes material for', () => {
    expect(isKmsKeyMaterialSpec('SM2')).toBe(true);
    expect(isKmsKeyMaterialSpec('HMAC_384')).toBe(true);
    expect(isKmsKeyMaterialSpec('SYMMETRIC_DEFAULT')).toBe(false);
    expect(isKmsKeyMaterialSpec('ML_DSA_65')).toBe(true);
    expect(isKmsKeyMaterialSpec('ML_KEM_1024')).toBe(true);
  });
});
