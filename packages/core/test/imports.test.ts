import { constants, createHmac, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  expectedMaterialId,
  openBlobWith,
  type WrappingAlgorithm,
  wrapKeyMaterial,
} from './support/import-wrapping.js';
import { BytesStore, rejection } from './support/kms.js';
import { IMPORT_OPERATIONS, sdkClient } from './support/sdk.js';

/**
 * Imported key material through the real @aws-sdk/client-kms in process, with the material
 * wrapped by node:crypto (OpenSSL), and expiry on the engine's clock.
 */
const failure = async (command: Promise<unknown>) =>
  (await rejection(command)) as unknown as sdk.KMSServiceException;

type Client = ReturnType<typeof sdkClient>['client'];
const DAY_MS = 24 * 60 * 60 * 1000;

async function externalKey(client: Client) {
  const created = await client.send(new sdk.CreateKeyCommand({ Origin: 'EXTERNAL' }));
  return created.KeyMetadata as sdk.KeyMetadata & { KeyId: string; Arn: string };
}

async function importMaterial(
  client: Client,
  keyId: string,
  material: Uint8Array,
  options: Partial<sdk.ImportKeyMaterialRequest> & {
    algorithm?: WrappingAlgorithm;
    spec?: sdk.WrappingKeySpec;
  } = {},
) {
  const { algorithm = 'RSAES_OAEP_SHA_256', spec = 'RSA_2048', ...rest } = options;
  const parameters = await client.send(
    new sdk.GetParametersForImportCommand({
      KeyId: keyId,
      WrappingAlgorithm: algorithm,
      WrappingKeySpec: spec,
    }),
  );
  return client.send(
    new sdk.ImportKeyMaterialCommand({
      KeyId: keyId,
      ImportToken: parameters.ImportToken,
      EncryptedKeyMaterial: wrapKeyMaterial(
        parameters.PublicKey as Uint8Array,
        algorithm,
        material,
      ),
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      ...rest,
    }),
  );
}

const encryptUnder = async (client: Client, keyId: string, text: string) =>
  (await client.send(new sdk.EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(text) })))
    .CiphertextBlob as Uint8Array;

const decryptText = async (client: Client, blob: Uint8Array) =>
  Buffer.from(
    (await client.send(new sdk.DecryptCommand({ CiphertextBlob: blob }))).Plaintext as Uint8Array,
  ).toString();

