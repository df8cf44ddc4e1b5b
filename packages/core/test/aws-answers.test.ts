/**
 * AWS's exact answers, one statement each: the expected text is AWS's, copied here (from
 * AWS's recorded responses, its documentation and the API model). The recorded error table
 * as a whole is test/aws-errors.test.ts.
 */
import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKms } from '../src/index.js';
import { kmsWithClock, rejection, symmetricKey } from './support/kms.js';
import { sdkClient } from './support/sdk.js';

const PREFIX_MESSAGE =
  'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html';

/** The aliases of AWS managed keys a fresh account lists, with no TargetKeyId. */
const PREDEFINED = [
  'alias/aws/acm',
  'alias/aws/dynamodb',
  'alias/aws/ebs',
  'alias/aws/elasticfilesystem',
  'alias/aws/es',
  'alias/aws/glue',
  'alias/aws/kinesisvideo',
  'alias/aws/lambda',
  'alias/aws/rds',
  'alias/aws/redshift',
  'alias/aws/s3',
  'alias/aws/secretsmanager',
  'alias/aws/ssm',
  'alias/aws/xray',
];

describe('alias names', () => {
  it('take letters, digits, /, _ and - after alias/; a colon is refused in AWS words', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    for (const AliasName of ['alias/my-alias_/', 'alias/my_alias-/', 'alias/Team/App-2_x']) {
      await kms.createAlias({ AliasName, TargetKeyId: keyId });
    }
    for (const AliasName of ['alias/my:alias', 'alias/a:b/c']) {
      const colon = await rejection(kms.createAlias({ AliasName, TargetKeyId: keyId }));
      expect(colon.name).toBe('ValidationException');
      expect(colon.message).toBe(`${AliasName} contains invalid characters for an alias`);
    }
    const updated = await rejection(
      kms.updateAlias({ AliasName: 'alias/x:y', TargetKeyId: keyId }),
    );
    expect(updated.message).toBe('alias/x:y contains invalid characters for an alias');
    // Characters outside the model's pattern fail its validation first.
    const space = await rejection(kms.createAlias({ AliasName: 'alias/a b', TargetKeyId: keyId }));
    expect(space.message).toBe(
      "1 validation error detected: Value 'alias/a b' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
  });

  it('a wrong prefix gets AWS message, on create, update and delete', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    for (const attempt of [
      kms.createAlias({ AliasName: 'orders', TargetKeyId: keyId }),
      kms.createAlias({ AliasName: 'Alias/orders', TargetKeyId: keyId }),
      kms.updateAlias({ AliasName: 'orders', TargetKeyId: keyId }),
      kms.deleteAlias({ AliasName: 'orders' }),
    ]) {
      const error = await rejection(attempt);
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(PREFIX_MESSAGE);
    }
  });

  it('alias/aws/ is reserved: NotAuthorizedException with no message, whatever the change', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    for (const attempt of [
      kms.createAlias({ AliasName: 'alias/aws/s3', TargetKeyId: keyId }),
      kms.createAlias({ AliasName: 'alias/aws/my-own', TargetKeyId: keyId }),
      kms.updateAlias({ AliasName: 'alias/aws/ebs', TargetKeyId: keyId }),
      kms.deleteAlias({ AliasName: 'alias/aws/rds' }),
    ]) {
      const error = await rejection(attempt);
      expect(error.name).toBe('NotAuthorizedException');
      expect(error.message).toBe('');
      expect(error.httpStatusCode).toBe(400);
    }
  });

  it('through the SDK, the reserved-alias answer is an exception named NotAuthorizedException', async () => {
    const { client } = sdkClient();
    const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({}));
    const error = (await rejection(
      client.send(
        new sdk.CreateAliasCommand({ AliasName: 'alias/aws/s3', TargetKeyId: KeyMetadata?.KeyId }),
      ),
    )) as sdk.KMSServiceException;
    expect(error.name).toBe('NotAuthorizedException');
    expect(error.$fault).toBe('client');
    // No message on the wire: the SDK fills in its own, as it does against AWS.
    expect(error.message).toBe('UnknownError');
  });
});

