import { createKms } from '@kms-lab/core';

const kms = createKms(); // in-memory store; region us-east-1, account 111122223333 unless given
const { KeyMetadata } = await kms.createKey({ Description: 'demo' });
await kms.createAlias({ AliasName: 'alias/demo', TargetKeyId: KeyMetadata?.KeyId });

const pair = await kms.generateDataKeyPair({
  KeyId: 'alias/demo',
  KeyPairSpec: 'ECC_NIST_P256',
  EncryptionContext: { app: 'demo' },
});
// pair.PublicKey: DER SubjectPublicKeyInfo; pair.PrivateKeyPlaintext: DER PKCS#8;
// pair.PrivateKeyCiphertextBlob: the private key encrypted under alias/demo.

const { Plaintext } = await kms.decrypt({
  CiphertextBlob: pair.PrivateKeyCiphertextBlob,
  EncryptionContext: { app: 'demo' },
});
const same = Buffer.from(Plaintext ?? []).equals(pair.PrivateKeyPlaintext ?? new Uint8Array());
console.log(Plaintext?.length, same); // 150 true
