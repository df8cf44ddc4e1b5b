import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateKeyCommand,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  ListKeyRotationsCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { expectedMaterialId, wrapKeyMaterial } from '../../core/test/support/import-wrapping.js';
import {
  awsCliAvailable,
  awsKms,
  boto3Available,
  directoryPerTest,
  failure,
  sdkClient,
  spawnServer,
  testServer,
} from './support/server.js';

/**
 * Imported key material over HTTP: the AWS SDK for JavaScript against a server that restarts
 * on its store file (import parameters and material kept), boto3, and the AWS CLI with the
 * material wrapped by the openssl command line.
 */
const directory = directoryPerTest();
const BOTO3_SCRIPT = fileURLToPath(
  new URL('./support/boto3_imported_key_material.py', import.meta.url),
);
const run = promisify(execFile);

const wrapWithAesKeyWrap = (publicKey: Uint8Array, material: Uint8Array) =>
  wrapKeyMaterial(publicKey, 'RSA_AES_KEY_WRAP_SHA_256', material);
const materialId = expectedMaterialId;

describe('imported key material over HTTP with the AWS SDK', () => {
  it('keeps import parameters, imported material and its deletion across restarts of the server', async () => {
    const dataFile = join(directory.path, 'keys.json');
    const serve = () => spawnServer(['serve', '--port', '0', '--data', dataFile], directory.path);
    const material = randomBytes(32);
    let first = await serve();
    let keyId: string;
    let parameters: { ImportToken?: Uint8Array; PublicKey?: Uint8Array };
    try {
      const client = sdkClient(first);
      const created = await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
      keyId = created.KeyMetadata?.KeyId as string;
      expect(created.KeyMetadata?.KeyState).toBe('PendingImport');
      parameters = await client.send(
        new GetParametersForImportCommand({
          KeyId: keyId,
          WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
          WrappingKeySpec: 'RSA_3072',
        }),
      );
    } finally {
      await first.stop();
    }
    // The wrapping private key is in the file only wrapped under the store key.
    const stored = JSON.parse(await readFile(dataFile, 'utf8'));
    const record = stored.keys.find((key: { keyId: string }) => key.keyId === keyId);
    expect(record.origin).toBe('EXTERNAL');
    expect(record.importParameters).toHaveLength(1);
    expect(Object.keys(record.importParameters[0]).sort()).toEqual([
      'tokenId',
      'validTo',
      'wrappedPrivateKey',
      'wrappingAlgorithm',
      'wrappingKeySpec',
    ]);

    first = await serve();
    let blob: Uint8Array;
    try {
      const client = sdkClient(first);
      // The token from before the restart still opens: its private key was kept.
      const imported = await client.send(
        new ImportKeyMaterialCommand({
          KeyId: keyId,
          ImportToken: parameters.ImportToken,
          EncryptedKeyMaterial: wrapWithAesKeyWrap(parameters.PublicKey as Uint8Array, material),
          ExpirationModel: 'KEY_MATERIAL_EXPIRES',
          ValidTo: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
          KeyMaterialDescription: 'sdk',
        }),
      );
      expect(imported.KeyMaterialId).toBe(materialId(keyId, material));
      blob = (
        await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('sdk') }))
      ).CiphertextBlob as Uint8Array;
    } finally {
      await first.stop();
    }

    first = await serve();
    try {
      const client = sdkClient(first);
      const described = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(described.KeyMetadata).toMatchObject({
        KeyState: 'Enabled',
        Origin: 'EXTERNAL',
        ExpirationModel: 'KEY_MATERIAL_EXPIRES',
      });
      const rotations = await client.send(
        new ListKeyRotationsCommand({ KeyId: keyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }),
      );
      expect(rotations.Rotations?.[0]).toMatchObject({
        ImportState: 'IMPORTED',
        KeyMaterialDescription: 'sdk',
      });
      const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob: blob }));
      expect(Buffer.from(Plaintext as Uint8Array).toString()).toBe('sdk');
      await client.send(new DeleteImportedKeyMaterialCommand({ KeyId: keyId }));
    } finally {
      await first.stop();
    }
    const afterDelete = JSON.parse(await readFile(dataFile, 'utf8'));
    const deletedRecord = afterDelete.keys.find((key: { keyId: string }) => key.keyId === keyId);
    expect(deletedRecord.materials[0].secret).toBeUndefined();

    first = await serve();
    try {
      const client = sdkClient(first);
      const refused = await failure(client.send(new DecryptCommand({ CiphertextBlob: blob })));
      expect(refused.name).toBe('KMSInvalidStateException');
      expect(refused.message).toMatch(/is pending import\.$/);
    } finally {
      await first.stop();
    }
  });

  it('keeps an imported HMAC key across a restart', async () => {
    const dataFile = join(directory.path, 'keys.json');
    const serve = () => spawnServer(['serve', '--port', '0', '--data', dataFile], directory.path);
    const material = randomBytes(48);
    const macOf = async (client: ReturnType<typeof sdkClient>, KeyId: string) =>
      Buffer.from(
        (
          await client.send(
            new GenerateMacCommand({
              KeyId,
              Message: Buffer.from('mac'),
              MacAlgorithm: 'HMAC_SHA_384',
            }),
          )
        ).Mac as Uint8Array,
      );
    let server = await serve();
    let keyId: string;
    try {
      const client = sdkClient(server);
      const created = await client.send(
        new CreateKeyCommand({
          Origin: 'EXTERNAL',
          KeySpec: 'HMAC_384',
          KeyUsage: 'GENERATE_VERIFY_MAC',
        }),
      );
      keyId = created.KeyMetadata?.KeyId as string;
      const parameters = await client.send(
        new GetParametersForImportCommand({
          KeyId: keyId,
          WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
          WrappingKeySpec: 'RSA_2048',
        }),
      );
      await client.send(
        new ImportKeyMaterialCommand({
          KeyId: keyId,
          ImportToken: parameters.ImportToken,
          EncryptedKeyMaterial: wrapWithAesKeyWrap(parameters.PublicKey as Uint8Array, material),
          ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        }),
      );
    } finally {
      await server.stop();
    }
    server = await serve();
    try {
      const client = sdkClient(server);
      expect(await macOf(client, keyId)).toEqual(
        createHmac('sha384', material).update('mac').digest(),
      );
    } finally {
      await server.stop();
    }
  });

  it('answers an import token of another key with InvalidImportTokenException', async () => {
    const { server } = await testServer();
    try {
      const client = sdkClient(server);
      const [one, two] = await Promise.all(
        [1, 2].map(
          async () =>
            (await client.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata?.KeyId,
        ),
      );
      const parameters = await client.send(
        new GetParametersForImportCommand({
          KeyId: one,
          WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
          WrappingKeySpec: 'RSA_2048',
        }),
      );
      const refused = await failure(
        client.send(
          new ImportKeyMaterialCommand({
            KeyId: two,
            ImportToken: parameters.ImportToken,
            EncryptedKeyMaterial: wrapWithAesKeyWrap(
              parameters.PublicKey as Uint8Array,
              randomBytes(32),
            ),
            ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
          }),
        ),
      );
      expect(refused.name).toBe('InvalidImportTokenException');
      expect(refused.message).toContain('another KMS key');
    } finally {
      await server.close();
    }
  });
});

