import 'fake-indexeddb/auto';
import {
  constants,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
} from 'node:crypto';
import { createKms, type KeySpec, type KeyUsageType } from '@kms-lab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { importCliSnippet, importSdkSnippet } from '../src/features/keys/import/import-snippets';
import { generateMaterial, readPastedMaterial } from '../src/features/keys/import/key-material';
import {
  WRAPPING_ALGORITHMS,
  type WrappingAlgorithm,
  wrapKeyMaterial,
} from '../src/features/keys/import/wrap-material';
import { type KmsLabDb, openKmsLabDb } from '../src/kms/db';
import { IdbKeyStore } from '../src/kms/idb-key-store';
import { toBase64, toHex, utf8 } from '../src/lib/bytes';
import { toPem } from '../src/lib/pem';

const opened: KmsLabDb[] = [];
let counter = 0;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** The engine over the web app's own IndexedDB store, as in the page. */
async function webKms() {
  const db = await openKmsLabDb(`import-test-${++counter}`);
  opened.push(db);
  return createKms({ store: new IdbKeyStore(db) });
}

async function importInto(
  kms: Awaited<ReturnType<typeof webKms>>,
  KeyId: string,
  material: Uint8Array,
  algorithm: WrappingAlgorithm = 'RSAES_OAEP_SHA_256',
) {
  const parameters = await kms.getParametersForImport({
    KeyId,
    WrappingAlgorithm: algorithm,
    WrappingKeySpec: 'RSA_2048',
  });
  const wrapped = await wrapKeyMaterial(
    parameters.PublicKey as Uint8Array,
    'RSA_2048',
    algorithm,
    material,
  );
  return kms.importKeyMaterial({
    KeyId,
    ImportToken: parameters.ImportToken,
    EncryptedKeyMaterial: wrapped.encryptedKeyMaterial,
    ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
  });
}

const errorName = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: Error) => error.name,
  );

describe('key material wrapped in the page', () => {
  it.each(WRAPPING_ALGORITHMS)('opens with OpenSSL as AWS defines %s', async (algorithm) => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    // 35 bytes: not a multiple of 8, which RFC 3394 alone could not wrap.
    const material = crypto.getRandomValues(new Uint8Array(35));
    const wrapped = await wrapKeyMaterial(spki, 'RSA_2048', algorithm, material);
    const oaepHash = algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
    const oaep = (bytes: Uint8Array) =>
      privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
        bytes,
      );
    const bytes = wrapped.encryptedKeyMaterial;
    if (algorithm.startsWith('RSAES_OAEP')) {
      expect(wrapped.parts).toEqual({ oaep: 256 });
      expect(new Uint8Array(oaep(bytes))).toEqual(material);
      return;
    }
    expect(wrapped.parts).toEqual({ oaep: 256, aesKeyWrap: 48 });
    const aesKey = oaep(bytes.subarray(0, 256));
    const unwrap = createDecipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('a65959a6', 'hex'));
    const opened = Buffer.concat([unwrap.update(bytes.subarray(256)), unwrap.final()]);
    expect(new Uint8Array(opened)).toEqual(material);
  });

  it('refuses material longer than RSA-OAEP can carry, naming RSA_AES_KEY_WRAP', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    await expect(
      wrapKeyMaterial(spki, 'RSA_2048', 'RSAES_OAEP_SHA_256', new Uint8Array(191)),
    ).rejects.toThrow(
      /more than RSAES_OAEP_SHA_256 .* \(190 bytes\): choose RSA_AES_KEY_WRAP_SHA_256/,
    );
  });
});

