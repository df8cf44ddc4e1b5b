import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/kms.js';
import { sdkClient } from './support/sdk.js';

/**
 * Key policies through the real @aws-sdk/client-kms, in process. The default policy below is
 * the API model's GetKeyPolicy example (aws-kms-2014-11-01.examples-1.json), byte for byte.
 */
const AWS_DEFAULT_POLICY_EXAMPLE =
  '{\n  "Version" : "2012-10-17",\n  "Id" : "key-default-1",\n  "Statement" : [ {\n    "Sid" : "Enable IAM User Permissions",\n    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "arn:aws:iam::111122223333:root"\n    },\n    "Action" : "kms:*",\n    "Resource" : "*"\n  } ]\n}';

const ROOT = 'arn:aws:iam::111122223333:root';
const ALICE = 'arn:aws:iam::111122223333:user/Alice';

const policy = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const allow = (principal: unknown, action: unknown, extra: object = {}) => ({
  Effect: 'Allow',
  Principal: principal,
  Action: action,
  Resource: '*',
  ...extra,
});

async function setUp() {
  const env = sdkClient();
  const { KeyMetadata } = await env.client.send(new sdk.CreateKeyCommand({}));
  return { ...env, keyId: KeyMetadata?.KeyId as string, keyArn: KeyMetadata?.Arn as string };
}

describe('GetKeyPolicy and ListKeyPolicies', () => {
  it('gives every new key AWS’s default policy, laid out as AWS returns it', async () => {
    const { client, keyId } = await setUp();
    const got = await client.send(new sdk.GetKeyPolicyCommand({ KeyId: keyId }));
    expect(got.Policy).toBe(AWS_DEFAULT_POLICY_EXAMPLE);
    expect(got.PolicyName).toBe('default');
    const named = await client.send(
      new sdk.GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }),
    );
    expect(named.Policy).toBe(AWS_DEFAULT_POLICY_EXAMPLE);
    const listed = await client.send(new sdk.ListKeyPoliciesCommand({ KeyId: keyId }));
    expect(listed.PolicyNames).toEqual(['default']);
    expect(listed.Truncated).toBe(false);
  });

  it('names the account of the engine, and answers for keys pending deletion', async () => {
    const { client, kms } = sdkClient({ accountId: '444455556666', region: 'cn-north-1' });
    const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({}));
    await kms.scheduleKeyDeletion({ KeyId: KeyMetadata?.KeyId, PendingWindowInDays: 7 });
    const got = await client.send(new sdk.GetKeyPolicyCommand({ KeyId: KeyMetadata?.Arn }));
    expect(got.Policy).toBe(
      AWS_DEFAULT_POLICY_EXAMPLE.replace(
        'arn:aws:iam::111122223333:root',
        'arn:aws-cn:iam::444455556666:root',
      ),
    );
  });

  it('knows only the policy named default, and only key IDs and ARNs', async () => {
    const { client, keyId, keyArn } = await setUp();
    const other = await rejection(
      client.send(new sdk.GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'other' })),
    );
    expect(other).toBeInstanceOf(sdk.NotFoundException);
    expect(other.message).toBe(
      `No key policy named 'other' is attached to ${keyArn}: the only key policy name is default.`,
    );
    await client.send(new sdk.CreateAliasCommand({ AliasName: 'alias/p', TargetKeyId: keyId }));
    const alias = await rejection(client.send(new sdk.GetKeyPolicyCommand({ KeyId: 'alias/p' })));
    expect(alias).toBeInstanceOf(sdk.NotFoundException);
    expect(alias.message).toBe("Invalid keyId 'alias/p'");
  });
});

