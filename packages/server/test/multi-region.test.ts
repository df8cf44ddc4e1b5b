import { execFile } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ReplicateKeyCommand,
  UpdatePrimaryRegionCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  awsCliAvailable,
  awsKms,
  boto3Available,
  directoryPerTest,
  failure,
  sdkClient,
  testServer,
} from './support/server.js';

const BOTO3_SCRIPT = fileURLToPath(new URL('./support/boto3_multi_region.py', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const arn = (region: string, keyId: string) => `arn:aws:kms:${region}:111122223333:key/${keyId}`;

describe('one server, every Region: the SigV4 scope chooses the Region', () => {
  const directory = directoryPerTest();

  it('keeps each Region apart, replicates, decrypts across Regions, and keeps it all across a restart', async () => {
    const dataFile = join(directory.path, 'kms-lab.json');
    const credentials = { kmslab: 'kmslab-secret' };
    const signed = { accessKeyId: 'kmslab', secretAccessKey: 'kmslab-secret' };
    let { server } = await testServer({ dataFile, credentials });
    let east = sdkClient(server, signed, 'us-east-1');
    let west = sdkClient(server, signed, 'eu-west-1');
    const single = (await east.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId as string;
    const keyId = (await east.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata
      ?.KeyId as string;
    expect(keyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect((await west.send(new ListKeysCommand({}))).Keys).toEqual([]);
    const blob = await east.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('over HTTP') }),
    );
    const replica = await east.send(
      new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }),
    );
    expect(replica.ReplicaKeyMetadata?.Arn).toBe(arn('eu-west-1', keyId));
    await west.send(new CreateAliasCommand({ AliasName: 'alias/west', TargetKeyId: keyId }));
    // East has AWS's predefined alias/aws/* names only: west's alias stays in the west.
    const eastAliases = (await east.send(new ListAliasesCommand({}))).Aliases ?? [];
    expect(eastAliases.filter((alias) => !alias.AliasName?.startsWith('alias/aws/'))).toEqual([]);
    expect(eastAliases.every((alias) => alias.AliasArn?.includes(':us-east-1:'))).toBe(true);
    // A single-Region key's ID means nothing in another Region.
    const elsewhere = await failure(west.send(new DescribeKeyCommand({ KeyId: single })));
    expect(elsewhere.name).toBe('NotFoundException');
    expect(elsewhere.message).toBe(`Key '${arn('eu-west-1', single)}' does not exist`);
    const health = await (await fetch(`${server.url}/health`)).json();
    expect(health.regions).toEqual(['eu-west-1', 'us-east-1']);
    east.destroy();
    west.destroy();
    await server.close();

    ({ server } = await testServer({ dataFile, credentials }));
    east = sdkClient(server, signed, 'us-east-1');
    west = sdkClient(server, signed, 'eu-west-1');
    try {
      const opened = await west.send(
        new DecryptCommand({ KeyId: 'alias/west', CiphertextBlob: blob.CiphertextBlob }),
      );
      expect(Buffer.from(opened.Plaintext as Uint8Array).toString()).toBe('over HTTP');
      const described = await west.send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(described.KeyMetadata?.MultiRegionConfiguration).toEqual({
        MultiRegionKeyType: 'REPLICA',
        PrimaryKey: { Arn: arn('us-east-1', keyId), Region: 'us-east-1' },
        ReplicaKeys: [{ Arn: arn('eu-west-1', keyId), Region: 'eu-west-1' }],
      });
      await east.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'eu-west-1' }));
      const swapped = await east.send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(swapped.KeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType).toBe('REPLICA');
      const stored = JSON.parse(await readFile(dataFile, 'utf8'));
      expect(stored.version).toBe(5);
    } finally {
      east.destroy();
      west.destroy();
      await server.close();
    }
  });

  it('migrates a version 3 store: its keys and aliases become the default Region’s, and still decrypt', async () => {
    const dataFile = join(directory.path, 'kms-lab.json');
    await copyFile(join(FIXTURES, 'store-v3.json'), dataFile);
    const made = JSON.parse(await readFile(join(FIXTURES, 'store-v3.ciphertext.json'), 'utf8'));
    const { server } = await testServer({ dataFile, region: 'eu-central-1' });
    const home = sdkClient(server, undefined, 'eu-central-1');
    const other = sdkClient(server, undefined, 'us-east-1');
    try {
      const opened = await home.send(
        new DecryptCommand({
          KeyId: 'alias/v3',
          CiphertextBlob: Buffer.from(made.ciphertextBlob, 'base64'),
          EncryptionContext: made.encryptionContext,
        }),
      );
      expect(Buffer.from(opened.Plaintext as Uint8Array).toString()).toBe(made.plaintext);
      expect(opened.KeyId).toBe(`arn:aws:kms:eu-central-1:111122223333:key/${made.keyId}`);
      expect((await other.send(new ListKeysCommand({}))).Keys).toEqual([]);
      const stored = JSON.parse(await readFile(dataFile, 'utf8'));
      expect(stored.version).toBe(5);
      expect(stored.keys.map((key: { region: string }) => key.region)).toEqual(['eu-central-1']);
      expect(stored.aliases.map((alias: { region: string }) => alias.region)).toEqual([
        'eu-central-1',
      ]);
    } finally {
      home.destroy();
      other.destroy();
      await server.close();
    }
  });

  it('refuses a version 4 record whose Region is not a Region name', async () => {
    const dataFile = join(directory.path, 'kms-lab.json');
    const fixture = JSON.parse(await readFile(join(FIXTURES, 'store-v3.json'), 'utf8'));
    fixture.version = 4;
    for (const record of [...fixture.keys, ...fixture.aliases]) record.region = 'Mars';
    await writeFile(dataFile, JSON.stringify(fixture));
    await expect(testServer({ dataFile })).rejects.toThrow(/keys\[0\].*'region'/);
  });
});