describe('ListAliases and AWS managed keys', () => {
  it('a fresh account lists the predefined aliases, with no TargetKeyId', async () => {
    const kms = createKms();
    const { Aliases, Truncated } = await kms.listAliases({});
    expect(Truncated).toBe(false);
    expect(Aliases).toEqual(
      PREDEFINED.map((AliasName) => ({
        AliasName,
        AliasArn: `arn:aws:kms:us-east-1:111122223333:${AliasName}`,
      })),
    );
  });

  it('lists them among the account aliases in name order, pages through them, and never for one key', async () => {
    const { kms, now } = kmsWithClock();
    const keyId = await symmetricKey(kms);
    await kms.createAlias({ AliasName: 'alias/app', TargetKeyId: keyId });
    await kms.createAlias({ AliasName: 'alias/zeta', TargetKeyId: keyId });
    const names = (await kms.listAliases({})).Aliases?.map((alias) => alias.AliasName);
    expect(names).toEqual(['alias/app', ...PREDEFINED, 'alias/zeta']);
    const first = await kms.listAliases({ Limit: 10 });
    const rest = await kms.listAliases({ Marker: first.NextMarker });
    expect([...(first.Aliases ?? []), ...(rest.Aliases ?? [])].map((a) => a.AliasName)).toEqual(
      names,
    );
    expect((await kms.listAliases({ KeyId: keyId })).Aliases).toEqual([
      {
        AliasName: 'alias/app',
        AliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/app',
        TargetKeyId: keyId,
        CreationDate: now(),
        LastUpdatedDate: now(),
      },
      {
        AliasName: 'alias/zeta',
        AliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/zeta',
        TargetKeyId: keyId,
        CreationDate: now(),
        LastUpdatedDate: now(),
      },
    ]);
  });

  it('uses the Region, account and partition of the KMS in their ARNs', async () => {
    const kms = createKms({ region: 'cn-north-1', accountId: '123456789012' });
    const s3 = (await kms.listAliases({})).Aliases?.find((a) => a.AliasName === 'alias/aws/s3');
    expect(s3?.AliasArn).toBe('arn:aws-cn:kms:cn-north-1:123456789012:alias/aws/s3');
  });
});

describe('tags', () => {
  const tags = (count: number, from = 0) =>
    Array.from({ length: count }, (_, index) => ({
      TagKey: `key-${from + index}`,
      TagValue: `value-${from + index}`,
    }));

  it('CreateKey: duplicate keys, more than 50 tags and aws: in any case are TagException', async () => {
    const kms = createKms();
    const cases: Array<[sdk.Tag[], string]> = [
      [
        [
          { TagKey: 'team', TagValue: 'a' },
          { TagKey: 'team', TagValue: 'b' },
        ],
        'Duplicate tag keys',
      ],
      [tags(51), 'Too many tags'],
      [[{ TagKey: 'aws:cost', TagValue: 'x' }], 'Tags beginning with aws: are reserved'],
      [[{ TagKey: 'AWS:cost', TagValue: 'x' }], 'Tags beginning with aws: are reserved'],
      [[{ TagKey: 'Aws:cost', TagValue: 'x' }], 'Tags beginning with aws: are reserved'],
    ];
    for (const [Tags, message] of cases) {
      const error = await rejection(kms.createKey({ Tags }));
      expect(error.name).toBe('TagException');
      expect(error.message).toBe(message);
    }
    expect((await kms.listKeys({})).Keys).toEqual([]);
    // Exactly 50 is allowed, and so is aws: anywhere but at the start.
    await kms.createKey({ Tags: tags(50) });
    await kms.createKey({ Tags: [{ TagKey: 'team:aws:x', TagValue: 'aws:' }] });
  });

  it('TagResource: the same checks, the 50 counted on the key after the change', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    await kms.tagResource({ KeyId: keyId, Tags: tags(49) });
    // Replacing existing tags' values adds none.
    await kms.tagResource({ KeyId: keyId, Tags: [...tags(3), ...tags(1, 49)] });
    const many = await rejection(kms.tagResource({ KeyId: keyId, Tags: tags(1, 50) }));
    expect([many.name, many.message]).toEqual(['TagException', 'Too many tags']);
    const duplicate = await rejection(
      kms.tagResource({
        KeyId: keyId,
        Tags: [
          { TagKey: 'key-1', TagValue: 'a' },
          { TagKey: 'key-1', TagValue: 'b' },
        ],
      }),
    );
    expect([duplicate.name, duplicate.message]).toEqual(['TagException', 'Duplicate tag keys']);
    const reserved = await rejection(
      kms.tagResource({ KeyId: keyId, Tags: [{ TagKey: 'aWs:x', TagValue: 'v' }] }),
    );
    expect([reserved.name, reserved.message]).toEqual([
      'TagException',
      'Tags beginning with aws: are reserved',
    ]);
    expect((await kms.listResourceTags({ KeyId: keyId, Limit: 100 })).Tags).toHaveLength(50);
  });
});

