import { describe, expect, it } from 'vitest';
import { createKms } from '../src/index.js';
import { randomUuid } from '../src/kms/identifiers.js';
import { kmsWithClock, rejection, symmetricKey } from './support/kms.js';

const ARN_PREFIX = 'arn:aws:kms:us-east-1:111122223333:key/';

describe('CreateKey and DescribeKey', () => {
  it('creates a symmetric encryption key with AWS metadata', async () => {
    const { kms, now } = kmsWithClock();
    const { KeyMetadata, $metadata } = await kms.createKey({
      Description: 'demo',
      Tags: [{ TagKey: 'a', TagValue: 'b' }],
    });
    expect($metadata.httpStatusCode).toBe(200);
    expect(KeyMetadata).toMatchObject({
      AWSAccountId: '111122223333',
      Arn: `${ARN_PREFIX}${KeyMetadata?.KeyId}`,
      CreationDate: now(),
      Enabled: true,
      Description: 'demo',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    });
    expect(KeyMetadata?.KeyId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(KeyMetadata?.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    const described = await kms.describeKey({ KeyId: KeyMetadata?.KeyId });
    expect(described.KeyMetadata).toEqual(KeyMetadata);
    expect((await kms.listResourceTags({ KeyId: KeyMetadata?.KeyId })).Tags).toEqual([
      { TagKey: 'a', TagValue: 'b' },
    ]);
  });

  it('uses the region and account it is given, and the aws-cn partition in China', async () => {
    const kms = createKms({ region: 'cn-north-1', accountId: '123456789012' });
    const { KeyMetadata } = await kms.createKey({});
    expect(KeyMetadata?.Arn).toBe(
      `arn:aws-cn:kms:cn-north-1:123456789012:key/${KeyMetadata?.KeyId}`,
    );
  });

  it('creates asymmetric and HMAC keys with the algorithms AWS lists', async () => {
    const kms = createKms();
    const rsa = await kms.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    expect(rsa.KeyMetadata?.SigningAlgorithms).toContain('RSASSA_PSS_SHA_256');
    expect(rsa.KeyMetadata?.EncryptionAlgorithms).toBeUndefined();
    expect(rsa.KeyMetadata?.CurrentKeyMaterialId).toBeUndefined();
    const ecc = await kms.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    expect(ecc.KeyMetadata?.SigningAlgorithms).toEqual(['ECDSA_SHA_256']);
    const hmac = await kms.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(hmac.KeyMetadata?.MacAlgorithms).toEqual(['HMAC_SHA_256']);
  });

  it('refuses key usages a spec does not support, and origins it cannot emulate', async () => {
    const kms = createKms();
    const usage = await rejection(kms.createKey({ KeySpec: 'HMAC_256' }));
    expect(usage.name).toBe('ValidationException');
    expect(usage.message).toBe(
      'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    );
    expect(
      (await rejection(kms.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'ENCRYPT_DECRYPT' })))
        .name,
    ).toBe('ValidationException');
    expect((await rejection(kms.createKey({ Origin: 'AWS_CLOUDHSM' }))).name).toBe(
      'UnsupportedOperationException',
    );
    expect((await rejection(kms.createKey({ Policy: '{not json' }))).name).toBe(
      'MalformedPolicyDocumentException',
    );
    expect((await kms.listKeys({})).Keys).toEqual([]);
  });

  it('answers unknown keys and malformed identifiers with AWS messages', async () => {
    const kms = createKms();
    const missing = '0b7fd7f2-6b4e-4b8e-9a3c-111111111111';
    const notFound = await rejection(kms.describeKey({ KeyId: missing }));
    expect(notFound.name).toBe('NotFoundException');
    expect(notFound.message).toBe(`Key '${ARN_PREFIX}${missing}' does not exist`);
    const invalid = await rejection(kms.describeKey({ KeyId: 'not-a-key' }));
    expect(invalid.name).toBe('NotFoundException');
    expect(invalid.message).toBe("Invalid keyId 'not-a-key'");
    const alias = await rejection(kms.describeKey({ KeyId: 'alias/nothing' }));
    expect(alias.message).toBe(
      'Alias arn:aws:kms:us-east-1:111122223333:alias/nothing is not found.',
    );
    const otherRegion = await rejection(
      kms.describeKey({ KeyId: `arn:aws:kms:eu-west-1:111122223333:key/${missing}` }),
    );
    expect(otherRegion.name).toBe('NotFoundException');
  });

  it('accepts key ID, key ARN, alias name and alias ARN where AWS does', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    await kms.createAlias({ AliasName: 'alias/app', TargetKeyId: keyId });
    for (const id of [
      keyId,
      `${ARN_PREFIX}${keyId}`,
      'alias/app',
      'arn:aws:kms:us-east-1:111122223333:alias/app',
    ]) {
      expect((await kms.describeKey({ KeyId: id })).KeyMetadata?.KeyId).toBe(keyId);
    }
    // EnableKey and friends take key IDs and ARNs only.
    const error = await rejection(kms.disableKey({ KeyId: 'alias/app' }));
    expect(error.name).toBe('NotFoundException');
    expect(error.message).toBe("Invalid keyId 'alias/app'");
  });
});