describe('boto3', () => {
  it.skipIf(!boto3Available)(
    'creates an EXTERNAL key, imports with every RSA wrapping algorithm, deletes, re-imports, and sees the material expire',
    async () => {
      const { server } = await testServer();
      try {
        const { stdout } = await run('python3', [BOTO3_SCRIPT, server.url], { timeout: 120_000 });
        const out = JSON.parse(stdout);
        const arn = `arn:aws:kms:us-east-1:111122223333:key/${out.keyId}`;
        expect(out.created).toEqual({
          Origin: 'EXTERNAL',
          KeyState: 'PendingImport',
          Enabled: false,
        });
        expect(out.encryptBeforeImport).toEqual({
          code: 'KMSInvalidStateException',
          message: `${arn} is pending import.`,
        });
        const ids = Object.values(out.keyMaterialIds);
        expect(ids).toHaveLength(4);
        expect(new Set(ids).size).toBe(1);
        expect(out.stateAfterImport).toBe('Enabled');
        expect(out.stateAfterDelete).toBe('PendingImport');
        expect(out.decryptAfterDelete.code).toBe('KMSInvalidStateException');
        expect(out.otherMaterial.code).toBe('IncorrectKeyMaterialException');
        expect(out.decryptAfterReimport).toBe('boto3 secret');
        expect(out.describedAfterReimport).toEqual({
          KeyState: 'Enabled',
          ExpirationModel: 'KEY_MATERIAL_EXPIRES',
          ValidToSet: true,
        });
        expect(out.rotation).toEqual({
          KeyMaterialId: ids[0],
          ImportState: 'IMPORTED',
          KeyMaterialDescription: 'boto3',
          ExpirationModel: 'KEY_MATERIAL_EXPIRES',
        });
        expect(out.stateAfterValidTo).toBe('PendingImport');
        expect(out.missingValidTo).toEqual({
          code: 'ValidationException',
          message: 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
        });
        expect(out.notExternal).toEqual({
          code: 'UnsupportedOperationException',
          message: `${out.awsKmsKeyArn} origin is AWS_KMS which is not valid for this operation.`,
        });
        expect(out.otherKeysToken.code).toBe('InvalidImportTokenException');
        expect(out.hmacMatches).toBe(true);
        expect(out.ecPublicKeyMatches).toBe(true);
        expect(out.ecSignatureVerifiedByOpenssl).toBe(true);
        expect(out.hmacOtherMaterial.code).toBe('IncorrectKeyMaterialException');
      } finally {
        await server.close();
      }
    },
    120_000,
  );
});

