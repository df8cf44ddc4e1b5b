import { readFileSync } from 'node:fs';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { createKms, createKmsRequestHandler } from '@kms-lab/core';
import { beforeEach, expect, test } from 'vitest';

const seed = readFileSync(new URL('./seed.yaml', import.meta.url), 'utf8');
let kms: KMSClient;

beforeEach(() => {
  // A fresh, seeded KMS per test, in this process: no server, no network.
  kms = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: createKmsRequestHandler(createKms({ seed })),
  });
});

test('round-trips through the seeded alias', async () => {
  const { CiphertextBlob } = await kms.send(
    new EncryptCommand({ KeyId: 'alias/testing', Plaintext: new TextEncoder().encode('hi') }),
  );
  const { Plaintext, KeyId } = await kms.send(new DecryptCommand({ CiphertextBlob }));
  expect(new TextDecoder().decode(Plaintext)).toBe('hi');
  expect(KeyId).toBe('arn:aws:kms:us-east-1:111122223333:key/bc436485-5092-42b8-92a3-0aa8b93536dc');
});
