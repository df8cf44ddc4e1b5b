import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  AWS_LIMITS,
  AWS_OPERATIONS,
  createKmsRequestHandler,
  EMULATED_OPERATIONS,
  type ImplementedOperationName,
  isSupportedDataKeyPairSpec,
  KEY_PAIR_SPECS,
  type Kms,
} from '../src/index.js';
import { rejection } from './support/kms.js';
import { expectMlKemDataKeyPair } from './support/module-lattice.js';
import { nodeReadsPair } from './support/node-keys.js';
import { Node26, node26Available } from './support/node26.js';
import { IMPORT_OPERATIONS, KMS_KEY_OPERATIONS, sdkClient } from './support/sdk.js';

/**
 * The real @aws-sdk/client-kms against the engine through the in-process request handler:
 * the SDK serialises, signs and parses exactly as it does against AWS, with no network.
 */
/** The SDK exception a command fails with; fails the test if the command succeeds. */
const failure = async (command: Promise<unknown>) =>
  (await rejection(command)) as unknown as sdk.KMSServiceException;

describe('@aws-sdk/client-kms in process', () => {
  it('round-trips every operation of the engine', async () => {
    const { client, sent } = sdkClient();
    const context = { app: 'sdk', tenant: 'τ' };

    const created = await client.send(
      new sdk.CreateKeyCommand({ Description: 'sdk', Tags: [{ TagKey: 'team', TagValue: 'lab' }] }),
    );
    const keyId = created.KeyMetadata?.KeyId as string;
    expect(created.KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    expect(created.KeyMetadata?.Arn).toBe(`arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const described = await client.send(new sdk.DescribeKeyCommand({ KeyId: keyId }));
    expect(described.KeyMetadata?.KeyState).toBe('Enabled');
    expect((await client.send(new sdk.ListKeysCommand({}))).Keys?.map((k) => k.KeyId)).toEqual([
      keyId,
    ]);

    await client.send(new sdk.UpdateKeyDescriptionCommand({ KeyId: keyId, Description: 'sdk 2' }));
    await client.send(
      new sdk.TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'env', TagValue: 'test' }] }),
    );
    await client.send(new sdk.UntagResourceCommand({ KeyId: keyId, TagKeys: ['team'] }));
    const tags = await client.send(new sdk.ListResourceTagsCommand({ KeyId: keyId }));
    expect(tags.Tags).toEqual([{ TagKey: 'env', TagValue: 'test' }]);

    await client.send(new sdk.CreateAliasCommand({ AliasName: 'alias/sdk', TargetKeyId: keyId }));
    const other = await client.send(new sdk.CreateKeyCommand({}));
    await client.send(
      new sdk.UpdateAliasCommand({
        AliasName: 'alias/sdk',
        TargetKeyId: other.KeyMetadata?.KeyId as string,
      }),
    );
    await client.send(new sdk.UpdateAliasCommand({ AliasName: 'alias/sdk', TargetKeyId: keyId }));
    const aliases = await client.send(new sdk.ListAliasesCommand({ KeyId: keyId }));
    expect(aliases.Aliases?.map((a) => a.AliasName)).toEqual(['alias/sdk']);
    expect(aliases.Aliases?.[0]?.LastUpdatedDate).toBeInstanceOf(Date);

    await client.send(new sdk.DisableKeyCommand({ KeyId: keyId }));
    await client.send(new sdk.EnableKeyCommand({ KeyId: keyId }));

    for (const KeyPairSpec of Object.values(sdk.DataKeyPairSpec).filter(
      isSupportedDataKeyPairSpec,
    )) {
      const pair = await client.send(
        new sdk.GenerateDataKeyPairCommand({
          KeyId: 'alias/sdk',
          KeyPairSpec,
          EncryptionContext: context,
        }),
      );
      expect(pair.KeyPairSpec).toBe(KeyPairSpec);
      expect(pair.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
      // Node 20's node:crypto cannot read ML-KEM keys; the next test has OpenSSL 3.5 read them.
      if (KEY_PAIR_SPECS[KeyPairSpec].family === 'ml-kem')
        expectMlKemDataKeyPair(KeyPairSpec, pair.PublicKey, pair.PrivateKeyPlaintext);
      else nodeReadsPair(pair.PublicKey, pair.PrivateKeyPlaintext);
      const decrypted = await client.send(
        new sdk.DecryptCommand({
          CiphertextBlob: pair.PrivateKeyCiphertextBlob,
          EncryptionContext: context,
        }),
      );
      expect(decrypted.Plaintext).toEqual(pair.PrivateKeyPlaintext);
      expect(decrypted.KeyId).toBe(created.KeyMetadata?.Arn);
    }

    const withoutPlaintext = await client.send(
      new sdk.GenerateDataKeyPairWithoutPlaintextCommand({
        KeyId: keyId,
        KeyPairSpec: 'ECC_NIST_P256',
      }),
    );
    expect(withoutPlaintext).not.toHaveProperty('PrivateKeyPlaintext');

    const encrypted = await client.send(
      new sdk.EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode('hello') }),
    );
    const dataKey = await client.send(
      new sdk.GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }),
    );
    expect(dataKey.Plaintext).toHaveLength(32);
    const dataKeyOnly = await client.send(
      new sdk.GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, NumberOfBytes: 16 }),
    );
    const random = await client.send(new sdk.GenerateRandomCommand({ NumberOfBytes: 48 }));
    expect(random.Plaintext).toHaveLength(48);

    await client.send(new sdk.EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 90 }));
    const status = await client.send(new sdk.GetKeyRotationStatusCommand({ KeyId: keyId }));
    expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
    expect(status.NextRotationDate).toBeInstanceOf(Date);
    await client.send(new sdk.DisableKeyRotationCommand({ KeyId: keyId }));
    await client.send(new sdk.RotateKeyOnDemandCommand({ KeyId: keyId }));
    const rotations = await client.send(new sdk.ListKeyRotationsCommand({ KeyId: keyId }));
    expect(rotations.Rotations?.map((r) => r.RotationType)).toEqual(['ON_DEMAND']);

    // Blobs from before the rotation still decrypt, and report the material that was used.
    expect(
      (await client.send(new sdk.DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob })))
        .Plaintext,
    ).toEqual(new TextEncoder().encode('hello'));
    expect(
      (await client.send(new sdk.DecryptCommand({ CiphertextBlob: dataKeyOnly.CiphertextBlob })))
        .Plaintext,
    ).toHaveLength(16);
    const oldPair = await client.send(
      new sdk.DecryptCommand({ CiphertextBlob: withoutPlaintext.PrivateKeyCiphertextBlob }),
    );
    expect(oldPair.KeyMaterialId).toBe(withoutPlaintext.KeyMaterialId);

    // Grants (test/grants.test.ts has the details): a token from CreateGrant is accepted.
    const role = 'arn:aws:iam::111122223333:role/Sdk';
    const granted = await client.send(
      new sdk.CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: role,
        RetiringPrincipal: role,
        Operations: ['GenerateDataKeyPair', 'Decrypt'],
      }),
    );
    await client.send(
      new sdk.GenerateDataKeyPairWithoutPlaintextCommand({
        KeyId: keyId,
        KeyPairSpec: 'ECC_NIST_P256',
        GrantTokens: [granted.GrantToken as string],
      }),
    );
    const listed = await client.send(new sdk.ListGrantsCommand({ KeyId: keyId }));
    expect(listed.Grants?.map((g) => g.GrantId)).toEqual([granted.GrantId]);
    const retirable = await client.send(
      new sdk.ListRetirableGrantsCommand({ RetiringPrincipal: role }),
    );
    expect(retirable.Grants?.map((g) => g.GrantId)).toEqual([granted.GrantId]);
    await client.send(new sdk.RetireGrantCommand({ GrantToken: granted.GrantToken }));
    const revocable = await client.send(
      new sdk.CreateGrantCommand({ KeyId: keyId, GranteePrincipal: role, Operations: ['Encrypt'] }),
    );
    await client.send(new sdk.RevokeGrantCommand({ KeyId: keyId, GrantId: revocable.GrantId }));

    // Key policies (test/key-policies.test.ts has the details).
    const { Policy } = await client.send(new sdk.GetKeyPolicyCommand({ KeyId: keyId }));
    expect(JSON.parse(Policy as string).Id).toBe('key-default-1');
    await client.send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: Policy as string }));
    const policies = await client.send(new sdk.ListKeyPoliciesCommand({ KeyId: keyId }));
    expect(policies.PolicyNames).toEqual(['default']);

    await client.send(new sdk.DeleteAliasCommand({ AliasName: 'alias/sdk' }));
    const scheduled = await client.send(
      new sdk.ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
    );
    expect(scheduled.DeletionDate).toBeInstanceOf(Date);
    expect(scheduled.KeyState).toBe('PendingDeletion');
    await client.send(new sdk.CancelKeyDeletionCommand({ KeyId: keyId }));

    // Multi-Region keys: an engine made alone serves one Region, so it makes mrk- keys and
    // says why it cannot replicate them (test/multi-region.test.ts has a partition's answers).
    const multiRegion = await client.send(new sdk.CreateKeyCommand({ MultiRegion: true }));
    const mrk = multiRegion.KeyMetadata?.KeyId as string;
    expect(mrk).toMatch(/^mrk-[0-9a-f]{32}$/);
    for (const command of [
      new sdk.ReplicateKeyCommand({ KeyId: mrk, ReplicaRegion: 'eu-west-1' }),
      new sdk.UpdatePrimaryRegionCommand({ KeyId: mrk, PrimaryRegion: 'eu-west-1' }),
    ]) {
      const refused = await failure(client.send(command as sdk.ReplicateKeyCommand));
      expect(refused).toBeInstanceOf(sdk.UnsupportedOperationException);
      expect(refused.message).toContain('createKmsPartition');
    }

    // With protocol-sdk-kms-keys.test.ts, which sends the operations of KMS_KEY_OPERATIONS,
    // and imports.test.ts, IMPORT_OPERATIONS.
    expect([...sent].sort()).toEqual(
      EMULATED_OPERATIONS.filter(
        (name) => !KMS_KEY_OPERATIONS.includes(name) && !IMPORT_OPERATIONS.includes(name),
      ).sort(),
    );
  });

  it.each(['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'] as const)(
    '%s data key pairs: 86-byte private keys, none from WithoutPlaintext, Decrypt gives the same 86 bytes, OpenSSL 3.5 reads them',
    async (KeyPairSpec) => {
      const { client } = sdkClient();
      const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({}));
      const KeyId = KeyMetadata?.KeyId as string;
      const pair = await client.send(new sdk.GenerateDataKeyPairCommand({ KeyId, KeyPairSpec }));
      expect(pair.KeyPairSpec).toBe(KeyPairSpec);
      expectMlKemDataKeyPair(KeyPairSpec, pair.PublicKey, pair.PrivateKeyPlaintext);
      const decrypted = await client.send(
        new sdk.DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob }),
      );
      expect(decrypted.Plaintext).toEqual(pair.PrivateKeyPlaintext);

      const sealed = await client.send(
        new sdk.GenerateDataKeyPairWithoutPlaintextCommand({ KeyId, KeyPairSpec }),
      );
      expect(sealed).not.toHaveProperty('PrivateKeyPlaintext');
      const { Plaintext } = await client.send(
        new sdk.DecryptCommand({ CiphertextBlob: sealed.PrivateKeyCiphertextBlob }),
      );
      expectMlKemDataKeyPair(KeyPairSpec, sealed.PublicKey, Plaintext);

      if (!node26Available) return;
      const openssl = new Node26();
      try {
        for (const [publicKey, privateKey] of [
          [pair.PublicKey, pair.PrivateKeyPlaintext],
          [sealed.PublicKey, Plaintext],
        ] as const) {
          const read = await openssl.readKeys(publicKey as Uint8Array, privateKey as Uint8Array);
          expect(read.privateKeyType).toBe(KeyPairSpec.toLowerCase().replaceAll('_', '-'));
          expect(read.derivedSpki).toEqual(publicKey);
        }
      } finally {
        openssl.close();
      }
    },
  );

  it('answers every operation it does not emulate with UnsupportedOperationException', async () => {
    const { client } = sdkClient();
    const notEmulated = AWS_OPERATIONS.filter(
      (name) => !(EMULATED_OPERATIONS as readonly string[]).includes(name),
    );
    expect(notEmulated).toContain('ConnectCustomKeyStore');
    const error = await rejection(
      client.send(
        new sdk.DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0' }),
      ),
    );
    expect(error).toBeInstanceOf(sdk.UnsupportedOperationException);
    expect(error.message).toBe('KMS Lab does not emulate DisconnectCustomKeyStore');
  });

  it('takes the request body as bytes as well as text', async () => {
    const { kms } = sdkClient();
    const handler = createKmsRequestHandler(kms);
    const body = new TextEncoder().encode(JSON.stringify({ Description: 'bytes' }));
    const { response } = await handler.handle({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': 'TrentService.CreateKey' },
      body,
    });
    expect(response.statusCode).toBe(200);
    const answer = JSON.parse(new TextDecoder().decode(response.body));
    expect(answer.KeyMetadata.Description).toBe('bytes');
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.1');
  });

  it('refuses to answer an aborted request', async () => {
    const { kms } = sdkClient();
    const controller = new AbortController();
    controller.abort();
    const client = new sdk.KMSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      requestHandler: createKmsRequestHandler(kms),
    });
    const error = await failure(
      client.send(new sdk.ListKeysCommand({}), { abortSignal: controller.signal }),
    );
    expect(error.name).toBe('AbortError');
  });
});

describe('@aws-sdk/client-kms in process: errors arrive as the SDK exception classes', () => {
  type Case = {
    exception: new (...args: never[]) => sdk.KMSServiceException;
    message: string | RegExp;
    run: (env: ReturnType<typeof sdkClient> & { keyId: string }) => Promise<unknown>;
  };
  const missing = '1234abcd-12ab-34cd-56ef-1234567890ab';
  const cases: Record<string, Case> = {
    'unknown key': {
      exception: sdk.NotFoundException,
      message: `Key 'arn:aws:kms:us-east-1:111122223333:key/${missing}' does not exist`,
      run: ({ client }) => client.send(new sdk.DescribeKeyCommand({ KeyId: missing })),
    },
    'unknown alias': {
      exception: sdk.NotFoundException,
      message: /alias\/nothing/,
      run: ({ client }) =>
        client.send(
          new sdk.GenerateDataKeyPairCommand({ KeyId: 'alias/nothing', KeyPairSpec: 'RSA_2048' }),
        ),
    },
    'disabled key': {
      exception: sdk.DisabledException,
      message: /is disabled/,
      run: async ({ client, keyId }) => {
        await client.send(new sdk.DisableKeyCommand({ KeyId: keyId }));
        return client.send(
          new sdk.GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }),
        );
      },
    },
    'key pending deletion': {
      exception: sdk.KMSInvalidStateException,
      message: /is pending deletion/,
      run: async ({ client, keyId }) => {
        await client.send(new sdk.ScheduleKeyDeletionCommand({ KeyId: keyId }));
        return client.send(
          new sdk.GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }),
        );
      },
    },
    'asymmetric KMS key as wrapping key': {
      exception: sdk.InvalidKeyUsageException,
      message: /key usage is SIGN_VERIFY which is not valid for GenerateDataKeyPair/,
      run: async ({ client }) => {
        const { KeyMetadata } = await client.send(
          new sdk.CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
        );
        return client.send(
          new sdk.GenerateDataKeyPairCommand({
            KeyId: KeyMetadata?.KeyId,
            KeyPairSpec: 'ECC_NIST_P256',
          }),
        );
      },
    },
    'wrong encryption context': {
      exception: sdk.InvalidCiphertextException,
      // AWS sends an empty message here, which the SDK turns into 'UnknownError'.
      message: 'UnknownError',
      run: async ({ client, keyId }) => {
        const pair = await client.send(
          new sdk.GenerateDataKeyPairWithoutPlaintextCommand({
            KeyId: keyId,
            KeyPairSpec: 'ECC_NIST_P256',
            EncryptionContext: { ab: 'c' },
          }),
        );
        return client.send(
          new sdk.DecryptCommand({
            CiphertextBlob: pair.PrivateKeyCiphertextBlob,
            EncryptionContext: { a: 'bc' },
          }),
        );
      },
    },
    'blob decrypted with another KeyId': {
      exception: sdk.IncorrectKeyException,
      message: /key ID in the request does not identify/,
      run: async ({ client, keyId }) => {
        const encrypted = await client.send(
          new sdk.EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([1]) }),
        );
        const other = await client.send(new sdk.CreateKeyCommand({}));
        return client.send(
          new sdk.DecryptCommand({
            CiphertextBlob: encrypted.CiphertextBlob,
            KeyId: other.KeyMetadata?.KeyId,
          }),
        );
      },
    },
    'existing alias': {
      exception: sdk.AlreadyExistsException,
      message: /alias\/taken/,
      run: async ({ client, keyId }) => {
        await client.send(
          new sdk.CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: keyId }),
        );
        return client.send(
          new sdk.CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: keyId }),
        );
      },
    },
    'reserved alias name': {
      exception: sdk.NotFoundException,
      message: /alias\/aws\/s3/,
      run: ({ client }) => client.send(new sdk.DescribeKeyCommand({ KeyId: 'alias/aws/s3' })),
    },
    'malformed ARN': {
      exception: sdk.NotFoundException,
      message: /arn:aws:kms:us-east-1:111122223333:key\/nope/,
      run: ({ client }) =>
        client.send(
          new sdk.DescribeKeyCommand({ KeyId: 'arn:aws:kms:us-east-1:111122223333:key/nope' }),
        ),
    },
    'dry run': {
      exception: sdk.DryRunOperationException,
      message: /would have succeeded/,
      run: ({ client, keyId }) =>
        client.send(
          new sdk.GenerateDataKeyPairCommand({
            KeyId: keyId,
            KeyPairSpec: 'RSA_2048',
            DryRun: true,
          }),
        ),
    },
    'grant token': {
      exception: sdk.InvalidGrantTokenException,
      message: /grant token/i,
      run: ({ client, keyId }) =>
        client.send(
          new sdk.GenerateDataKeyPairCommand({
            KeyId: keyId,
            KeyPairSpec: 'ECC_NIST_P256',
            GrantTokens: ['not-a-grant-token'],
          }),
        ),
    },
    'rotation of an asymmetric key': {
      exception: sdk.UnsupportedOperationException,
      message: /./,
      run: async ({ client }) => {
        const { KeyMetadata } = await client.send(
          new sdk.CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }),
        );
        return client.send(new sdk.RotateKeyOnDemandCommand({ KeyId: KeyMetadata?.KeyId }));
      },
    },
    'bad pagination marker': {
      exception: sdk.InvalidMarkerException,
      message: /./,
      run: ({ client }) => client.send(new sdk.ListKeysCommand({ Marker: 'not-a-marker' })),
    },
    'AWS quota exceeded': {
      exception: sdk.KMSServiceException,
      message: /rate/i,
      run: async ({ client, keyId }) => {
        const request = { KeyId: keyId, KeyPairSpec: 'RSA_4096' } as const;
        await client.send(new sdk.GenerateDataKeyPairWithoutPlaintextCommand(request));
        return client.send(new sdk.GenerateDataKeyPairWithoutPlaintextCommand(request));
      },
    },
  };

  for (const [title, { exception, message, run }] of Object.entries(cases)) {
    it(title, async () => {
      const env = sdkClient(title === 'AWS quota exceeded' ? { limits: AWS_LIMITS } : {});
      const { KeyMetadata } = await env.client.send(new sdk.CreateKeyCommand({}));
      const error = await failure(run({ ...env, keyId: KeyMetadata?.KeyId as string }));
      expect(error).toBeInstanceOf(exception);
      expect(error).toBeInstanceOf(sdk.KMSServiceException);
      if (typeof message === 'string') expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
      expect(error.$metadata.httpStatusCode).toBe(title === 'AWS quota exceeded' ? 429 : 400);
    });
  }

  it('ThrottlingException, ValidationException and SerializationException keep their names', async () => {
    const { client, kms } = sdkClient({ limits: AWS_LIMITS });
    const { KeyMetadata } = await kms.createKey({});
    const request = { KeyId: KeyMetadata?.KeyId as string, KeyPairSpec: 'RSA_4096' } as const;
    await client.send(new sdk.GenerateDataKeyPairWithoutPlaintextCommand(request));
    const throttled = await failure(
      client.send(new sdk.GenerateDataKeyPairWithoutPlaintextCommand(request)),
    );
    expect(throttled.name).toBe('ThrottlingException');
    expect(throttled.$fault).toBe('client');

    const invalid = await failure(
      client.send(
        new sdk.GenerateDataKeyPairCommand({
          KeyId: request.KeyId,
          KeyPairSpec: 'RSA_1024' as sdk.DataKeyPairSpec,
        }),
      ),
    );
    expect(invalid.name).toBe('ValidationException');
    expect(invalid.message).toMatch(/keyPairSpec.*RSA_1024|RSA_1024.*keyPairSpec/);

    const wrongType = await failure(
      client.send(
        new sdk.ScheduleKeyDeletionCommand({
          KeyId: request.KeyId,
          PendingWindowInDays: 'seven' as unknown as number,
        }),
      ),
    );
    expect(wrongType.name).toBe('SerializationException');
  });

  it('every engine exception the SDK models is thrown as its class somewhere above', () => {
    // The SDK classes that the engine can produce; the cases above cover each of them.
    const covered = new Set(Object.values(cases).map(({ exception }) => exception.name));
    for (const name of [
      'NotFoundException',
      'DisabledException',
      'KMSInvalidStateException',
      'InvalidKeyUsageException',
      'InvalidCiphertextException',
      'IncorrectKeyException',
      'AlreadyExistsException',
      'DryRunOperationException',
      'InvalidGrantTokenException',
      'UnsupportedOperationException',
      'InvalidMarkerException',
    ])
      expect(covered).toContain(name);
  });
});

// Keeps the type import used: every operation name is a key of the engine.
const _everyOperationIsAMethod: Record<Uncapitalize<ImplementedOperationName>, unknown> = {} as Kms;
void _everyOperationIsAMethod;
