import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DataKeyPairSpec,
  DecapsulateCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DeleteImportedKeyMaterialCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncapsulateCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateMacCommand,
  GenerateRandomCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  type KeySpec,
  type KeyUsageType,
  type KMSClient,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeyPoliciesCommand,
  ListKeyRotationsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ListRetirableGrantsCommand,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  ReplicateKeyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  UpdatePrimaryRegionCommand,
  VerifyCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import {
  decapsulateWithPrivateKey,
  EMULATED_OPERATIONS,
  isSupportedDataKeyPairSpec,
  mlKemKeyPairFromSeed,
  parseModuleLatticePrivateKeyInfo,
} from '@kms-lab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedMaterialId,
  openBlobWith,
  wrapKeyMaterial,
} from '../../core/test/support/import-wrapping.js';
import { Node26, node26Available } from '../../core/test/support/node26.js';
import type { RunningServer } from '../src/index.js';
import { sdkClient, testServer } from './support/server.js';

let server: RunningServer;
let logLines: string[];
let kms: KMSClient;
/** OpenSSL 3.5, for ML-KEM pairs (Node 20's OpenSSL 3.0 cannot read them). */
let openssl: Node26 | undefined;

beforeAll(async () => {
  ({ server, logLines } = await testServer({ memory: true }));
  kms = sdkClient(server);
  if (node26Available) openssl = new Node26();
});
afterAll(async () => {
  kms.destroy();
  openssl?.close();
  await server.close();
});

async function newKey(description = 'operations') {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: description }));
  return KeyMetadata?.KeyId as string;
}

const der = (bytes: Uint8Array | undefined) => Buffer.from(bytes as Uint8Array);

/**
 * Checks with OpenSSL that the two DER keys are one pair: node:crypto (Node 20's OpenSSL 3.0),
 * or for ML-KEM, which it cannot read, OpenSSL 3.5 through Node 26 (core's test helper).
 */
async function expectPair(spec: string, publicDer: Uint8Array | undefined, privateDer: Uint8Array) {
  if (spec.startsWith('ML_KEM_'))
    return expectMlKemPair(spec as DataKeyPairSpec, publicDer, privateDer);
  const publicKey = createPublicKey({ key: der(publicDer), format: 'der', type: 'spki' });
  const privateKey = createPrivateKey({ key: der(privateDer), format: 'der', type: 'pkcs8' });
  const spki = (key: KeyObject) => key.export({ format: 'der', type: 'spki' });
  expect(spki(createPublicKey(privateKey))).toEqual(spki(publicKey));
  // Node 20's OpenSSL signs SM2 only with options KMS Lab's pairs need not share; the
  // matching public key above is the interop check for it.
  if (spec === 'SM2') return;
  const digest = spec === 'ECC_NIST_EDWARDS25519' ? null : 'sha256';
  const message = Buffer.from(`signed with a ${spec} data key pair`);
  expect(verify(digest, message, publicKey, sign(digest, message, privateKey))).toBe(true);
}

/**
 * An ML-KEM pair: the 86-byte seed form for every level; OpenSSL 3.5 derives the public key
 * from the private key, encapsulates to the public key, and the private key decapsulates. Where
 * Node 26 is missing (not Linux x64), the engine's own ML-KEM.KeyGen of the seed is the check.
 */
async function expectMlKemPair(
  spec: DataKeyPairSpec,
  publicDer: Uint8Array | undefined,
  privateDer: Uint8Array,
) {
  expect(privateDer).toHaveLength(86);
  const publicKey = publicDer as Uint8Array;
  if (!openssl) {
    const { seed } = parseModuleLatticePrivateKeyInfo(privateDer);
    expect(mlKemKeyPairFromSeed(spec, seed as Uint8Array).publicKey).toEqual(publicKey);
    return;
  }
  const read = await openssl.readKeys(publicKey, privateDer);
  expect(read.privateKeyType).toBe(spec.toLowerCase().replaceAll('_', '-'));
  expect(read.derivedSpki).toEqual(publicKey);
  const { sharedSecret, ciphertext } = await openssl.encapsulate(publicKey);
  expect(decapsulateWithPrivateKey(spec, privateDer, ciphertext)).toEqual(sharedSecret);
}