describe('the AWS CLI', () => {
  it.skipIf(!awsCliAvailable)(
    'get-parameters-for-import, openssl wrapping, import-key-material, list-key-rotations and delete-imported-key-material',
    async () => {
      const { server } = await testServer();
      try {
        const kms = awsKms(server.url, directory.path);
        const inDir = (name: string) => join(directory.path, name);
        const keyId = await kms(
          'create-key',
          '--origin',
          'EXTERNAL',
          '--query',
          'KeyMetadata.KeyId',
          '--output',
          'text',
        );
        /**
         * get-parameters-for-import with RSAES_OAEP_SHA_1/256, its wrapping key and token
         * written to files, and material.bin wrapped by openssl into material.wrapped.
         */
        const wrapMaterial = async (md: 'sha1' | 'sha256', wrappingKeySpec: string) => {
          const algorithm = md === 'sha1' ? 'RSAES_OAEP_SHA_1' : 'RSAES_OAEP_SHA_256';
          const parameters = JSON.parse(
            await kms(
              'get-parameters-for-import',
              '--key-id',
              keyId,
              '--wrapping-algorithm',
              algorithm,
              '--wrapping-key-spec',
              wrappingKeySpec,
            ),
          );
          await writeFile(inDir('wrapping-key.der'), Buffer.from(parameters.PublicKey, 'base64'));
          await writeFile(inDir('import-token.bin'), Buffer.from(parameters.ImportToken, 'base64'));
          await run('openssl', [
            'pkeyutl',
            '-encrypt',
            '-pubin',
            '-keyform',
            'DER',
            '-inkey',
            inDir('wrapping-key.der'),
            '-pkeyopt',
            'rsa_padding_mode:oaep',
            '-pkeyopt',
            `rsa_oaep_md:${md}`,
            '-in',
            inDir('material.bin'),
            '-out',
            inDir('material.wrapped'),
          ]);
        };
        await run('openssl', ['rand', '-out', inDir('material.bin'), '32']);
        await wrapMaterial('sha256', 'RSA_2048');
        const imported = JSON.parse(
          await kms(
            'import-key-material',
            '--key-id',
            keyId,
            '--import-token',
            'fileb://import-token.bin',
            '--encrypted-key-material',
            'fileb://material.wrapped',
            '--expiration-model',
            'KEY_MATERIAL_DOES_NOT_EXPIRE',
            '--key-material-description',
            'from the CLI',
          ),
        );
        const material = await readFile(inDir('material.bin'));
        expect(imported.KeyMaterialId).toBe(materialId(keyId, material));
        expect(
          await kms(
            'describe-key',
            '--key-id',
            keyId,
            '--query',
            'KeyMetadata.[Origin,KeyState]',
            '--output',
            'text',
          ),
        ).toBe('EXTERNAL\tEnabled');
        await writeFile(inDir('message.txt'), 'cli secret');
        const blob = await kms(
          'encrypt',
          '--key-id',
          keyId,
          '--plaintext',
          'fileb://message.txt',
          '--query',
          'CiphertextBlob',
          '--output',
          'text',
        );
        await writeFile(inDir('blob.bin'), Buffer.from(blob, 'base64'));
        const rotations = JSON.parse(
          await kms(
            'list-key-rotations',
            '--key-id',
            keyId,
            '--include-key-material',
            'ALL_KEY_MATERIAL',
          ),
        );
        expect(rotations.Rotations).toEqual([
          {
            KeyId: keyId,
            KeyMaterialId: imported.KeyMaterialId,
            KeyMaterialDescription: 'from the CLI',
            ImportState: 'IMPORTED',
            KeyMaterialState: 'CURRENT',
            ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
          },
        ]);
        await kms('delete-imported-key-material', '--key-id', keyId);
        expect(
          await kms(
            'describe-key',
            '--key-id',
            keyId,
            '--query',
            'KeyMetadata.KeyState',
            '--output',
            'text',
          ),
        ).toBe('PendingImport');
        const refused = await kms('decrypt', '--ciphertext-blob', 'fileb://blob.bin').then(
          () => '',
          (error: { stderr: string }) => error.stderr,
        );
        expect(refused).toContain('KMSInvalidStateException');
        // Re-import with new parameters brings the ciphertext back.
        await wrapMaterial('sha1', 'RSA_3072');
        await kms(
          'import-key-material',
          '--key-id',
          keyId,
          '--import-token',
          'fileb://import-token.bin',
          '--encrypted-key-material',
          'fileb://material.wrapped',
          '--expiration-model',
          'KEY_MATERIAL_DOES_NOT_EXPIRE',
        );
        const plaintext = await kms(
          'decrypt',
          '--ciphertext-blob',
          'fileb://blob.bin',
          '--query',
          'Plaintext',
          '--output',
          'text',
        );
        expect(Buffer.from(plaintext, 'base64').toString()).toBe('cli secret');
      } finally {
        await server.close();
      }
    },
    120_000,
  );
});
