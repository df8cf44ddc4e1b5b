import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, expect, test } from 'vitest';
// The README's Jest global setup and teardown, run here as Jest runs them: setup, the
// tests (which read process.env.KMS_ENDPOINT), teardown, in one context.
import globalSetup from './jest-global-setup.mjs';
import globalTeardown from './jest-global-teardown.mjs';

const previousDirectory = process.cwd();
let project: string;

beforeAll(async () => {
  // Jest runs them from the project's root, where the README's test/seed.yaml is.
  project = await mkdtemp(join(tmpdir(), 'kms-lab-jest-'));
  await mkdir(join(project, 'test'));
  await copyFile(new URL('./seed.yaml', import.meta.url), join(project, 'test', 'seed.yaml'));
  process.chdir(project);
  await globalSetup();
});

afterAll(async () => {
  process.chdir(previousDirectory);
  await rm(project, { recursive: true, force: true });
});

test('the Jest global setup serves the seed; its teardown stops the server', async () => {
  const kms = new KMSClient({
    endpoint: process.env.KMS_ENDPOINT,
    region: 'us-east-1',
    credentials: { accessKeyId: 'kmslab', secretAccessKey: 'kmslab' },
  });
  const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/testing' }));
  expect(KeyMetadata?.KeyId).toBe('bc436485-5092-42b8-92a3-0aa8b93536dc');
  await globalTeardown();
  await expect(kms.send(new DescribeKeyCommand({ KeyId: 'alias/testing' }))).rejects.toThrow(
    /ECONNREFUSED/,
  );
  kms.destroy();
});
