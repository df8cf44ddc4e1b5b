import {
  CreateKeyCommand,
  GenerateDataKeyPairCommand,
  KMSClient,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { createKms, createKmsRequestHandler } from '@kms-lab/core';

const client = new KMSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, // not checked in process
  requestHandler: createKmsRequestHandler(createKms()),
});
const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
const pair = await client.send(
  new GenerateDataKeyPairCommand({ KeyId: KeyMetadata?.KeyId, KeyPairSpec: 'RSA_2048' }),
);
console.log(pair.KeyPairSpec, pair.PublicKey?.length); // RSA_2048 294
try {
  await client.send(new GenerateDataKeyPairCommand({ KeyId: 'alias/none', KeyPairSpec: 'SM2' }));
} catch (error) {
  if (!(error instanceof NotFoundException)) throw error;
  console.log(error.name, error.message); // NotFoundException Alias arn:aws:kms:us-east-1:111122223333:alias/none is not found.
}