describe('every AWS operation round-trips through @aws-sdk/client-kms over HTTP', () => {
  it('keys: create, describe, list, describe, tag, disable, enable, schedule and cancel deletion', async () => {
    const created = await kms.send(
      new CreateKeyCommand({ Description: 'first', Tags: [{ TagKey: 'team', TagValue: 'lab' }] }),
    );
    const keyId = created.KeyMetadata?.KeyId as string;
    expect(created.KeyMetadata).toMatchObject({
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
    });
    expect(created.KeyMetadata?.CreationDate).toBeInstanceOf(Date);

    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: 'renamed' }));
    const described = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(described.KeyMetadata?.Description).toBe('renamed');

    const listed = await kms.send(new ListKeysCommand({}));
    expect(listed.Keys?.map((key) => key.KeyId)).toContain(keyId);

    await kms.send(
      new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'env', TagValue: 'test' }] }),
    );
    await kms.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: ['team'] }));
    const tags = await kms.send(new ListResourceTagsCommand({ KeyId: keyId }));
    expect(tags.Tags).toEqual([{ TagKey: 'env', TagValue: 'test' }]);

    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe(
      'Disabled',
    );
    await kms.send(new EnableKeyCommand({ KeyId: keyId }));

    const scheduled = await kms.send(
      new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
    );
    expect(scheduled).toMatchObject({ KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(scheduled.DeletionDate).toBeInstanceOf(Date);
    const cancelled = await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    expect(cancelled.KeyId).toBe(described.KeyMetadata?.Arn);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe(
      'Disabled',
    );
  });

  it('aliases: create, list, update, use and delete', async () => {
    const first = await newKey('alias one');
    const second = await newKey('alias two');
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/ops', TargetKeyId: first }));
    const byAlias = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/ops' }));
    expect(byAlias.KeyMetadata?.KeyId).toBe(first);

    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/ops', TargetKeyId: second }));
    const aliases = await kms.send(new ListAliasesCommand({ KeyId: second }));
    expect(aliases.Aliases).toEqual([
      expect.objectContaining({
        AliasName: 'alias/ops',
        TargetKeyId: second,
        AliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/ops',
      }),
    ]);
    expect(aliases.Aliases?.[0]?.CreationDate).toBeInstanceOf(Date);

    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/ops' }));
    // What is left are the predefined aliases of AWS managed keys, which have no target.
    const left = (await kms.send(new ListAliasesCommand({}))).Aliases ?? [];
    expect(left.filter((alias) => alias.TargetKeyId !== undefined)).toEqual([]);
    expect(left.every((alias) => alias.AliasName?.startsWith('alias/aws/'))).toBe(true);
  });

  it('grants and key policies (grants-policies.test.ts has the details)', async () => {
    const keyId = await newKey('grants');
    const principal = 'arn:aws:iam::111122223333:role/Ops';
    const grant = await kms.send(
      new CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: principal,
        RetiringPrincipal: principal,
        Operations: ['GenerateDataKeyPair'],
      }),
    );
    await kms.send(
      new GenerateDataKeyPairCommand({
        KeyId: keyId,
        KeyPairSpec: 'ECC_NIST_P256',
        GrantTokens: [grant.GrantToken as string],
      }),
    );
    expect((await kms.send(new ListGrantsCommand({ KeyId: keyId }))).Grants).toHaveLength(1);
    const retirable = await kms.send(
      new ListRetirableGrantsCommand({ RetiringPrincipal: principal }),
    );
    expect(retirable.Grants?.map((g) => g.GrantId)).toEqual([grant.GrantId]);
    await kms.send(new RetireGrantCommand({ KeyId: keyId, GrantId: grant.GrantId }));
    const other = await kms.send(
      new CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: principal,
        Operations: ['Decrypt'],
      }),
    );
    await kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: other.GrantId }));
    const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId }));
    await kms.send(
      new PutKeyPolicyCommand({
        KeyId: keyId,
        Policy: (Policy as string).replace('default-1', 'ops'),
      }),
    );
    expect((await kms.send(new ListKeyPoliciesCommand({ KeyId: keyId }))).PolicyNames).toEqual([
      'default',
    ]);
  });

  it('Encrypt, Decrypt, GenerateDataKey(WithoutPlaintext) and GenerateRandom', async () => {
    const keyId = await newKey();
    const context = { purpose: 'server test', ünïcode: 'välue' };
    const plaintext = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const encrypted = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context }),
    );
    const decrypted = await kms.send(
      new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: context }),
    );
    expect(decrypted.Plaintext).toEqual(plaintext);
    expect(decrypted.KeyId).toBe(encrypted.KeyId);

    const dataKey = await kms.send(
      new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }),
    );
    expect(dataKey.Plaintext).toHaveLength(32);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
    expect(opened.Plaintext).toEqual(dataKey.Plaintext);

    const sealed = await kms.send(
      new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, NumberOfBytes: 24 }),
    );
    expect(sealed).not.toHaveProperty('Plaintext');
    const unsealed = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));
    expect(unsealed.Plaintext).toHaveLength(24);

    const random = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 64 }));
    expect(random.Plaintext).toHaveLength(64);
    expect(new Set(random.Plaintext).size).toBeGreaterThan(16);
  });

  it.each(Object.values(DataKeyPairSpec).filter(isSupportedDataKeyPairSpec))(
    'GenerateDataKeyPair %s: OpenSSL reads the pair (3.5 for ML-KEM), Decrypt returns the private key',
    async (spec) => {
      const keyId = await newKey();
      const pair = await kms.send(
        new GenerateDataKeyPairCommand({
          KeyId: keyId,
          KeyPairSpec: spec,
          EncryptionContext: { spec },
        }),
      );
      expect(pair.KeyPairSpec).toBe(spec);
      expect(pair.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
      await expectPair(spec, pair.PublicKey, pair.PrivateKeyPlaintext as Uint8Array);
      const decrypted = await kms.send(
        new DecryptCommand({
          CiphertextBlob: pair.PrivateKeyCiphertextBlob,
          EncryptionContext: { spec },
        }),
      );
      expect(decrypted.Plaintext).toEqual(pair.PrivateKeyPlaintext);

      const withoutPlaintext = await kms.send(
        new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: keyId, KeyPairSpec: spec }),
      );
      expect(withoutPlaintext).not.toHaveProperty('PrivateKeyPlaintext');
      const privateKey = await kms.send(
        new DecryptCommand({ CiphertextBlob: withoutPlaintext.PrivateKeyCiphertextBlob }),
      );
      await expectPair(spec, withoutPlaintext.PublicKey, privateKey.Plaintext as Uint8Array);
    },
  );

  it('rotation: enable, status, on-demand rotation, list rotations, disable; old ciphertexts still decrypt', async () => {
    const keyId = await newKey();
    const before = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 32 }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
    expect(status.NextRotationDate).toBeInstanceOf(Date);

    await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const rotations = await kms.send(new ListKeyRotationsCommand({ KeyId: keyId }));
    expect(rotations.Rotations).toHaveLength(1);
    expect(rotations.Rotations?.[0]).toMatchObject({ RotationType: 'ON_DEMAND' });
    expect(rotations.Rotations?.[0]?.RotationDate).toBeInstanceOf(Date);

    const current = rotations.Rotations?.[0]?.KeyMaterialId;
    const after = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 32 }));
    expect(before.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(after.KeyMaterialId).toBe(current);
    expect(after.KeyMaterialId).not.toBe(before.KeyMaterialId);
    const old = await kms.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }));
    expect(old.Plaintext).toEqual(before.Plaintext);
    expect(old.KeyMaterialId).toBe(before.KeyMaterialId);

    await kms.send(new DisableKeyRotationCommand({ KeyId: keyId }));
    expect(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled,
    ).toBe(false);
  });

  it('the Alibaba route answers AdvanceGenerateDataKeyPair(WithoutPlaintext) and AdvanceDecrypt', async () => {
    const keyId = await newKey('alibaba');
    const call = async (apiName: string, body: object) => {
      const response = await fetch(`${server.url}/alibaba/${apiName}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, string>;
    };
    const aad = Buffer.from('order-42').toString('base64');
    const pair = await call('AdvanceGenerateDataKeyPair', {
      KeyId: keyId,
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'PEM',
      Aad: aad,
    });
    expect(pair).toMatchObject({ KeyId: keyId, KeyPairSpec: 'EC_P256', Algorithm: 'AES_GCM' });
    const pem = Buffer.from(pair.PrivateKeyPlaintext as string, 'base64').toString();
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const publicPem = Buffer.from(pair.PublicKey as string, 'base64').toString();
    expect(createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'pem' })).toBe(
      createPublicKey(publicPem).export({ type: 'spki', format: 'pem' }),
    );
    const opened = await call('AdvanceDecrypt', {
      CiphertextBlob: pair.PrivateKeyCiphertextBlob,
      Aad: aad,
    });
    // The sealed private key is in the requested format: the PEM text PrivateKeyPlaintext held.
    expect(opened.Plaintext).toBe(pair.PrivateKeyPlaintext);
    expect(Buffer.from(opened.Plaintext as string, 'base64').toString()).toBe(pem);

    const sealed = await call('AdvanceGenerateDataKeyPairWithoutPlaintext', {
      KeyId: keyId,
      KeyPairSpec: 'RSA_2048',
      KeyFormat: 'DER',
    });
    expect(sealed).not.toHaveProperty('PrivateKeyPlaintext');
    const privateKey = await call('AdvanceDecrypt', {
      CiphertextBlob: sealed.PrivateKeyCiphertextBlob,
    });
    await expectPair(
      'RSA_2048',
      Buffer.from(sealed.PublicKey as string, 'base64'),
      Buffer.from(privateKey.Plaintext as string, 'base64'),
    );
  });

  it('asymmetric, ML-KEM and HMAC keys: public key, signature, agreement, encapsulation, MAC, re-encryption', async () => {
    // kms-keys.test.ts checks these in depth, on a store file and across a restart.
    const create = async (KeySpec: KeySpec, KeyUsage: KeyUsageType) =>
      (await kms.send(new CreateKeyCommand({ KeySpec, KeyUsage }))).KeyMetadata?.KeyId as string;
    const Message = Buffer.from('over HTTP');
    const signing = await create('ECC_NIST_P256', 'SIGN_VERIFY');
    const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: signing }));
    const signed = await kms.send(
      new SignCommand({ KeyId: signing, Message, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    const key = createPublicKey({ key: der(PublicKey), format: 'der', type: 'spki' });
    expect(verify('sha256', Message, { key, dsaEncoding: 'der' }, der(signed.Signature))).toBe(
      true,
    );
    const verified = await kms.send(
      new VerifyCommand({
        KeyId: signing,
        Message,
        Signature: signed.Signature,
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(verified.SignatureValid).toBe(true);
    const agreeing = await create('ECC_NIST_P384', 'KEY_AGREEMENT');
    const peer = (await kms.send(new GetPublicKeyCommand({ KeyId: agreeing }))).PublicKey;
    const secret = await kms.send(
      new DeriveSharedSecretCommand({
        KeyId: agreeing,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: peer,
      }),
    );
    expect(secret.SharedSecret).toHaveLength(48);
    const hmac = await create('HMAC_256', 'GENERATE_VERIFY_MAC');
    const { Mac } = await kms.send(
      new GenerateMacCommand({ KeyId: hmac, Message, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    const macValid = await kms.send(
      new VerifyMacCommand({ KeyId: hmac, Message, Mac, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    expect(macValid.MacValid).toBe(true);
    const mlKem = await create('ML_KEM_1024', 'ENCAPSULATE_DECAPSULATE');
    const encapsulated = await kms.send(
      new EncapsulateCommand({ KeyId: mlKem, EncapsulationAlgorithm: 'ML_KEM' }),
    );
    expect(encapsulated.SharedSecretCiphertextBlob).toHaveLength(1568);
    const decapsulated = await kms.send(
      new DecapsulateCommand({
        KeyId: mlKem,
        SharedSecretCiphertextBlob: encapsulated.SharedSecretCiphertextBlob,
        EncapsulationAlgorithm: 'ML_KEM',
      }),
    );
    expect(decapsulated.SharedSecret).toEqual(encapsulated.SharedSecret);
    const from = await newKey();
    const to = await newKey();
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: from, Plaintext: Message }),
    );
    const moved = await kms.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: to }));
    expect(moved.KeyId).toMatch(new RegExp(`key/${to}$`));
    expect(
      (await kms.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob }))).Plaintext,
    ).toEqual(new Uint8Array(Message));
  });

  it('replicates a multi-Region key into another Region and hands it the primary role', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ MultiRegion: true }));
    const KeyId = KeyMetadata?.KeyId as string;
    const replica = await kms.send(new ReplicateKeyCommand({ KeyId, ReplicaRegion: 'eu-west-1' }));
    expect(replica.ReplicaKeyMetadata?.Arn).toBe(`arn:aws:kms:eu-west-1:111122223333:key/${KeyId}`);
    await kms.send(new UpdatePrimaryRegionCommand({ KeyId, PrimaryRegion: 'eu-west-1' }));
    const described = await kms.send(new DescribeKeyCommand({ KeyId }));
    expect(described.KeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType).toBe('REPLICA');
  });

  it('imported key material: GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }));
    const KeyId = KeyMetadata?.KeyId as string;
    const parameters = await kms.send(
      new GetParametersForImportCommand({
        KeyId,
        WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
        WrappingKeySpec: 'RSA_2048',
      }),
    );
    const material = randomBytes(32);
    const Message = Buffer.from('imported over HTTP');
    const imported = await kms.send(
      new ImportKeyMaterialCommand({
        KeyId,
        ImportToken: parameters.ImportToken,
        EncryptedKeyMaterial: wrapKeyMaterial(
          parameters.PublicKey as Uint8Array,
          'RSA_AES_KEY_WRAP_SHA_256',
          material,
        ),
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      }),
    );
    expect(imported.KeyMaterialId).toBe(expectedMaterialId(KeyId, material));
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId, Plaintext: Message }));
    expect(openBlobWith(material, CiphertextBlob as Uint8Array)).toEqual(Buffer.from(Message));
    const deleted = await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId }));
    expect(deleted.KeyMaterialId).toBe(imported.KeyMaterialId);
  });

  it('answered every operation KMS Lab emulates (checked from the request log)', () => {
    const answered = new Set(
      logLines.filter((line) => / 200 [\d.]+ms$/.test(line)).map((line) => line.split(' ')[3]),
    );
    for (const operation of EMULATED_OPERATIONS) expect(answered, operation).toContain(operation);
  });
});
