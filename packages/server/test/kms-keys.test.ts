// Asymmetric and HMAC KMS keys over HTTP: the real @aws-sdk/client-kms against the spawned
// `kms-lab serve` with a store file, every KMS-key operation, keys that survive a restart
// (their private halves are in the file, and nowhere else), and the AWS CLI's sign and verify
// as the README shows them.
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateKeyCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  type KeySpec,
  type KeyUsageType,
  KMSInvalidSignatureException,
  ReEncryptCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { readStoreKey, storeKeyPath } from '../src/index.js';
import { unwrapSecret } from '../src/store-key.js';
import {
  awsCliAvailable,
  awsKms,
  directoryPerTest,
  failure,
  sdkClient,
  spawnServer,
} from './support/server.js';

const directory = directoryPerTest();

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('KMS keys over HTTP, on a store file', () => {
  it('signs, verifies, agrees, MACs and encrypts; after a restart the same keys give the same answers', async () => {
    const dataFile = join(directory.path, 'keys.json');
    let server = await spawnServer(['serve', '--port', '0', '--data', dataFile], directory.path);
    let kms = sdkClient(server);
    const create = async (KeySpec: KeySpec, KeyUsage: KeyUsageType) =>
      (await kms.send(new CreateKeyCommand({ KeySpec, KeyUsage }))).KeyMetadata?.Arn as string;
    const ed25519 = await create('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
    const hmac = await create('HMAC_224', 'GENERATE_VERIFY_MAC');
    const rsa = await create('RSA_2048', 'ENCRYPT_DECRYPT');
    const sm2 = await create('SM2', 'KEY_AGREEMENT');
    const secp = await create('ECC_SECG_P256K1', 'SIGN_VERIFY');
    const message = utf8('signed before the restart');

    const ed25519Signature = (
      await kms.send(
        new SignCommand({ KeyId: ed25519, Message: message, SigningAlgorithm: 'ED25519_SHA_512' }),
      )
    ).Signature;
    const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: ed25519 }));
    const nodeKey = createPublicKey({
      key: Buffer.from(PublicKey as Uint8Array),
      format: 'der',
      type: 'spki',
    });
    expect(nodeVerify(null, message, nodeKey, ed25519Signature as Uint8Array)).toBe(true);
    const mac = (
      await kms.send(
        new GenerateMacCommand({ KeyId: hmac, Message: message, MacAlgorithm: 'HMAC_SHA_224' }),
      )
    ).Mac;
    const encrypted = await kms.send(
      new EncryptCommand({
        KeyId: rsa,
        Plaintext: message,
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
      }),
    );
    const sm2Public = (await kms.send(new GetPublicKeyCommand({ KeyId: sm2 }))).PublicKey;
    const secret = (
      await kms.send(
        new DeriveSharedSecretCommand({
          KeyId: sm2,
          KeyAgreementAlgorithm: 'ECDH',
          PublicKey: sm2Public,
        }),
      )
    ).SharedSecret;
    const digest = createHash('sha256').update(message).digest();
    const secpSignature = (
      await kms.send(
        new SignCommand({
          KeyId: secp,
          Message: digest,
          MessageType: 'DIGEST',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      )
    ).Signature;
    const secpPublic = createPublicKey({
      key: Buffer.from(
        (await kms.send(new GetPublicKeyCommand({ KeyId: secp }))).PublicKey as Uint8Array,
      ),
      format: 'der',
      type: 'spki',
    });
    expect(
      nodeVerify(
        'sha256',
        message,
        { key: secpPublic, dsaEncoding: 'der' },
        secpSignature as Uint8Array,
      ),
    ).toBe(true);
    kms.destroy();
    expect(await server.stop('SIGTERM')).toBe(0);

    // The private halves are in the file wrapped under the store key (`<file>.key`): no
    // PKCS #8 in the clear, and the wrapping opens only with that key.
    const stored = JSON.parse(await readFile(dataFile, 'utf8')) as {
      keys: { keyId: string; keySpec: string; privateKey?: { wrappedSecret: string } }[];
    };
    const withPrivateKeys = stored.keys.filter((key) => key.privateKey);
    expect(withPrivateKeys.map((key) => key.keySpec).sort()).toEqual([
      'ECC_NIST_EDWARDS25519',
      'ECC_SECG_P256K1',
      'HMAC_224',
      'RSA_2048',
      'SM2',
    ]);
    const storeKey = await readStoreKey(dataFile);
    expect((await stat(storeKeyPath(dataFile))).mode & 0o777).toBe(0o600);
    for (const key of withPrivateKeys) {
      const wrapped = Buffer.from(key.privateKey?.wrappedSecret as string, 'base64');
      const secret = unwrapSecret(storeKey as Buffer, key.keyId, wrapped) as Uint8Array;
      // A PKCS #8 PrivateKeyInfo (or an HMAC key) opens, and is not in the file as it is.
      if (key.keySpec !== 'HMAC_224') expect(secret[0]).toBe(0x30);
      expect(await readFile(dataFile, 'utf8')).not.toContain(
        Buffer.from(secret).toString('base64'),
      );
      expect(unwrapSecret(storeKey as Buffer, 'another-key-id', wrapped)).toBeUndefined();
    }

    server = await spawnServer(['serve', '--port', '0', '--data', dataFile], directory.path);
    kms = sdkClient(server);
    try {
      // Ed25519 and HMAC are deterministic: the same key gives the same bytes.
      const again = await kms.send(
        new SignCommand({ KeyId: ed25519, Message: message, SigningAlgorithm: 'ED25519_SHA_512' }),
      );
      expect(again.Signature).toEqual(ed25519Signature);
      const macValid = await kms.send(
        new VerifyMacCommand({
          KeyId: hmac,
          Message: message,
          Mac: mac,
          MacAlgorithm: 'HMAC_SHA_224',
        }),
      );
      expect(macValid.MacValid).toBe(true);
      const decrypted = await kms.send(
        new DecryptCommand({
          KeyId: rsa,
          CiphertextBlob: encrypted.CiphertextBlob,
          EncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
        }),
      );
      expect(decrypted.Plaintext).toEqual(message);
      const secretAgain = await kms.send(
        new DeriveSharedSecretCommand({
          KeyId: sm2,
          KeyAgreementAlgorithm: 'ECDH',
          PublicKey: sm2Public,
        }),
      );
      expect(secretAgain.SharedSecret).toEqual(secret);
      const verified = await kms.send(
        new VerifyCommand({
          KeyId: secp,
          Message: message,
          Signature: secpSignature,
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      expect(verified.SignatureValid).toBe(true);
      const forged = await failure(
        kms.send(
          new VerifyCommand({
            KeyId: secp,
            Message: utf8('forged'),
            Signature: secpSignature,
            SigningAlgorithm: 'ECDSA_SHA_256',
          }),
        ),
      );
      expect(forged).toBeInstanceOf(KMSInvalidSignatureException);
      const symmetric = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.Arn;
      const moved = await kms.send(
        new ReEncryptCommand({
          CiphertextBlob: encrypted.CiphertextBlob,
          SourceKeyId: rsa,
          SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
          DestinationKeyId: symmetric,
        }),
      );
      expect(
        (await kms.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob }))).Plaintext,
      ).toEqual(message);
    } finally {
      kms.destroy();
      expect(await server.stop()).toBe(0);
    }
  });
});

