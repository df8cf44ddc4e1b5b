import {
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  ListAliasesCommand,
} from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { KMS_LAB_CREDENTIALS } from '../src/fixtures.js';
import { seedFileForServer } from '../src/seed-file.js';
import { type KmsServerProcess, startKmsServer } from '../src/server-process.js';

const LOCAL_KMS_SEED = new URL(
  '../../core/test/fixtures/seeds/local-kms-readme-simple.yaml',
  import.meta.url,
).pathname;
const SEEDED_KEY_ID = 'bc436485-5092-42b8-92a3-0aa8b93536dc';

const running: KmsServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

const clientOf = (server: KmsServerProcess) =>
  new KMSClient({
    endpoint: server.url,
    region: 'eu-west-1',
    credentials: { ...KMS_LAB_CREDENTIALS },
  });

describe('startKmsServer: a real kms-lab serve child process', () => {
  it('serves a seed file on a free port, with the given account, until stopped', async () => {
    const server = await startKmsServer({
      seedFile: LOCAL_KMS_SEED,
      region: 'eu-west-1',
      accountId: '444455556666',
    });
    running.push(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = clientOf(server);
    const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: 'alias/testing' }));
    expect(KeyMetadata?.KeyId).toBe(SEEDED_KEY_ID);
    expect(KeyMetadata?.Arn).toBe(`arn:aws:kms:eu-west-1:444455556666:key/${SEEDED_KEY_ID}`);
    await server.stop();
    await expect(client.send(new ListAliasesCommand({}))).rejects.toThrow(/ECONNREFUSED/);
    client.destroy();
  });

  it('writes a seed given as an object to a file only it can read, and removes it', async () => {
    const seedFile = await seedFileForServer({
      Keys: {
        Symmetric: {
          Aes: [{ Metadata: { KeyId: SEEDED_KEY_ID }, BackingKeys: ['11'.repeat(32)] }],
        },
      },
    });
    const server = await startKmsServer({
      seedFile: seedFile.path,
      region: 'eu-west-1',
      accountId: '111122223333',
    });
    running.push(server);
    const client = clientOf(server);
    const encrypted = await client.send(
      new EncryptCommand({ KeyId: SEEDED_KEY_ID, Plaintext: new Uint8Array([1]) }),
    );
    expect(encrypted.KeyId).toContain(SEEDED_KEY_ID);
    client.destroy();
    await seedFile.remove();
    const { existsSync } = await import('node:fs');
    expect(existsSync(seedFile.path ?? '')).toBe(false);
  });

  it("rejects with the server's own message when the seed is bad", async () => {
    const seedFile = await seedFileForServer(
      'Keys:\n  Symmetric:\n    Aes:\n      - Metadata: {KeyId: nope}\n',
    );
    await expect(
      startKmsServer({ seedFile: seedFile.path, region: 'us-east-1', accountId: '111122223333' }),
    ).rejects.toThrow(
      /kms-lab serve exited \(status 1\) before serving:\nkms-lab: the seed file .* cannot be used: Keys\.Symmetric\.Aes\[0\] \(key nope\)/,
    );
    await seedFile.remove();
  });
});