describe('KeyMetadata.Enabled', () => {
  it('is true only in the Enabled state: false while Disabled and while PendingDeletion', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const metadata = async () => (await kms.describeKey({ KeyId: keyId })).KeyMetadata;
    expect(await metadata()).toMatchObject({ KeyState: 'Enabled', Enabled: true });
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    expect(await metadata()).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false });
    await kms.cancelKeyDeletion({ KeyId: keyId });
    expect(await metadata()).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    await kms.enableKey({ KeyId: keyId });
    await kms.disableKey({ KeyId: keyId });
    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    expect(await metadata()).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false });
  });
});

describe('identifiers', () => {
  it("a well-formed mrk- ID that does not exist: Key '<arn>' does not exist; a malformed one: Invalid keyId", async () => {
    const kms = createKms();
    const mrk = 'mrk-1234abcd12ab34cd56ef1234567890ab';
    const arn = `arn:aws:kms:us-east-1:111122223333:key/${mrk}`;
    for (const KeyId of [mrk, arn]) {
      const error = await rejection(kms.describeKey({ KeyId }));
      expect([error.name, error.message]).toEqual([
        'NotFoundException',
        `Key '${arn}' does not exist`,
      ]);
    }
    for (const KeyId of ['mrk-fake-key-id', 'mrk-1234ABCD12AB34CD56EF1234567890AB', 'mrk-123']) {
      const error = await rejection(kms.describeKey({ KeyId }));
      expect([error.name, error.message]).toEqual([
        'NotFoundException',
        `Invalid keyId '${KeyId}'`,
      ]);
    }
  });

  it('a key or alias ARN of another Region: Invalid arn <that Region>', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    for (const KeyId of [
      `arn:aws:kms:us-west-2:111122223333:key/${keyId}`,
      'arn:aws:kms:eu-central-1:111122223333:alias/orders',
    ]) {
      const error = await rejection(kms.describeKey({ KeyId }));
      const region = KeyId.split(':')[3];
      expect([error.name, error.message]).toEqual(['NotFoundException', `Invalid arn ${region}`]);
    }
  });
});