describe('importing into the web store', () => {
  it('a symmetric key: imported, used, deleted, re-imported; other material refused', async () => {
    const kms = await webKms();
    const created = await kms.createKey({ Origin: 'EXTERNAL' });
    const KeyId = created.KeyMetadata?.KeyId as string;
    expect(created.KeyMetadata?.KeyState).toBe('PendingImport');
    const material = await generateMaterial('SYMMETRIC_DEFAULT');
    expect(material.length).toBe(32);
    // A copy, as the user's download: the page zeroes its own after wrapping.
    const pasted = readPastedMaterial('SYMMETRIC_DEFAULT', toHex(material));
    await importInto(kms, KeyId, material, 'RSA_AES_KEY_WRAP_SHA_1');
    const { CiphertextBlob } = await kms.encrypt({ KeyId, Plaintext: utf8('imported') });

    await kms.deleteImportedKeyMaterial({ KeyId });
    expect((await kms.describeKey({ KeyId })).KeyMetadata?.KeyState).toBe('PendingImport');
    expect(await errorName(kms.decrypt({ CiphertextBlob }))).toBe('KMSInvalidStateException');

    await importInto(kms, KeyId, pasted);
    const { Plaintext } = await kms.decrypt({ CiphertextBlob });
    expect(new TextDecoder().decode(Plaintext)).toBe('imported');
    const other = await generateMaterial('SYMMETRIC_DEFAULT');
    expect(await errorName(importInto(kms, KeyId, other))).toBe('IncorrectKeyMaterialException');
  });

  it.each([
    ['RSA_2048', 'SIGN_VERIFY'],
    ['ECC_NIST_P256', 'SIGN_VERIFY'],
    ['ECC_NIST_P521', 'KEY_AGREEMENT'],
    ['HMAC_384', 'GENERATE_VERIFY_MAC'],
    ['ECC_SECG_P256K1', 'SIGN_VERIFY'],
    ['SM2', 'ENCRYPT_DECRYPT'],
  ] as [KeySpec, KeyUsageType][])(
    'a %s key from material made in the page (WebCrypto, or noble for secp256k1 and SM2)',
    async (spec, usage) => {
      const kms = await webKms();
      const created = await kms.createKey({ Origin: 'EXTERNAL', KeySpec: spec, KeyUsage: usage });
      const KeyId = created.KeyMetadata?.KeyId as string;
      const material = await generateMaterial(spec);
      const copy = new Uint8Array(material);
      await importInto(kms, KeyId, material, 'RSA_AES_KEY_WRAP_SHA_256');
      expect((await kms.describeKey({ KeyId })).KeyMetadata?.KeyState).toBe('Enabled');
      if (spec.startsWith('HMAC_')) {
        expect(copy.length).toBe(48);
        return;
      }
      // The public key KMS answers is the one OpenSSL derives from the material.
      const { PublicKey } = await kms.getPublicKey({ KeyId });
      const derived = createPublicKey(
        createPrivateKey({ key: Buffer.from(copy), format: 'der', type: 'pkcs8' }),
      ).export({ format: 'der', type: 'spki' });
      expect(toBase64(PublicKey as Uint8Array)).toBe(toBase64(derived));
      // A pasted PEM of it is the same material.
      expect(readPastedMaterial(spec, toPem(copy, 'PRIVATE KEY'))).toEqual(copy);
    },
  );
});

describe('pasted material', () => {
  it('reads hex and base64, and says what is wrong with the rest', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(28));
    expect(readPastedMaterial('HMAC_224', toHex(bytes, ':'))).toEqual(bytes);
    expect(readPastedMaterial('HMAC_224', toBase64(bytes))).toEqual(bytes);
    expect(() => readPastedMaterial('SYMMETRIC_DEFAULT', toHex(bytes))).toThrow(
      'is 32 bytes (64 hex digits), not 28',
    );
    expect(() => readPastedMaterial('RSA_2048', toHex(bytes))).toThrow('PEM "PRIVATE KEY"');
  });
});

describe('the import elsewhere', () => {
  const choices = {
    keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    keySpec: 'ECC_NIST_P384',
    wrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_1',
    wrappingKeySpec: 'RSA_3072',
    material: 'generated',
    expirationModel: 'KEY_MATERIAL_EXPIRES',
    validTo: new Date('2030-01-02T03:04:00Z'),
    description: undefined,
    importType: undefined,
  } as const;

  it('the CLI with openssl: the chosen wrapping, material and expiry', () => {
    const cli = importCliSnippet(choices);
    expect(cli).toContain(
      '--wrapping-algorithm RSA_AES_KEY_WRAP_SHA_1 --wrapping-key-spec RSA_3072',
    );
    expect(cli).toContain('ec_paramgen_curve:P-384');
    expect(cli).toContain('rsa_oaep_md:sha1');
    expect(cli).toContain('-id-aes256-wrap-pad');
    expect(cli).toContain('--valid-to 2030-01-02T03:04:00.000Z');
  });

  it('the SDK with node:crypto: the same choices; a pasted material read from its file', () => {
    const sdk = importSdkSnippet({
      ...choices,
      material: 'pasted',
      wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
    });
    expect(sdk).toContain("WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_3072'");
    expect(sdk).toContain("oaepHash: 'sha256'");
    expect(sdk).toContain("readFile('material.bin')");
    expect(sdk).not.toContain('id-aes256-wrap-pad');
    expect(sdk).toContain("ValidTo: new Date('2030-01-02T03:04:00.000Z')");
  });
});
