import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { toPem } from '../src/index.js';
import { openBlobWith, wrapKeyMaterial } from './support/import-wrapping.js';
import { rejection } from './support/kms.js';
import { openssl, scratchDir } from './support/kms-keys.js';
import { sdkClient } from './support/sdk.js';

/**
 * Imported key material where WebCrypto cannot help: secp256k1 and SM2 private keys made by
 * OpenSSL, and, in China Regions, the SM2 wrapping key with SM2PKE, the material encrypted by
 * `openssl pkeyutl` (GB/T 32918.4).
 */
type Client = ReturnType<typeof sdkClient>['client'];

const failure = async (command: Promise<unknown>) =>
  (await rejection(command)) as unknown as sdk.KMSServiceException;

/** GetParametersForImport, the wrapping done by `wrap`, then ImportKeyMaterial. */
async function importWith(
  client: Client,
  KeyId: string,
  wrapping: Pick<sdk.GetParametersForImportRequest, 'WrappingAlgorithm' | 'WrappingKeySpec'>,
  wrap: (publicKey: Uint8Array) => Uint8Array,
) {
  const parameters = await client.send(
    new sdk.GetParametersForImportCommand({ KeyId, ...wrapping }),
  );
  return client.send(
    new sdk.ImportKeyMaterialCommand({
      KeyId,
      ImportToken: parameters.ImportToken,
      EncryptedKeyMaterial: wrap(parameters.PublicKey as Uint8Array),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    }),
  );
}

const RSA_OAEP_256 = {
  WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
  WrappingKeySpec: 'RSA_2048',
} as const;

/** OpenSSL's SM2 encryption of `material` to an SM2 SubjectPublicKeyInfo. */
function opensslSm2Encrypt(publicKey: Uint8Array, material: Uint8Array): Uint8Array {
  const dir = scratchDir();
  const [pub, input, output] = ['wrapping.pem', 'material.bin', 'wrapped.der'].map((name) =>
    join(dir, name),
  ) as [string, string, string];
  writeFileSync(pub, toPem(publicKey, 'PUBLIC KEY'));
  writeFileSync(input, material);
  openssl(['pkeyutl', '-encrypt', '-pubin', '-inkey', pub, '-in', input, '-out', output]);
  return new Uint8Array(readFileSync(output));
}

