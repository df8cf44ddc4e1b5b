import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { expect, inject, test } from 'vitest';

const kms = new KMSClient({
  endpoint: inject('kmsEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'kmslab', secretAccessKey: 'kmslab' },
});

test('the seeded alias is on the server', async () => {
  const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/testing' }));
  expect(KeyMetadata?.KeyId).toBe('bc436485-5092-42b8-92a3-0aa8b93536dc');
});
