// The real @aws-sdk/client-kms drives the operations of asymmetric, ML-KEM and HMAC KMS keys in process:
// every one of KMS_KEY_OPERATIONS, with its errors arriving as the SDK's own classes.
import { createECDH, createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/kms.js';
import { mlDsaMu } from './support/module-lattice.js';
import { KMS_KEY_OPERATIONS, sdkClient } from './support/sdk.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('@aws-sdk/client-kms in process: asymmetric and HMAC keys', () => {
  it('sends every operation of KMS keys and gets AWS-shaped answers', async () => {
    const { client, sent } = sdkClient();
    const create = async (KeySpec: sdk.KeySpec, KeyUsage: sdk.KeyUsageType) =>
      (await client.send(new sdk.CreateKeyCommand({ KeySpec, KeyUsage }))).KeyMetadata
        ?.Arn as string;

    // Sign with DIGEST, checked by node:crypto; Verify.
    const signing = await create('ECC_NIST_P384', 'SIGN_VERIFY');
    const { PublicKey, SigningAlgorithms } = await client.send(
      new sdk.GetPublicKeyCommand({ KeyId: signing }),
    );
    expect(SigningAlgorithms).toEqual(['ECDSA_SHA_384']);
    const message = utf8('release-manifest-v1');
    const digest = createHash('sha384').update(message).digest();
    const signed = await client.send(
      new sdk.SignCommand({
        KeyId: signing,
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_384',
      }),
    );
    const key = createPublicKey({
      key: Buffer.from(PublicKey as Uint8Array),
      format: 'der',
      type: 'spki',
    });
    expect(
      nodeVerify('sha384', message, { key, dsaEncoding: 'der' }, signed.Signature as Uint8Array),
    ).toBe(true);
    const verified = await client.send(
      new sdk.VerifyCommand({
        KeyId: signing,
        Message: message,
        Signature: signed.Signature,
        SigningAlgorithm: 'ECDSA_SHA_384',
      }),
    );
    expect(verified.SignatureValid).toBe(true);
    const bad = await rejection(
      client.send(
        new sdk.VerifyCommand({
          KeyId: signing,
          Message: utf8('other'),
          Signature: signed.Signature,
          SigningAlgorithm: 'ECDSA_SHA_384',
        }),
      ),
    );
    expect(bad).toBeInstanceOf(sdk.KMSInvalidSignatureException);

    // DeriveSharedSecret against node:crypto's ECDH.
    const agreeing = await create('ECC_NIST_P256', 'KEY_AGREEMENT');
    const peer = createECDH('prime256v1');
    peer.generateKeys();
    const peerJwk = {
      kty: 'EC',
      crv: 'P-256',
      x: peer.getPublicKey().subarray(1, 33).toString('base64url'),
      y: peer.getPublicKey().subarray(33).toString('base64url'),
    };
    const peerSpki = createPublicKey({ key: peerJwk, format: 'jwk' }).export({
      format: 'der',
      type: 'spki',
    });
    const derived = await client.send(
      new sdk.DeriveSharedSecretCommand({
        KeyId: agreeing,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: peerSpki,
      }),
    );
    const ours = (await client.send(new sdk.GetPublicKeyCommand({ KeyId: agreeing })))
      .PublicKey as Uint8Array;
    const ourJwk = createPublicKey({ key: Buffer.from(ours), format: 'der', type: 'spki' }).export({
      format: 'jwk',
    });
    const ourPoint = Buffer.concat([
      Buffer.of(4),
      Buffer.from(ourJwk.x as string, 'base64url'),
      Buffer.from(ourJwk.y as string, 'base64url'),
    ]);
    expect(
      Buffer.from(derived.SharedSecret as Uint8Array).equals(peer.computeSecret(ourPoint)),
    ).toBe(true);
    expect(derived.KeyOrigin).toBe('AWS_KMS');

    // GenerateMac and VerifyMac.
    const hmac = await create('HMAC_512', 'GENERATE_VERIFY_MAC');
    const { Mac } = await client.send(
      new sdk.GenerateMacCommand({ KeyId: hmac, Message: message, MacAlgorithm: 'HMAC_SHA_512' }),
    );
    expect(Mac).toHaveLength(64);
    const macValid = await client.send(
      new sdk.VerifyMacCommand({
        KeyId: hmac,
        Message: message,
        Mac,
        MacAlgorithm: 'HMAC_SHA_512',
      }),
    );
    expect(macValid.MacValid).toBe(true);
    const badMac = await rejection(
      client.send(
        new sdk.VerifyMacCommand({
          KeyId: hmac,
          Message: utf8('x'),
          Mac,
          MacAlgorithm: 'HMAC_SHA_512',
        }),
      ),
    );
    expect(badMac).toBeInstanceOf(sdk.KMSInvalidMacException);

    // ReEncrypt a data key from a symmetric key to an RSA key, and Decrypt it there.
    const symmetric = await create('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT');
    const rsa = await create('RSA_2048', 'ENCRYPT_DECRYPT');
    const dataKey = await client.send(
      new sdk.GenerateDataKeyCommand({ KeyId: symmetric, KeySpec: 'AES_256' }),
    );
    const moved = await client.send(
      new sdk.ReEncryptCommand({
        CiphertextBlob: dataKey.CiphertextBlob,
        DestinationKeyId: rsa,
        DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    );
    expect(moved).toMatchObject({
      SourceKeyId: symmetric,
      KeyId: rsa,
      DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    });
    const opened = await client.send(
      new sdk.DecryptCommand({
        KeyId: rsa,
        CiphertextBlob: moved.CiphertextBlob,
        EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    );
    expect(opened.Plaintext).toEqual(dataKey.Plaintext);

    // Encapsulate and Decapsulate with an ML-KEM key; Sign by mu with an ML-DSA key.
    const mlKem = await create('ML_KEM_768', 'ENCAPSULATE_DECAPSULATE');
    const encapsulated = await client.send(
      new sdk.EncapsulateCommand({ KeyId: mlKem, EncapsulationAlgorithm: 'ML_KEM' }),
    );
    expect(encapsulated).toMatchObject({ KeyId: mlKem, EncapsulationAlgorithm: 'ML_KEM' });
    expect(encapsulated.SharedSecretCiphertextBlob).toHaveLength(1088);
    const decapsulated = await client.send(
      new sdk.DecapsulateCommand({
        KeyId: mlKem,
        SharedSecretCiphertextBlob: encapsulated.SharedSecretCiphertextBlob,
        EncapsulationAlgorithm: 'ML_KEM',
      }),
    );
    expect(decapsulated.SharedSecret).toEqual(encapsulated.SharedSecret);
    const shortBlob = await rejection(
      client.send(
        new sdk.DecapsulateCommand({
          KeyId: mlKem,
          SharedSecretCiphertextBlob: new Uint8Array(768),
          EncapsulationAlgorithm: 'ML_KEM',
        }),
      ),
    );
    expect(shortBlob).toBeInstanceOf(sdk.InvalidCiphertextException);
    const mlKemKey = await client.send(new sdk.GetPublicKeyCommand({ KeyId: mlKem }));
    expect(mlKemKey).toMatchObject({
      KeyUsage: 'ENCAPSULATE_DECAPSULATE',
      EncapsulationAlgorithms: ['ML_KEM'],
    });
    const mlDsa = await create('ML_DSA_44', 'SIGN_VERIFY');
    const mlDsaKey = (await client.send(new sdk.GetPublicKeyCommand({ KeyId: mlDsa })))
      .PublicKey as Uint8Array;
    const byMu = await client.send(
      new sdk.SignCommand({
        KeyId: mlDsa,
        Message: mlDsaMu(mlDsaKey, message),
        MessageType: 'EXTERNAL_MU',
        SigningAlgorithm: 'ML_DSA_SHAKE_256',
      }),
    );
    const mlDsaVerified = await client.send(
      new sdk.VerifyCommand({
        KeyId: mlDsa,
        Message: message,
        Signature: byMu.Signature,
        SigningAlgorithm: 'ML_DSA_SHAKE_256',
      }),
    );
    expect(mlDsaVerified.SignatureValid).toBe(true);

    const usage = await rejection(client.send(new sdk.GetPublicKeyCommand({ KeyId: symmetric })));
    expect(usage).toBeInstanceOf(sdk.UnsupportedOperationException);
    expect([...sent].filter((name) => KMS_KEY_OPERATIONS.includes(name as never)).sort()).toEqual(
      [...KMS_KEY_OPERATIONS].sort(),
    );
  });
});
