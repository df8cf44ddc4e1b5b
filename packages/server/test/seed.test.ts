import { createDecipheriv } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyPairCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  awsCliAvailable,
  awsKms,
  cleanEnv,
  directoryPerTest,
  runBin,
  sdkClient,
  spawnServer,
} from './support/server.js';

const directory = directoryPerTest();

/** local-kms's README seed files, kept by the core package's tests. */
const SEEDS = fileURLToPath(new URL('../../core/test/fixtures/seeds/', import.meta.url));
const AES_ID = 'bc436485-5092-42b8-92a3-0aa8b93536dc';
const ECC_ID = '800d5768-3fd7-4edd-a4b8-4c81c3e4c147';
const AES_KEY = '5cdaead27fe7da2de47945d73cd6d79e36494e73802f3cd3869f1d2cb0b5d7a9';
const text = (value: string) => new TextEncoder().encode(value);

describe('kms-lab serve --seed', () => {
  it('two fresh servers from local-kms’s README seed have its key IDs and decrypt each other’s ciphertexts', async () => {
    const seedFile = join(directory.path, 'seed.yaml');
    await copyFile(join(SEEDS, 'local-kms-readme-simple.yaml'), seedFile);
    const first = await spawnServer(
      ['serve', '--port', '0', '--memory', '--seed', seedFile],
      directory.path,
    );
    // The second takes the seed from the environment, into a file store.
    const second = await spawnServer(
      ['serve', '--port', '0', '--data', join(directory.path, 'second.json')],
      directory.path,
      cleanEnv({ KMS_LAB_SEED: seedFile }),
    );
    expect(first.output().stdout).toContain(`Seed ${seedFile}: created 2 keys and 1 alias.`);
    const one = sdkClient(first);
    const two = sdkClient(second);
    try {
      for (const kms of [one, two]) {
        const { Keys } = await kms.send(new ListKeysCommand({}));
        expect(Keys?.map((key) => key.KeyId).sort()).toEqual([ECC_ID, AES_ID].sort());
        const { Aliases } = await kms.send(new ListAliasesCommand({}));
        // Besides AWS's predefined alias/aws/* names (no TargetKeyId), the seed's one alias.
        const created = Aliases?.filter((alias) => !alias.AliasName?.startsWith('alias/aws/'));
        expect(created?.map((alias) => [alias.AliasName, alias.TargetKeyId])).toEqual([
          ['alias/testing', AES_ID],
        ]);
      }
      const sealed = await one.send(
        new EncryptCommand({
          KeyId: 'alias/testing',
          Plaintext: text('from one'),
          EncryptionContext: { app: 'seed' },
        }),
      );
      const opened = await two.send(
        new DecryptCommand({
          CiphertextBlob: sealed.CiphertextBlob,
          EncryptionContext: { app: 'seed' },
        }),
      );
      expect(new TextDecoder().decode(opened.Plaintext)).toBe('from one');
      // And the other way, with a data key pair's private key.
      const pair = await two.send(
        new GenerateDataKeyPairCommand({ KeyId: AES_ID, KeyPairSpec: 'ECC_NIST_P256' }),
      );
      const back = await one.send(
        new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob }),
      );
      expect(back.Plaintext).toEqual(pair.PrivateKeyPlaintext);
      // The blob is AES-256-GCM under the seed's backing key (docs/ciphertext-format.md).
      const blob = pair.PrivateKeyCiphertextBlob as Uint8Array;
      const header = 53 + (blob[4] as number);
      const decipher = createDecipheriv(
        'aes-256-gcm',
        Buffer.from(AES_KEY, 'hex'),
        blob.subarray(header - 16, header - 4),
      );
      decipher.setAAD(Buffer.concat([blob.subarray(0, header), Buffer.alloc(4)]));
      decipher.setAuthTag(blob.subarray(blob.length - 16));
      const plain = Buffer.concat([
        decipher.update(blob.subarray(header, blob.length - 16)),
        decipher.final(),
      ]);
      expect(new Uint8Array(plain)).toEqual(pair.PrivateKeyPlaintext);
    } finally {
      one.destroy();
      two.destroy();
    }
    expect(await first.stop()).toBe(0);
    expect(await second.stop()).toBe(0);
  });

  it('leaves keys that exist alone on a restart with the same seed, and takes the KMS Lab JSON format', async () => {
    const dataFile = join(directory.path, 'keys.json');
    const seedFile = join(directory.path, 'seed.json');
    const keyId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    await writeFile(
      seedFile,
      JSON.stringify({
        Format: 'kms-lab/seed',
        Version: 1,
        Keys: [
          { KeyId: keyId, Description: 'seeded', Tags: [{ TagKey: 'team', TagValue: 'lab' }] },
        ],
        Aliases: [{ AliasName: 'alias/seeded', TargetKeyId: keyId }],
      }),
    );
    const args = ['serve', '--port', '0', '--data', dataFile, '--seed', seedFile];
    const first = await spawnServer(args, directory.path);
    let kms = sdkClient(first);
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/seeded' }));
    expect(KeyMetadata).toMatchObject({ KeyId: keyId, Description: 'seeded' });
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags).toEqual([
      { TagKey: 'team', TagValue: 'lab' },
    ]);
    const sealed = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: text('kept') }));
    kms.destroy();
    expect(await first.stop()).toBe(0);

    const second = await spawnServer(args, directory.path);
    expect(second.output().stdout).toContain(
      'created 0 keys and 0 aliases; 1 key and 1 alias existed already and were left alone.',
    );
    kms = sdkClient(second);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));
    expect(new TextDecoder().decode(opened.Plaintext)).toBe('kept');
    const described = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(described.KeyMetadata?.CurrentKeyMaterialId).toBe(KeyMetadata?.CurrentKeyMaterialId);
    kms.destroy();
    expect(await second.stop()).toBe(0);
  });

  it('a bad seed stops the server with a message naming the key and field, and the store keeps its keys', async () => {
    const dataFile = join(directory.path, 'keys.json');
    const server = await spawnServer(['serve', '--port', '0', '--data', dataFile], directory.path);
    const kms = sdkClient(server);
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'precious' }));
    kms.destroy();
    expect(await server.stop()).toBe(0);
    const before = await readFile(dataFile, 'utf8');

    const seedFile = join(directory.path, 'bad.yaml');
    const secret = 'ab'.repeat(31);
    await writeFile(
      seedFile,
      `Keys:\n  Symmetric:\n    Aes:\n      - Metadata:\n          KeyId: ${AES_ID}\n        BackingKeys:\n          - ${secret}\n`,
    );
    const failed = await runBin(
      ['serve', '--port', '0', '--data', dataFile, '--seed', seedFile],
      directory.path,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      `kms-lab: the seed file ${seedFile} cannot be used: Keys.Symmetric.Aes[0] (key ${AES_ID}): BackingKeys[0] must be 64 hexadecimal digits (32 bytes); it has 62 characters. Nothing of it was stored.`,
    );
    expect(failed.stderr).not.toContain(secret);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(dataFile, 'utf8')).toBe(before);

    const missing = await runBin(
      ['serve', '--port', '0', '--memory', '--seed', join(directory.path, 'none.yaml')],
      directory.path,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `Cannot read the seed file ${join(directory.path, 'none.yaml')}: ENOENT.`,
    );

    const restarted = await spawnServer(
      ['serve', '--port', '0', '--data', dataFile],
      directory.path,
    );
    const again = sdkClient(restarted);
    expect(
      (await again.send(new DescribeKeyCommand({ KeyId: KeyMetadata?.KeyId }))).KeyMetadata
        ?.Description,
    ).toBe('precious');
    again.destroy();
    expect(await restarted.stop()).toBe(0);
  });

  it.runIf(awsCliAvailable)(
    'the AWS CLI: a ciphertext from one seeded server decrypts on the other; LocalStack tags as LocalStack scripts pass them',
    async () => {
      const seedFile = join(SEEDS, 'local-kms-readme-rotated.yaml');
      const first = await spawnServer(
        ['serve', '--port', '0', '--memory', '--seed', seedFile],
        directory.path,
      );
      const second = await spawnServer(
        ['serve', '--port', '0', '--memory', '--seed', seedFile],
        directory.path,
      );
      const one = awsKms(first.url, directory.path);
      const two = awsKms(second.url, directory.path);
      const plaintextFile = join(directory.path, 'plain.txt');
      await writeFile(plaintextFile, 'from the CLI');
      const blob = await one(
        'encrypt',
        '--key-id',
        'alias/test',
        '--plaintext',
        `fileb://${plaintextFile}`,
        '--query',
        'CiphertextBlob',
        '--output',
        'text',
      );
      await writeFile(join(directory.path, 'blob.bin'), Buffer.from(blob, 'base64'));
      const plain = await two(
        'decrypt',
        '--ciphertext-blob',
        `fileb://${join(directory.path, 'blob.bin')}`,
        '--query',
        'Plaintext',
        '--output',
        'text',
      );
      expect(Buffer.from(plain, 'base64').toString()).toBe('from the CLI');

      const customId = 'fe960654-cdc9-4580-9368-8c58c3865a46';
      const material = Buffer.alloc(32, 5).toString('base64');
      const created = JSON.parse(
        await one(
          'create-key',
          '--tags',
          JSON.stringify([
            { TagKey: '_custom_key_material_', TagValue: material },
            { TagKey: '_custom_id_', TagValue: customId },
          ]),
        ),
      );
      expect(created.KeyMetadata.KeyId).toBe(customId);
      const tags = JSON.parse(await one('list-resource-tags', '--key-id', customId));
      expect(tags.Tags).toEqual([{ TagKey: '_custom_id_', TagValue: customId }]);
      expect(await first.stop()).toBe(0);
      expect(await second.stop()).toBe(0);
    },
  );
});