describe('AWS messages where the model says less', () => {
  it('GenerateRandom without NumberOfBytes: "NumberOfBytes is required."', async () => {
    const error = await rejection(createKms().generateRandom({}));
    expect([error.name, error.message]).toEqual([
      'ValidationException',
      'NumberOfBytes is required.',
    ]);
  });

  it('CreateKey of any spec but SYMMETRIC_DEFAULT without KeyUsage: AWS message', async () => {
    const kms = createKms();
    for (const KeySpec of ['RSA_2048', 'ECC_NIST_P256', 'HMAC_256', 'ML_DSA_44'] as const) {
      const error = await rejection(kms.createKey({ KeySpec }));
      expect([error.name, error.message]).toEqual([
        'ValidationException',
        'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
      ]);
    }
  });

  it('lists enum values in AWS order where recorded, and in the model order elsewhere', async () => {
    const kms = createKms();
    const hmacKey = (await kms.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))
      .KeyMetadata?.KeyId as string;
    const mac = await rejection(
      kms.generateMac({
        KeyId: hmacKey,
        Message: new Uint8Array(1),
        MacAlgorithm: 'HMAC_SHA_1' as sdk.MacAlgorithmSpec,
      }),
    );
    expect(mac.message).toBe(
      "1 validation error detected: Value 'HMAC_SHA_1' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]",
    );
    const pairSpec = await rejection(
      kms.generateDataKeyPair({
        KeyId: hmacKey,
        KeyPairSpec: 'RSA_1024' as sdk.DataKeyPairSpec,
      }),
    );
    expect(pairSpec.message).toMatch(
      /^1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: \[RSA_2048, RSA_3072, RSA_4096, /,
    );
  });
});

describe('errors AWS sends with no message', () => {
  it('are empty in the engine, and "UnknownError" through the SDK, as against AWS', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const { CiphertextBlob } = await kms.encrypt({
      KeyId: keyId,
      Plaintext: new Uint8Array([1, 2, 3]),
      EncryptionContext: { purpose: 'answers' },
    });
    const engine = await rejection(kms.decrypt({ CiphertextBlob }));
    expect([engine.name, engine.message]).toEqual(['InvalidCiphertextException', '']);
    // Not a ciphertext at all, or one cut short: the same answer, with nothing said.
    for (const bytes of [
      new TextEncoder().encode('not a ciphertext'),
      CiphertextBlob?.slice(0, 20),
    ])
      expect((await rejection(kms.decrypt({ CiphertextBlob: bytes }))).message).toBe('');

    const { client } = sdkClient();
    const sdkError = (await rejection(
      client.send(new sdk.DecryptCommand({ CiphertextBlob: new Uint8Array(64) })),
    )) as sdk.KMSServiceException;
    expect(sdkError).toBeInstanceOf(sdk.InvalidCiphertextException);
    expect(sdkError.message).toBe('UnknownError');
  });

  it('RotateKeyOnDemand of a key that is not symmetric: UnsupportedOperationException, no message', async () => {
    const kms = createKms();
    const { KeyMetadata } = await kms.createKey({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
    });
    const error = await rejection(kms.rotateKeyOnDemand({ KeyId: KeyMetadata?.KeyId as string }));
    expect([error.name, error.message]).toEqual(['UnsupportedOperationException', '']);
  });
});

describe('GetParametersForImport, which KMS Lab does not emulate', () => {
  it('answers as AWS does for its keys, all of origin AWS_KMS, and NotFoundException for a missing one', async () => {
    const { client } = sdkClient();
    const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({}));
    const input = { WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' } as const;
    for (const KeyId of [KeyMetadata?.KeyId, KeyMetadata?.Arn]) {
      const error = (await rejection(
        client.send(new sdk.GetParametersForImportCommand({ KeyId, ...input })),
      )) as sdk.KMSServiceException;
      expect(error).toBeInstanceOf(sdk.UnsupportedOperationException);
      expect(error.message).toBe(
        `${KeyMetadata?.Arn} origin is AWS_KMS which is not valid for this operation.`,
      );
    }
    const missing = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const error = await rejection(
      client.send(new sdk.GetParametersForImportCommand({ KeyId: missing, ...input })),
    );
    expect([error.name, error.message]).toEqual([
      'NotFoundException',
      `Key 'arn:aws:kms:us-east-1:111122223333:key/${missing}' does not exist`,
    ]);
  });
});
