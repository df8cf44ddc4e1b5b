// Recipient on every operation that takes it (Decrypt, DeriveSharedSecret, GenerateDataKey,
// GenerateDataKeyPair, GenerateRandom): no plaintext field, and CiphertextForRecipient a CMS
// EnvelopedData that OpenSSL's `cms -decrypt` opens with the enclave's private key.
import { createECDH, createPrivateKey, createPublicKey } from 'node:crypto';
import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { enclave } from './support/enclave.js';
import { kmsWithClock, rejection, symmetricKey } from './support/kms.js';
import { nodeReadsPair } from './support/node-keys.js';
import { sdkClient } from './support/sdk.js';

const START = new Date('2026-06-01T12:00:00Z');
const theEnclave = enclave();

describe('Recipient', () => {
  it.each(['RSA_2048', 'ECC_NIST_P256', 'ECC_NIST_EDWARDS25519'] as const)(
    'GenerateDataKeyPair %s: no PrivateKeyPlaintext; openssl cms -decrypt recovers the private key of PublicKey',
    async (spec) => {
      const { kms } = kmsWithClock(START);
      const keyId = await symmetricKey(kms);
      const pair = await kms.generateDataKeyPair({
        KeyId: keyId,
        KeyPairSpec: spec,
        Recipient: await theEnclave.recipient(START),
      });
      expect(pair).not.toHaveProperty('PrivateKeyPlaintext');
      const privateKey = theEnclave.open(pair.CiphertextForRecipient);
      nodeReadsPair(pair.PublicKey, privateKey);
      // The blob under the KMS key holds the same private key, as AWS documents.
      const { Plaintext } = await kms.decrypt({ CiphertextBlob: pair.PrivateKeyCiphertextBlob });
      expect(Plaintext).toEqual(privateKey);
    },
  );

  it('GenerateDataKey: no Plaintext; the enclave recovers the data key the blob holds', async () => {
    const { kms } = kmsWithClock(START);
    const keyId = await symmetricKey(kms);
    const dataKey = await kms.generateDataKey({
      KeyId: keyId,
      KeySpec: 'AES_256',
      EncryptionContext: { purpose: 'enclave' },
      Recipient: await theEnclave.recipient(START),
    });
    expect(dataKey).not.toHaveProperty('Plaintext');
    const recovered = theEnclave.open(dataKey.CiphertextForRecipient);
    expect(recovered).toHaveLength(32);
    const { Plaintext } = await kms.decrypt({
      CiphertextBlob: dataKey.CiphertextBlob,
      EncryptionContext: { purpose: 'enclave' },
    });
    expect(recovered).toEqual(Plaintext);
  });

  it('Decrypt: no Plaintext; the enclave recovers what was encrypted', async () => {
    const { kms } = kmsWithClock(START);
    const keyId = await symmetricKey(kms);
    const secret = new TextEncoder().encode('for the enclave only');
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: secret });
    const decrypted = await kms.decrypt({
      CiphertextBlob,
      Recipient: await theEnclave.recipient(START),
    });
    expect(decrypted).not.toHaveProperty('Plaintext');
    expect(decrypted.KeyId).toContain(keyId);
    expect(theEnclave.open(decrypted.CiphertextForRecipient)).toEqual(secret);
  });

  it('GenerateRandom: no Plaintext; the enclave recovers NumberOfBytes bytes', async () => {
    const { kms } = kmsWithClock(START);
    const random = await kms.generateRandom({
      NumberOfBytes: 48,
      Recipient: await theEnclave.recipient(START),
    });
    expect(random).not.toHaveProperty('Plaintext');
    expect(theEnclave.open(random.CiphertextForRecipient)).toHaveLength(48);
  });

  it('DeriveSharedSecret: no SharedSecret; the enclave recovers the ECDH secret', async () => {
    const { kms } = kmsWithClock(START);
    const { KeyMetadata } = await kms.createKey({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'KEY_AGREEMENT',
    });
    const { PublicKey: kmsPublic } = await kms.getPublicKey({ KeyId: KeyMetadata?.KeyId });
    const peer = createECDH('prime256v1');
    peer.generateKeys();
    const peerSpki = createPublicKey(
      createPrivateKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          d: peer.getPrivateKey().toString('base64url'),
          x: peer.getPublicKey().subarray(1, 33).toString('base64url'),
          y: peer.getPublicKey().subarray(33).toString('base64url'),
        },
        format: 'jwk',
      }),
    ).export({ format: 'der', type: 'spki' });
    const derived = await kms.deriveSharedSecret({
      KeyId: KeyMetadata?.KeyId,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: peerSpki,
      Recipient: await theEnclave.recipient(START),
    });
    expect(derived).not.toHaveProperty('SharedSecret');
    const kmsPoint = createPublicKey({
      key: Buffer.from(kmsPublic as Uint8Array),
      format: 'der',
      type: 'spki',
    }).export({ format: 'jwk' });
    const expected = peer.computeSecret(
      Buffer.concat([
        Buffer.from([4]),
        Buffer.from(kmsPoint.x as string, 'base64url'),
        Buffer.from(kmsPoint.y as string, 'base64url'),
      ]),
    );
    expect(Buffer.from(theEnclave.open(derived.CiphertextForRecipient))).toEqual(expected);
  });

  it('CiphertextForRecipient is EnvelopedData: KeyTransRecipientInfo with RSAES-OAEP SHA-256 (MGF1 SHA-256), AES-256-CBC content', async () => {
    const { kms } = kmsWithClock(START);
    const random = await kms.generateRandom({
      NumberOfBytes: 16,
      Recipient: await theEnclave.recipient(START),
    });
    const printed = theEnclave.print(random.CiphertextForRecipient as Uint8Array);
    expect(printed).toMatch(/contentType: pkcs7-envelopedData/);
    expect(printed).toMatch(/d\.ktri:/);
    expect(printed).toMatch(/algorithm: rsaesOaep/);
    expect(printed).toMatch(/d\.subjectKeyIdentifier:/);
    // RSAES-OAEP-params: hashAlgorithm [0] sha256, maskGenAlgorithm [1] mgf1 with sha256.
    expect(printed).toMatch(
      /cont \[ 0 \][\s\S]*:sha256[\s\S]*cont \[ 1 \][\s\S]*:mgf1[\s\S]*:sha256/,
    );
    expect(printed).toMatch(/algorithm: aes-256-cbc/);
    expect(printed).toMatch(/contentType: pkcs7-data/);
  });

  it('Decrypt with an RSA KMS key: the enclave recovers what was encrypted under it', async () => {
    const { kms } = kmsWithClock(START);
    const { KeyMetadata } = await kms.createKey({
      KeySpec: 'RSA_2048',
      KeyUsage: 'ENCRYPT_DECRYPT',
    });
    const secret = new TextEncoder().encode('asymmetric');
    const { CiphertextBlob } = await kms.encrypt({
      KeyId: KeyMetadata?.KeyId,
      Plaintext: secret,
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    });
    const decrypted = await kms.decrypt({
      KeyId: KeyMetadata?.KeyId,
      CiphertextBlob,
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      Recipient: await theEnclave.recipient(START),
    });
    expect(decrypted).not.toHaveProperty('Plaintext');
    expect(theEnclave.open(decrypted.CiphertextForRecipient)).toEqual(secret);
  });

  it('the WithoutPlaintext operations take no Recipient: one sent anyway is ignored, nothing is enveloped', async () => {
    const { kms } = kmsWithClock(START);
    const keyId = await symmetricKey(kms);
    const recipient = { Recipient: await theEnclave.recipient(START) } as object;
    const pair = await kms.generateDataKeyPairWithoutPlaintext({
      KeyId: keyId,
      KeyPairSpec: 'ECC_NIST_P256',
      ...recipient,
    });
    expect(pair).not.toHaveProperty('CiphertextForRecipient');
    expect(pair).not.toHaveProperty('PrivateKeyPlaintext');
    const dataKey = await kms.generateDataKeyWithoutPlaintext({
      KeyId: keyId,
      NumberOfBytes: 32,
      ...recipient,
    });
    expect(dataKey).not.toHaveProperty('CiphertextForRecipient');
  });

  it('DryRun with a valid Recipient answers DryRunOperationException; with an invalid one, ValidationException', async () => {
    const { kms } = kmsWithClock(START);
    const keyId = await symmetricKey(kms);
    const dry = await rejection(
      kms.generateDataKey({
        KeyId: keyId,
        NumberOfBytes: 32,
        DryRun: true,
        Recipient: await theEnclave.recipient(START),
      }),
    );
    expect(dry.name).toBe('DryRunOperationException');
    const invalid = await rejection(
      kms.generateDataKey({
        KeyId: keyId,
        NumberOfBytes: 32,
        DryRun: true,
        Recipient: {
          KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
          AttestationDocument: new Uint8Array([0xa0]),
        },
      }),
    );
    expect(invalid.name).toBe('ValidationException');
  });
});

describe('Recipient through @aws-sdk/client-kms in process', () => {
  it('GenerateDataKeyPair returns CiphertextForRecipient and no PrivateKeyPlaintext; a bad document is a ValidationException', async () => {
    const { client, kms } = sdkClient();
    const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({}));
    const pair = await client.send(
      new sdk.GenerateDataKeyPairCommand({
        KeyId: KeyMetadata?.KeyId,
        KeyPairSpec: 'ECC_NIST_P384',
        Recipient: await theEnclave.recipient(kms.now()),
      }),
    );
    expect(pair.PrivateKeyPlaintext).toBeUndefined();
    nodeReadsPair(pair.PublicKey, theEnclave.open(pair.CiphertextForRecipient));
    const error = (await rejection(
      client.send(
        new sdk.GenerateRandomCommand({
          NumberOfBytes: 8,
          Recipient: {
            KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
            AttestationDocument: new Uint8Array([0x80]),
          },
        }),
      ),
    )) as unknown as sdk.KMSServiceException;
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/attestation document in Recipient is not valid/);
    client.destroy();
  });
});