describe('PutKeyPolicy and CreateKey’s Policy', () => {
  it('stores the document exactly as given', async () => {
    const { client, keyId } = await setUp();
    const text = `${policy(
      allow({ AWS: ROOT }, 'kms:*'),
      allow(
        { AWS: [ALICE, 'arn:aws:iam::111122223333:role/App'] },
        ['kms:Decrypt', 'kms:GenerateDataKey*'],
        {
          Condition: { StringEquals: { 'kms:EncryptionContext:tenant': 'a' } },
        },
      ),
    )}\n`;
    await client.send(
      new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: text, PolicyName: 'default' }),
    );
    expect((await client.send(new sdk.GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(text);
    const created = await client.send(new sdk.CreateKeyCommand({ Policy: text }));
    const got = await client.send(
      new sdk.GetKeyPolicyCommand({ KeyId: created.KeyMetadata?.KeyId }),
    );
    expect(got.Policy).toBe(text);
  });

  it('answers MalformedPolicyDocumentException saying what is wrong', async () => {
    const { client, keyId } = await setUp();
    const cases: [string, string | RegExp][] = [
      ['{"Statement": [', /^The key policy is not valid JSON: /],
      ['[1, 2]', 'The key policy must be a JSON object.'],
      ['{"Version": "2012-10-17"}', 'The key policy has no Statement.'],
      [
        policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
        'Statement[0] has no Principal: each statement of a key policy must name one or more principals.',
      ],
      [
        policy(allow({ AWS: ROOT }, 'kms:*', { Effect: 'Maybe' })),
        'Statement[0].Effect must be "Allow" or "Deny".',
      ],
      [
        policy(allow({ AWS: 'bob' }, 'kms:*')),
        'Policy contains a statement with one or more invalid principals.',
      ],
      [
        policy(allow({ AWS: ROOT }, 'kms:*'), allow({ Robot: 'x' }, 'kms:*')),
        "Statement[1].Principal has an unknown principal type 'Robot'.",
      ],
      [
        policy(allow({ AWS: ROOT }, 42)),
        'Statement[0].Action must be a string or a non-empty list of strings.',
      ],
      [
        '{"Version": "2020-01-01", "Statement": []}',
        'The key policy\'s Version must be "2012-10-17" (or the older "2008-10-17").',
      ],
    ];
    for (const [text, message] of cases) {
      for (const send of [
        () => client.send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: text })),
        () => client.send(new sdk.CreateKeyCommand({ Policy: text })),
      ]) {
        const error = await rejection(send());
        expect(error).toBeInstanceOf(sdk.MalformedPolicyDocumentException);
        if (typeof message === 'string') expect(error.message).toBe(message);
        else expect(error.message).toMatch(message);
      }
    }
    // Nothing changed: the key keeps its policy, and no key was created.
    expect((await client.send(new sdk.ListKeysCommand({}))).Keys).toHaveLength(1);
  });

  it('holds a key policy to AWS’s 32 KB, and the model’s 131072 characters', async () => {
    const { client, keyId } = await setUp();
    const padded = (length: number) => {
      const base = policy(allow({ AWS: ROOT }, 'kms:*', { Sid: '' }));
      return base.replace('"Sid": ""', `"Sid": "${'s'.repeat(length - base.length)}"`);
    };
    expect(padded(32_768)).toHaveLength(32_768);
    await client.send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: padded(32_768) }));
    const over = await rejection(
      client.send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: padded(32_769) })),
    );
    expect(over).toBeInstanceOf(sdk.LimitExceededException);
    expect(over.message).toBe(
      'The key policy is 32769 bytes; a key policy can be at most 32768 bytes (32 KB).',
    );
    const huge = await rejection(
      client.send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: padded(131_073) })),
    );
    expect(huge.name).toBe('ValidationException');
  });

  it('refuses a policy that locks the caller out, unless BypassPolicyLockoutSafetyCheck', async () => {
    const { client, keyId, keyArn } = await setUp();
    const lockouts = [
      policy(allow({ AWS: ALICE }, 'kms:*')),
      policy(allow({ AWS: ROOT }, ['kms:Encrypt', 'kms:Decrypt'])),
      policy(allow({ AWS: ROOT }, 'kms:*'), {
        Effect: 'Deny',
        Principal: '*',
        Action: 'kms:Put*',
        Resource: '*',
      }),
      policy(
        allow({ AWS: ROOT }, 'kms:*', { Resource: 'arn:aws:kms:us-east-1:111122223333:key/other' }),
      ),
      policy(allow({ AWS: 'arn:aws:iam::999999999999:root' }, 'kms:*')),
    ];
    for (const text of lockouts) {
      const error = await rejection(
        client.send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: text })),
      );
      expect(error).toBeInstanceOf(sdk.MalformedPolicyDocumentException);
      expect(error.message).toBe(
        'The new key policy will not allow you to update the key policy in the future.',
      );
      const created = await rejection(client.send(new sdk.CreateKeyCommand({ Policy: text })));
      expect(created.message).toBe(error.message);
    }
    const allowed = [
      policy(allow({ AWS: '111122223333' }, 'kms:Put*')),
      policy(allow('*', '*')),
      policy(allow({ AWS: '*' }, ['kms:PUTKEYPOLICY'], { Resource: keyArn })),
      policy(
        allow({ AWS: ROOT }, 'kms:*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      ),
    ];
    for (const text of allowed)
      await client.send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: text }));
    await client.send(
      new sdk.PutKeyPolicyCommand({
        KeyId: keyId,
        Policy: lockouts[0],
        BypassPolicyLockoutSafetyCheck: true,
      }),
    );
    expect((await client.send(new sdk.GetKeyPolicyCommand({ KeyId: keyId }))).Policy).toBe(
      lockouts[0],
    );
    const created = await client.send(
      new sdk.CreateKeyCommand({ Policy: lockouts[1], BypassPolicyLockoutSafetyCheck: true }),
    );
    expect(created.KeyMetadata?.KeyState).toBe('Enabled');
  });
});