describe('key states', () => {
  it('disables and enables a key; a disabled key cannot encrypt', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    await kms.disableKey({ KeyId: keyId });
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata).toMatchObject({
      Enabled: false,
      KeyState: 'Disabled',
    });
    const error = await rejection(kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([1]) }));
    expect(error.name).toBe('DisabledException');
    expect(error.message).toBe(`${ARN_PREFIX}${keyId} is disabled.`);
    await kms.enableKey({ KeyId: keyId });
    await kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([1]) });
  });

  it('schedules deletion, refuses use while pending, cancels to Disabled, deletes when the window ends', async () => {
    const { kms, advanceDays, now } = kmsWithClock();
    const keyId = await symmetricKey(kms);
    await kms.createAlias({ AliasName: 'alias/doomed', TargetKeyId: keyId });
    const { CiphertextBlob } = await kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([7]) });

    const scheduled = await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    expect(scheduled).toMatchObject({
      KeyId: `${ARN_PREFIX}${keyId}`,
      KeyState: 'PendingDeletion',
      PendingWindowInDays: 7,
      DeletionDate: new Date(now().getTime() + 7 * 86_400_000),
    });
    const pending = await rejection(kms.decrypt({ CiphertextBlob }));
    expect(pending.name).toBe('KMSInvalidStateException');
    expect(pending.message).toBe(`${ARN_PREFIX}${keyId} is pending deletion.`);
    expect((await rejection(kms.enableKey({ KeyId: keyId }))).name).toBe(
      'KMSInvalidStateException',
    );
    expect((await rejection(kms.scheduleKeyDeletion({ KeyId: keyId }))).name).toBe(
      'KMSInvalidStateException',
    );

    await kms.cancelKeyDeletion({ KeyId: keyId });
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata?.KeyState).toBe('Disabled');
    expect((await rejection(kms.cancelKeyDeletion({ KeyId: keyId }))).name).toBe(
      'KMSInvalidStateException',
    );

    await kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 7 });
    advanceDays(6.9);
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata?.KeyState).toBe('PendingDeletion');
    advanceDays(0.2);
    expect((await rejection(kms.describeKey({ KeyId: keyId }))).name).toBe('NotFoundException');
    expect((await kms.listAliases({})).Aliases?.filter((alias) => alias.TargetKeyId)).toEqual([]);
    expect((await kms.listKeys({})).Keys).toEqual([]);
    const gone = await rejection(kms.decrypt({ CiphertextBlob }));
    expect(gone.name).toBe('NotFoundException');
    expect(gone.message).toBe(
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    );
  });

  it('keeps the pending window within 7 to 30 days', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const error = await rejection(
      kms.scheduleKeyDeletion({ KeyId: keyId, PendingWindowInDays: 6 }),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7",
    );
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata?.KeyState).toBe('Enabled');
  });

  it('updates descriptions and tags', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    await kms.updateKeyDescription({ KeyId: keyId, Description: 'new' });
    await kms.tagResource({
      KeyId: keyId,
      Tags: [
        { TagKey: 'env', TagValue: 'dev' },
        { TagKey: 'team', TagValue: 'x' },
      ],
    });
    await kms.tagResource({ KeyId: keyId, Tags: [{ TagKey: 'env', TagValue: 'prod' }] });
    await kms.untagResource({ KeyId: keyId, TagKeys: ['team'] });
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata?.Description).toBe('new');
    expect((await kms.listResourceTags({ KeyId: keyId })).Tags).toEqual([
      { TagKey: 'env', TagValue: 'prod' },
    ]);
  });
});

