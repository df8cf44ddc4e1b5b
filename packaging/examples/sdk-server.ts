// Against `npx kms-lab serve` in another terminal (KMS_LAB_ENDPOINT if not the default URL).
import { CreateKeyCommand, GenerateDataKeyPairCommand, KMSClient } from '@aws-sdk/client-kms';

const client = new KMSClient({
  endpoint: process.env.KMS_LAB_ENDPOINT ?? 'http://127.0.0.1:4599',
  region: 'us-east-1',
  credentials: { accessKeyId: 'kmslab', secretAccessKey: 'kmslab' }, // any values, unless --credentials
});
const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: 'demo' }));
const pair = await client.send(
  new GenerateDataKeyPairCommand({ KeyId: KeyMetadata?.KeyId, KeyPairSpec: 'ECC_NIST_P256' }),
);
console.log(pair.KeyPairSpec, pair.PrivateKeyPlaintext?.length); // ECC_NIST_P256 150