describe('the AWS CLI', () => {
  it.skipIf(!awsCliAvailable)(
    'signs and verifies as the README shows; OpenSSL verifies the signature too',
    async () => {
      const server = await spawnServer(['serve', '--port', '0', '--memory'], directory.path);
      const aws = awsKms(server.url, directory.path);
      try {
        // The README's example, word for word but for the endpoint.
        const keyId = await aws(
          'create-key',
          '--key-spec',
          'ECC_NIST_P256',
          '--key-usage',
          'SIGN_VERIFY',
          '--query',
          'KeyMetadata.KeyId',
          '--output',
          'text',
        );
        await writeFile(join(directory.path, 'message.txt'), 'release 1.0');
        const signature = await aws(
          'sign',
          '--key-id',
          keyId,
          '--message',
          'fileb://message.txt',
          '--message-type',
          'RAW',
          '--signing-algorithm',
          'ECDSA_SHA_256',
          '--query',
          'Signature',
          '--output',
          'text',
        );
        await writeFile(join(directory.path, 'signature.bin'), Buffer.from(signature, 'base64'));
        const valid = await aws(
          'verify',
          '--key-id',
          keyId,
          '--message',
          'fileb://message.txt',
          '--message-type',
          'RAW',
          '--signature',
          'fileb://signature.bin',
          '--signing-algorithm',
          'ECDSA_SHA_256',
          '--query',
          'SignatureValid',
          '--output',
          'text',
        );
        expect(valid).toBe('True');
        const publicKey = await aws(
          'get-public-key',
          '--key-id',
          keyId,
          '--query',
          'PublicKey',
          '--output',
          'text',
        );
        const key = createPublicKey({
          key: Buffer.from(publicKey, 'base64'),
          format: 'der',
          type: 'spki',
        });
        expect(
          nodeVerify(
            'sha256',
            Buffer.from('release 1.0'),
            { key, dsaEncoding: 'der' },
            Buffer.from(signature, 'base64'),
          ),
        ).toBe(true);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    },
  );
});