describe('aliases', () => {
  it('creates, lists, updates and deletes aliases', async () => {
    const { kms, now } = kmsWithClock();
    const first = await symmetricKey(kms);
    const second = await symmetricKey(kms);
    await kms.createAlias({ AliasName: 'alias/b', TargetKeyId: first });
    await kms.createAlias({ AliasName: 'alias/a', TargetKeyId: `${ARN_PREFIX}${first}` });
    const { Aliases } = await kms.listAliases({});
    // The predefined aliases of AWS managed keys (alias/aws/...) are listed too: see aws-answers.test.ts.
    expect(Aliases?.filter((alias) => !alias.AliasName?.startsWith('alias/aws/'))).toEqual([
      {
        AliasName: 'alias/a',
        AliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/a',
        TargetKeyId: first,
        CreationDate: now(),
        LastUpdatedDate: now(),
      },
      {
        AliasName: 'alias/b',
        AliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/b',
        TargetKeyId: first,
        CreationDate: now(),
        LastUpdatedDate: now(),
      },
    ]);
    await kms.updateAlias({ AliasName: 'alias/a', TargetKeyId: second });
    expect((await kms.describeKey({ KeyId: 'alias/a' })).KeyMetadata?.KeyId).toBe(second);
    expect((await kms.listAliases({ KeyId: second })).Aliases?.map((a) => a.AliasName)).toEqual([
      'alias/a',
    ]);
    await kms.deleteAlias({ AliasName: 'alias/a' });
    expect((await rejection(kms.describeKey({ KeyId: 'alias/a' }))).name).toBe('NotFoundException');
  });

  it('refuses duplicate, reserved, malformed and dangling aliases', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    await kms.createAlias({ AliasName: 'alias/taken', TargetKeyId: keyId });
    const exists = await rejection(
      kms.createAlias({ AliasName: 'alias/taken', TargetKeyId: keyId }),
    );
    expect(exists.name).toBe('AlreadyExistsException');
    expect(exists.message).toBe(
      'An alias with the name arn:aws:kms:us-east-1:111122223333:alias/taken already exists',
    );
    expect(
      (await rejection(kms.createAlias({ AliasName: 'alias/aws/s3', TargetKeyId: keyId }))).name,
    ).toBe('NotAuthorizedException');
    expect((await rejection(kms.createAlias({ AliasName: 'nope', TargetKeyId: keyId }))).name).toBe(
      'ValidationException',
    );
    const pattern = await rejection(
      kms.createAlias({ AliasName: 'alias/bad name', TargetKeyId: keyId }),
    );
    expect(pattern.message).toBe(
      "1 validation error detected: Value 'alias/bad name' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
    expect(
      (await rejection(kms.createAlias({ AliasName: 'alias/x', TargetKeyId: 'alias/taken' }))).name,
    ).toBe('NotFoundException');
    expect((await rejection(kms.deleteAlias({ AliasName: 'alias/none' }))).name).toBe(
      'NotFoundException',
    );
    expect(
      (await rejection(kms.updateAlias({ AliasName: 'alias/none', TargetKeyId: keyId }))).name,
    ).toBe('NotFoundException');
    expect((await kms.listAliases({ KeyId: keyId })).Aliases?.map((a) => a.AliasName)).toEqual([
      'alias/taken',
    ]);
  });
});

describe('ListKeys pagination', () => {
  it('pages with Limit and Marker and refuses markers it did not issue', async () => {
    const kms = createKms();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await symmetricKey(kms));
    const first = await kms.listKeys({ Limit: 2 });
    expect(first.Truncated).toBe(true);
    const second = await kms.listKeys({ Limit: 2, Marker: first.NextMarker });
    const third = await kms.listKeys({ Limit: 2, Marker: second.NextMarker });
    expect(third.Truncated).toBe(false);
    expect(third.NextMarker).toBeUndefined();
    const all = [...(first.Keys ?? []), ...(second.Keys ?? []), ...(third.Keys ?? [])].map(
      (k) => k.KeyId,
    );
    expect(new Set(all)).toEqual(new Set(ids));
    expect((await rejection(kms.listKeys({ Marker: 'garbage' }))).name).toBe(
      'InvalidMarkerException',
    );
    expect((await rejection(kms.listKeys({ Limit: 0 }))).name).toBe('ValidationException');
  });
});

describe('malformed calls from JavaScript', () => {
  it('answers a null or non-object input with SerializationException, never a crash', async () => {
    const kms = createKms();
    for (const input of [null, 'text', 42, [1]]) {
      expect((await rejection(kms.createKey(input as never))).name).toBe('SerializationException');
      expect((await rejection(kms.listKeys(input as never))).name).toBe('SerializationException');
    }
    expect((await kms.listKeys()).Keys).toEqual([]);
  });
});

describe('identifiers', () => {
  it('makes distinct version 4 UUIDs across refills of the identifier randomness', () => {
    let calls = 0;
    const source = {
      getRandomValues: ((array: Uint8Array<ArrayBuffer>) => {
        calls++;
        return crypto.getRandomValues(array);
      }) as Crypto['getRandomValues'],
    };
    const ids = Array.from({ length: 600 }, () => randomUuid(source));
    expect(new Set(ids).size).toBe(600);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 16 bytes each from 4 KiB draws: 600 UUIDs take three draws, not 600.
    expect(calls).toBe(3);
  });
});