describe('imported key material through @aws-sdk/client-kms', () => {
  it('makes an EXTERNAL key PendingImport until its material is imported', async () => {
    const { client } = sdkClient();
    const key = await externalKey(client);
    expect(key).toMatchObject({ Origin: 'EXTERNAL', KeyState: 'PendingImport', Enabled: false });
    expect(key.CurrentKeyMaterialId).toBeUndefined();
    const refused = await failure(encryptUnder(client, key.KeyId, 'x'));
    expect(refused.name).toBe('KMSInvalidStateException');
    expect(refused.message).toBe(`${key.Arn} is pending import.`);
    const rotate = await failure(
      client.send(new sdk.RotateKeyOnDemandCommand({ KeyId: key.KeyId })),
    );
    expect([rotate.name, rotate.message]).toEqual([
      'KMSInvalidStateException',
      `${key.Arn} is pending import.`,
    ]);
  });

  for (const [algorithm, spec] of [
    ['RSAES_OAEP_SHA_1', 'RSA_2048'],
    ['RSAES_OAEP_SHA_256', 'RSA_3072'],
    ['RSA_AES_KEY_WRAP_SHA_1', 'RSA_2048'],
    ['RSA_AES_KEY_WRAP_SHA_256', 'RSA_4096'],
  ] as const) {
    it(`imports material wrapped by OpenSSL with ${algorithm} under ${spec}, and encrypts with it`, async () => {
      const { client } = sdkClient();
      const key = await externalKey(client);
      const parameters = await client.send(
        new sdk.GetParametersForImportCommand({
          KeyId: key.KeyId,
          WrappingAlgorithm: algorithm,
          WrappingKeySpec: spec,
        }),
      );
      expect(parameters.KeyId).toBe(key.Arn);
      expect(parameters.ParametersValidTo?.getTime()).toBe(
        new Date('2026-03-01T00:00:00Z').getTime() + DAY_MS,
      );
      const material = randomBytes(32);
      const imported = await client.send(
        new sdk.ImportKeyMaterialCommand({
          KeyId: key.KeyId,
          ImportToken: parameters.ImportToken,
          EncryptedKeyMaterial: wrapKeyMaterial(
            parameters.PublicKey as Uint8Array,
            algorithm,
            material,
          ),
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      );
      expect(imported.KeyMaterialId).toBe(expectedMaterialId(key.KeyId, material));
      const described = await client.send(new sdk.DescribeKeyCommand({ KeyId: key.KeyId }));
      expect(described.KeyMetadata).toMatchObject({
        KeyState: 'Enabled',
        Enabled: true,
        Origin: 'EXTERNAL',
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        CurrentKeyMaterialId: imported.KeyMaterialId,
      });
      const blob = await encryptUnder(client, key.KeyId, 'hello');
      // node:crypto opens the blob with the material it wrapped: the engine used exactly it.
      expect(openBlobWith(material, blob).toString()).toBe('hello');
      expect(await decryptText(client, blob)).toBe('hello');
    });
  }

  it('works the same on a store that keeps bytes (the server file)', async () => {
    const { client } = sdkClient({ store: new BytesStore() });
    const key = await externalKey(client);
    const material = randomBytes(32);
    await importMaterial(client, key.KeyId, material, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256' });
    expect(openBlobWith(material, await encryptUnder(client, key.KeyId, 'bytes')).toString()).toBe(
      'bytes',
    );
  });

  it('expires material at ValidTo on the engine clock; the same material brings old ciphertexts back, other material is refused', async () => {
    const { client, kms, advanceDays } = sdkClient();
    const key = await externalKey(client);
    const material = randomBytes(32);
    const validTo = new Date(kms.now().getTime() + 2 * DAY_MS);
    await importMaterial(client, key.KeyId, material, {
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
      ValidTo: validTo,
      KeyMaterialDescription: 'first',
    });
    expect(
      (await client.send(new sdk.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata,
    ).toMatchObject({
      KeyState: 'Enabled',
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
      ValidTo: validTo,
    });
    const blob = await encryptUnder(client, key.KeyId, 'before');

    advanceDays(2);
    expect(
      (await client.send(new sdk.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState,
    ).toBe('PendingImport');
    const refused = await failure(client.send(new sdk.DecryptCommand({ CiphertextBlob: blob })));
    expect([refused.name, refused.message]).toEqual([
      'KMSInvalidStateException',
      `${key.Arn} is pending import.`,
    ]);
    const rotations = await client.send(
      new sdk.ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    expect(rotations.Rotations).toEqual([
      {
        KeyId: key.KeyId,
        KeyMaterialId: expectedMaterialId(key.KeyId, material),
        KeyMaterialState: 'CURRENT',
        ImportState: 'PENDING_IMPORT',
        KeyMaterialDescription: 'first',
        ExpirationModel: 'KEY_MATERIAL_EXPIRES',
        ValidTo: validTo,
      },
    ]);

    const other = await failure(importMaterial(client, key.KeyId, randomBytes(32)));
    expect(other.name).toBe('IncorrectKeyMaterialException');
    const again = await importMaterial(client, key.KeyId, material, {
      algorithm: 'RSA_AES_KEY_WRAP_SHA_1',
      KeyMaterialId: expectedMaterialId(key.KeyId, material),
    });
    expect(again.KeyMaterialId).toBe(expectedMaterialId(key.KeyId, material));
    expect(await decryptText(client, blob)).toBe('before');
    const listed = await client.send(
      new sdk.ListKeyRotationsCommand({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
    );
    // The description is kept from the earlier import when none is given.
    expect(listed.Rotations?.[0]).toMatchObject({
      ImportState: 'IMPORTED',
      KeyMaterialDescription: 'first',
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    });
  });

  it('DeleteImportedKeyMaterial makes the key PendingImport until the same material returns', async () => {
    const { client } = sdkClient();
    const key = await externalKey(client);
    const material = randomBytes(32);
    const { KeyMaterialId } = await importMaterial(client, key.KeyId, material);
    const blob = await encryptUnder(client, key.KeyId, 'kept');
    const deleted = await client.send(
      new sdk.DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }),
    );
    expect(deleted).toMatchObject({ KeyId: key.Arn, KeyMaterialId });
    expect(
      (await client.send(new sdk.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState,
    ).toBe('PendingImport');
    expect((await failure(encryptUnder(client, key.KeyId, 'x'))).name).toBe(
      'KMSInvalidStateException',
    );
    await importMaterial(client, key.KeyId, material, { ImportType: 'EXISTING_KEY_MATERIAL' });
    expect(await decryptText(client, blob)).toBe('kept');
  });

  it('imports new material for on-demand rotation, as the newest AWS does', async () => {
    const { client, sent } = sdkClient();
    const key = await externalKey(client);
    const first = randomBytes(32);
    await importMaterial(client, key.KeyId, first);
    const oldBlob = await encryptUnder(client, key.KeyId, 'old');
    const enable = await failure(
      client.send(new sdk.EnableKeyRotationCommand({ KeyId: key.KeyId })),
    );
    expect([enable.name, enable.message]).toEqual([
      'UnsupportedOperationException',
      `${key.Arn} origin is EXTERNAL which is not valid for this operation.`,
    ]);
    const nothing = await failure(
      client.send(new sdk.RotateKeyOnDemandCommand({ KeyId: key.KeyId })),
    );
    expect(nothing.name).toBe('KMSInvalidStateException');

    const second = randomBytes(32);
    const next = await importMaterial(client, key.KeyId, second, {
      ImportType: 'NEW_KEY_MATERIAL',
      KeyMaterialDescription: 'second',
    });
    const third = await failure(
      importMaterial(client, key.KeyId, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL' }),
    );
    expect(third.name).toBe('KMSInvalidStateException');
    expect(third.message).toMatch(
      new RegExp(
        `^New key material \\(id: [0-9a-f]{64}\\) cannot be imported into KMS key ${key.KeyId}, because another key material \\(id: ${next.KeyMaterialId}\\) is pending rotation\\.$`,
      ),
    );
    // Material pending rotation can be deleted outright, and imported again as new.
    await client.send(
      new sdk.DeleteImportedKeyMaterialCommand({
        KeyId: key.KeyId,
        KeyMaterialId: next.KeyMaterialId,
      }),
    );
    expect(
      (await client.send(new sdk.ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations,
    ).toEqual([]);
    await importMaterial(client, key.KeyId, second, {
      ImportType: 'NEW_KEY_MATERIAL',
      KeyMaterialDescription: 'second',
    });
    const pending = await client.send(new sdk.ListKeyRotationsCommand({ KeyId: key.KeyId }));
    expect(pending.Rotations).toEqual([
      expect.objectContaining({
        KeyMaterialId: next.KeyMaterialId,
        KeyMaterialState: 'PENDING_ROTATION',
        ImportState: 'IMPORTED',
        KeyMaterialDescription: 'second',
      }),
    ]);
    // Still encrypting under the first material until the rotation.
    expect(openBlobWith(first, await encryptUnder(client, key.KeyId, 'a')).toString()).toBe('a');

    await client.send(new sdk.RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    const described = await client.send(new sdk.DescribeKeyCommand({ KeyId: key.KeyId }));
    expect(described.KeyMetadata?.CurrentKeyMaterialId).toBe(next.KeyMaterialId);
    expect(openBlobWith(second, await encryptUnder(client, key.KeyId, 'b')).toString()).toBe('b');
    expect(await decryptText(client, oldBlob)).toBe('old');
    const rotations = await client.send(new sdk.ListKeyRotationsCommand({ KeyId: key.KeyId }));
    expect(rotations.Rotations).toEqual([
      expect.objectContaining({ KeyMaterialState: 'CURRENT', RotationType: 'ON_DEMAND' }),
    ]);
    expect([...sent].filter((name) => IMPORT_OPERATIONS.includes(name as never)).sort()).toEqual(
      [...IMPORT_OPERATIONS].sort(),
    );
  });

  it('refuses tokens of another key, made-up tokens and tokens older than 24 hours', async () => {
    const { client, advanceDays } = sdkClient();
    const key = await externalKey(client);
    const other = await externalKey(client);
    const parameters = await client.send(
      new sdk.GetParametersForImportCommand({
        KeyId: key.KeyId,
        WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        WrappingKeySpec: 'RSA_2048',
      }),
    );
    const wrapped = wrapKeyMaterial(
      parameters.PublicKey as Uint8Array,
      'RSAES_OAEP_SHA_256',
      randomBytes(32),
    );
    const send = (keyId: string, token: Uint8Array) =>
      client.send(
        new sdk.ImportKeyMaterialCommand({
          KeyId: keyId,
          ImportToken: token,
          EncryptedKeyMaterial: wrapped,
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      );
    const token = parameters.ImportToken as Uint8Array;
    expect((await failure(send(other.KeyId, token))).name).toBe('InvalidImportTokenException');
    const altered = Uint8Array.from(token);
    altered[25] = (altered[25] as number) ^ 1;
    expect((await failure(send(key.KeyId, altered))).name).toBe('InvalidImportTokenException');
    expect((await failure(send(key.KeyId, randomBytes(45)))).name).toBe(
      'InvalidImportTokenException',
    );
    advanceDays(1);
    expect((await failure(send(key.KeyId, token))).name).toBe('ExpiredImportTokenException');
  });

  it('answers bad requests with AWS exceptions that say what is wrong', async () => {
    const { client } = sdkClient();
    const own = (await client.send(new sdk.CreateKeyCommand({}))).KeyMetadata as sdk.KeyMetadata;
    const notExternal = await failure(
      client.send(
        new sdk.GetParametersForImportCommand({
          KeyId: own.KeyId,
          WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
          WrappingKeySpec: 'RSA_2048',
        }),
      ),
    );
    expect([notExternal.name, notExternal.message]).toEqual([
      'UnsupportedOperationException',
      `${own.Arn} origin is AWS_KMS which is not valid for this operation.`,
    ]);
    const key = await externalKey(client);
    const sm2 = await failure(
      client.send(
        new sdk.GetParametersForImportCommand({
          KeyId: key.KeyId,
          WrappingAlgorithm: 'SM2PKE',
          WrappingKeySpec: 'SM2',
        }),
      ),
    );
    expect(sm2.name).toBe('ValidationException');
    expect(sm2.message).toContain('only in China Regions');
    const noValidTo = await failure(
      importMaterial(client, key.KeyId, randomBytes(32), { ExpirationModel: undefined }),
    );
    expect([noValidTo.name, noValidTo.message]).toEqual([
      'ValidationException',
      'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
    ]);
    const short = await failure(importMaterial(client, key.KeyId, randomBytes(16)));
    expect(short.name).toBe('ValidationException');
    expect(short.message).toContain('not 16');
    const withId = await failure(
      importMaterial(client, key.KeyId, randomBytes(32), {
        ImportType: 'NEW_KEY_MATERIAL',
        KeyMaterialId: 'a'.repeat(64),
      }),
    );
    expect(withId.name).toBe('ValidationException');
    // Wrapped with SHA-1 where the parameters said SHA-256.
    const parameters = await client.send(
      new sdk.GetParametersForImportCommand({
        KeyId: key.KeyId,
        WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
        WrappingKeySpec: 'RSA_2048',
      }),
    );
    const wrongHash = await failure(
      client.send(
        new sdk.ImportKeyMaterialCommand({
          KeyId: key.KeyId,
          ImportToken: parameters.ImportToken,
          EncryptedKeyMaterial: wrapKeyMaterial(
            parameters.PublicKey as Uint8Array,
            'RSAES_OAEP_SHA_1',
            randomBytes(32),
          ),
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      ),
    );
    expect(wrongHash.name).toBe('InvalidCiphertextException');
    expect(wrongHash.message).toContain('RSA-OAEP decryption failed');
    const notFound = await failure(
      client.send(
        new sdk.DeleteImportedKeyMaterialCommand({
          KeyId: key.KeyId,
          KeyMaterialId: 'b'.repeat(64),
        }),
      ),
    );
    expect(notFound.name).toBe('NotFoundException');
  });

  it('imports HMAC keys: node:crypto computes the same MACs; the key cannot change; expiry and deletion', async () => {
    const { client, kms, advanceDays } = sdkClient();
    const created = await client.send(
      new sdk.CreateKeyCommand({
        Origin: 'EXTERNAL',
        KeySpec: 'HMAC_224',
        KeyUsage: 'GENERATE_VERIFY_MAC',
      }),
    );
    const key = created.KeyMetadata as sdk.KeyMetadata & { KeyId: string; Arn: string };
    expect(key.KeyState).toBe('PendingImport');
    // 28 bytes: not a multiple of 8, so RFC 5649's padding is exercised.
    const material = randomBytes(28);
    const mac = () =>
      client.send(
        new sdk.GenerateMacCommand({
          KeyId: key.KeyId,
          Message: Buffer.from('message'),
          MacAlgorithm: 'HMAC_SHA_224',
        }),
      );
    expect((await failure(mac())).name).toBe('KMSInvalidStateException');
    const imported = await importMaterial(client, key.KeyId, material, {
      algorithm: 'RSA_AES_KEY_WRAP_SHA_256',
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
      ValidTo: new Date(kms.now().getTime() + DAY_MS),
    });
    expect(imported.KeyMaterialId).toBe(expectedMaterialId(key.KeyId, material));
    const expected = createHmac('sha224', material).update('message').digest();
    expect(Buffer.from((await mac()).Mac as Uint8Array)).toEqual(expected);
    expect(
      (await client.send(new sdk.DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata,
    ).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_EXPIRES' });

    advanceDays(1);
    expect((await failure(mac())).message).toBe(`${key.Arn} is pending import.`);
    const other = await failure(importMaterial(client, key.KeyId, randomBytes(28)));
    expect(other.name).toBe('IncorrectKeyMaterialException');
    const wrongLength = await failure(importMaterial(client, key.KeyId, randomBytes(32)));
    expect([wrongLength.name, wrongLength.message]).toEqual([
      'ValidationException',
      'The key material of a HMAC_224 key must be 28 bytes, not 32.',
    ]);
    const withType = await failure(
      importMaterial(client, key.KeyId, material, { ImportType: 'EXISTING_KEY_MATERIAL' }),
    );
    expect(withType.name).toBe('ValidationException');
    await importMaterial(client, key.KeyId, material);
    expect(Buffer.from((await mac()).Mac as Uint8Array)).toEqual(expected);
    const deleted = await client.send(
      new sdk.DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }),
    );
    expect(deleted.KeyMaterialId).toBe(imported.KeyMaterialId);
    expect((await failure(mac())).name).toBe('KMSInvalidStateException');
  });

  it('imports RSA and NIST-curve private keys made by OpenSSL: signatures verify with node:crypto', async () => {
    const { client } = sdkClient();
    for (const [spec, algorithm, make] of [
      ['RSA_2048', 'RSASSA_PSS_SHA_256', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
      ['ECC_NIST_P256', 'ECDSA_SHA_256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ] as const) {
      const created = await client.send(
        new sdk.CreateKeyCommand({ Origin: 'EXTERNAL', KeySpec: spec, KeyUsage: 'SIGN_VERIFY' }),
      );
      const keyId = created.KeyMetadata?.KeyId as string;
      expect(created.KeyMetadata?.KeyState).toBe('PendingImport');
      const pair = make();
      const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
      await importMaterial(client, keyId, pkcs8, { algorithm: 'RSA_AES_KEY_WRAP_SHA_256' });
      const { PublicKey } = await client.send(new sdk.GetPublicKeyCommand({ KeyId: keyId }));
      expect(Buffer.from(PublicKey as Uint8Array)).toEqual(
        pair.publicKey.export({ format: 'der', type: 'spki' }),
      );
      const message = Buffer.from(`signed by an imported ${spec} key`);
      const { Signature } = await client.send(
        new sdk.SignCommand({ KeyId: keyId, Message: message, SigningAlgorithm: algorithm }),
      );
      const options =
        spec === 'RSA_2048'
          ? { key: pair.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
          : pair.publicKey;
      expect(verify('sha256', message, options, Signature as Uint8Array)).toBe(true);
      const other = await failure(
        importMaterial(client, keyId, make().privateKey.export({ format: 'der', type: 'pkcs8' }), {
          algorithm: 'RSA_AES_KEY_WRAP_SHA_256',
        }),
      );
      expect(other.name).toBe('IncorrectKeyMaterialException');
    }
    const p256 = await client.send(
      new sdk.CreateKeyCommand({
        Origin: 'EXTERNAL',
        KeySpec: 'ECC_NIST_P256',
        KeyUsage: 'SIGN_VERIFY',
      }),
    );
    const p384Key = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    const wrongCurve = await failure(
      importMaterial(
        client,
        p256.KeyMetadata?.KeyId as string,
        p384Key.export({ format: 'der', type: 'pkcs8' }),
        {
          algorithm: 'RSA_AES_KEY_WRAP_SHA_256',
        },
      ),
    );
    expect(wrongCurve.name).toBe('ValidationException');
    expect(wrongCurve.message).toContain('ECC_NIST_P256');
  });
});