describe('boto3', () => {
  const directory = directoryPerTest();

  it.skipIf(!boto3Available)('runs every multi-Region operation in two Regions', async () => {
    const { server } = await testServer({ memory: true });
    try {
      const { stdout } = await promisify(execFile)('python3', [BOTO3_SCRIPT, server.url], {
        env: {
          ...process.env,
          AWS_CONFIG_FILE: join(directory.path, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(directory.path, 'none'),
        },
      });
      const out = JSON.parse(stdout);
      const keyId = out.keyId as string;
      expect(keyId).toMatch(/^mrk-[0-9a-f]{32}$/);
      expect(out.created).toEqual({
        MultiRegion: true,
        MultiRegionConfiguration: {
          MultiRegionKeyType: 'PRIMARY',
          PrimaryKey: { Arn: arn('us-east-1', keyId), Region: 'us-east-1' },
          ReplicaKeys: [],
        },
      });
      expect(out.beforeReplica).toEqual({
        code: 'NotFoundException',
        message: `Key '${arn('eu-west-1', keyId)}' does not exist`,
      });
      expect(out.replicaArn).toBe(arn('eu-west-1', keyId));
      expect(out.replicaDescription).toBe('boto3 replica');
      expect(Buffer.from(out.decrypted, 'base64').toString()).toBe('from us-east-1');
      expect(out.decryptedKeyId).toBe(arn('eu-west-1', keyId));
      expect(out.rotated).toBe('after rotation');
      expect(out.aliasInEast.code).toBe('NotFoundException');
      expect(out.replicateAgain.code).toBe('AlreadyExistsException');
      expect(out.replicateReplica).toEqual({
        code: 'UnsupportedOperationException',
        message: `${arn('eu-west-1', keyId)} is not a multi-region primary key.`,
      });
      const related = {
        PrimaryKey: { Arn: arn('eu-west-1', keyId), Region: 'eu-west-1' },
        ReplicaKeys: [{ Arn: arn('us-east-1', keyId), Region: 'us-east-1' }],
      };
      expect(out.eastAfterUpdate).toEqual({ MultiRegionKeyType: 'REPLICA', ...related });
      expect(out.westAfterUpdate).toEqual({ MultiRegionKeyType: 'PRIMARY', ...related });
    } finally {
      await server.close();
    }
  });
});

describe('the AWS CLI', () => {
  const directory = directoryPerTest();

  it.skipIf(!awsCliAvailable)(
    'create-key --multi-region, replicate-key, describe-key, update-primary-region, encrypt here and decrypt there',
    async () => {
      const { server } = await testServer({ memory: true });
      try {
        const aws = awsKms(server.url, directory.path);
        const created = JSON.parse(await aws('create-key', '--multi-region'));
        const keyId = created.KeyMetadata.KeyId as string;
        expect(keyId).toMatch(/^mrk-[0-9a-f]{32}$/);
        expect(created.KeyMetadata.MultiRegion).toBe(true);
        const replicated = JSON.parse(
          await aws('replicate-key', '--key-id', keyId, '--replica-region', 'ap-southeast-1'),
        );
        expect(replicated.ReplicaKeyMetadata.Arn).toBe(arn('ap-southeast-1', keyId));
        const described = JSON.parse(
          await aws('describe-key', '--key-id', keyId, '--region', 'ap-southeast-1'),
        );
        expect(described.KeyMetadata.MultiRegionConfiguration.MultiRegionKeyType).toBe('REPLICA');
        await writeFile(join(directory.path, 'plain.txt'), 'from the CLI');
        const blob = await aws(
          'encrypt',
          '--key-id',
          keyId,
          '--plaintext',
          'fileb://plain.txt',
          '--query',
          'CiphertextBlob',
          '--output',
          'text',
        );
        await writeFile(join(directory.path, 'blob.bin'), Buffer.from(blob, 'base64'));
        const plaintext = await aws(
          'decrypt',
          '--ciphertext-blob',
          'fileb://blob.bin',
          '--region',
          'ap-southeast-1',
          '--query',
          'Plaintext',
          '--output',
          'text',
        );
        expect(Buffer.from(plaintext, 'base64').toString()).toBe('from the CLI');
        await aws('update-primary-region', '--key-id', keyId, '--primary-region', 'ap-southeast-1');
        const after = JSON.parse(await aws('describe-key', '--key-id', keyId));
        expect(after.KeyMetadata.MultiRegionConfiguration).toEqual({
          MultiRegionKeyType: 'REPLICA',
          PrimaryKey: { Arn: arn('ap-southeast-1', keyId), Region: 'ap-southeast-1' },
          ReplicaKeys: [{ Arn: arn('us-east-1', keyId), Region: 'us-east-1' }],
        });
      } finally {
        await server.close();
      }
    },
  );
});