describe('imported secp256k1 and SM2 key material', () => {
  it('imports a secp256k1 key made by OpenSSL: node:crypto verifies its signatures', async () => {
    const { client } = sdkClient();
    const created = await client.send(
      new sdk.CreateKeyCommand({
        Origin: 'EXTERNAL',
        KeySpec: 'ECC_SECG_P256K1',
        KeyUsage: 'SIGN_VERIFY',
      }),
    );
    const KeyId = created.KeyMetadata?.KeyId as string;
    expect(created.KeyMetadata?.KeyState).toBe('PendingImport');
    const pair = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
    await importWith(client, KeyId, RSA_OAEP_256, (publicKey) =>
      wrapKeyMaterial(publicKey, 'RSA_AES_KEY_WRAP_SHA_256', pkcs8),
    );
    const { PublicKey } = await client.send(new sdk.GetPublicKeyCommand({ KeyId }));
    expect(Buffer.from(PublicKey as Uint8Array)).toEqual(
      pair.publicKey.export({ format: 'der', type: 'spki' }),
    );
    const message = Buffer.from('signed by an imported secp256k1 key');
    const { Signature } = await client.send(
      new sdk.SignCommand({ KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect(verify('sha256', message, pair.publicKey, Signature as Uint8Array)).toBe(true);
    // A NIST P-256 key is not secp256k1 material.
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const other = await client.send(
      new sdk.CreateKeyCommand({
        Origin: 'EXTERNAL',
        KeySpec: 'ECC_SECG_P256K1',
        KeyUsage: 'SIGN_VERIFY',
      }),
    );
    const wrongCurve = await failure(
      importWith(client, other.KeyMetadata?.KeyId as string, RSA_OAEP_256, (publicKey) =>
        wrapKeyMaterial(
          publicKey,
          'RSA_AES_KEY_WRAP_SHA_256',
          p256.export({ format: 'der', type: 'pkcs8' }),
        ),
      ),
    );
    expect([wrongCurve.name, wrongCurve.message]).toEqual([
      'ValidationException',
      'The key material is not a PKCS #8 private key of key spec ECC_SECG_P256K1: it is a ECC_NIST_P256 key.',
    ]);
  });

  it('in a China Region, wraps with SM2PKE: OpenSSL encrypts the material to the SM2 wrapping key', async () => {
    const { client } = sdkClient({ region: 'cn-north-1' });
    const created = await client.send(new sdk.CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const KeyId = created.KeyMetadata?.KeyId as string;
    expect(created.KeyMetadata?.Arn).toMatch(/^arn:aws-cn:kms:cn-north-1:/);
    const material = randomBytes(32);
    const sm2Wrapping = { WrappingAlgorithm: 'SM2PKE', WrappingKeySpec: 'SM2' } as const;
    const imported = await importWith(client, KeyId, sm2Wrapping, (publicKey) =>
      opensslSm2Encrypt(publicKey, material),
    );
    expect(imported.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const { CiphertextBlob } = await client.send(
      new sdk.EncryptCommand({ KeyId, Plaintext: Buffer.from('under SM2-wrapped material') }),
    );
    // The material OpenSSL wrapped is the key that encrypted.
    expect(openBlobWith(material, CiphertextBlob as Uint8Array).toString()).toBe(
      'under SM2-wrapped material',
    );
    // Bytes that are not an SM2 encryption under this wrapping key do not open.
    const garbled = await failure(importWith(client, KeyId, sm2Wrapping, () => randomBytes(140)));
    expect(garbled.name).toBe('InvalidCiphertextException');
    // Encrypted to some other SM2 key, not the wrapping key.
    const elsewhere = await failure(
      importWith(client, KeyId, sm2Wrapping, () =>
        opensslSm2Encrypt(
          generateKeyPairSync('ec', { namedCurve: 'SM2' }).publicKey.export({
            format: 'der',
            type: 'spki',
          }),
          material,
        ),
      ),
    );
    expect(elsewhere.name).toBe('InvalidCiphertextException');
  });

  it('imports an SM2 key made by OpenSSL, wrapped with SM2PKE: OpenSSL decrypts what it encrypts', async () => {
    const { client } = sdkClient({ region: 'cn-north-1' });
    const created = await client.send(
      new sdk.CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: 'SM2', KeyUsage: 'ENCRYPT_DECRYPT' }),
    );
    const KeyId = created.KeyMetadata?.KeyId as string;
    const pair = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
    await importWith(
      client,
      KeyId,
      { WrappingAlgorithm: 'SM2PKE', WrappingKeySpec: 'SM2' },
      (publicKey) => opensslSm2Encrypt(publicKey, pkcs8),
    );
    const { PublicKey } = await client.send(new sdk.GetPublicKeyCommand({ KeyId }));
    expect(Buffer.from(PublicKey as Uint8Array)).toEqual(
      pair.publicKey.export({ format: 'der', type: 'spki' }),
    );
    const { CiphertextBlob } = await client.send(
      new sdk.EncryptCommand({
        KeyId,
        Plaintext: Buffer.from('for the imported SM2 key'),
        EncryptionAlgorithm: 'SM2PKE',
      }),
    );
    const dir = scratchDir();
    const [keyFile, input, output] = ['key.pem', 'ct.der', 'pt.bin'].map((name) =>
      join(dir, name),
    ) as [string, string, string];
    writeFileSync(keyFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    writeFileSync(input, CiphertextBlob as Uint8Array);
    openssl(['pkeyutl', '-decrypt', '-inkey', keyFile, '-in', input, '-out', output]);
    expect(readFileSync(output, 'utf8')).toBe('for the imported SM2 key');
  });

  it('refuses EXTERNAL keys of specs AWS imports nothing into, with the reason', async () => {
    const { client } = sdkClient();
    for (const [KeySpec, KeyUsage] of [
      ['ECC_NIST_EDWARDS25519', 'SIGN_VERIFY'],
      ['ML_DSA_65', 'SIGN_VERIFY'],
      ['ML_KEM_768', 'ENCAPSULATE_DECAPSULATE'],
    ] as const) {
      const refused = await failure(
        client.send(new sdk.CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec, KeyUsage })),
      );
      expect([refused.name, refused.message]).toEqual([
        'UnsupportedOperationException',
        `Key material can be imported into symmetric encryption, HMAC, RSA, ECC and SM2 KMS keys, not into ${KeySpec} keys.`,
      ]);
    }
  });
});
