import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKms, createKmsRequestHandler, enforcePolicies, type Kms } from '../src/index.js';
import { conditionHolds } from '../src/kms/policy/conditions.js';
import { rejection } from './support/kms.js';

/** Key policies and grants enforced (`enforcePolicies`), through the real SDK in process. */
const ACCOUNT = 'arn:aws:iam::111122223333';
const ADMIN = `${ACCOUNT}:user/Admin`;
const ALICE = `${ACCOUNT}:user/Alice`;
const BOB = `${ACCOUNT}:user/Bob`;
const CAROL = `${ACCOUNT}:role/Carol`;

const clientAs = (kms: Kms, principal: string) =>
  new sdk.KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDKMSLAB', secretAccessKey: 'not-checked-in-process' },
    requestHandler: createKmsRequestHandler(enforcePolicies(kms, principal)),
    maxAttempts: 1,
  });

/** The SDK does not model AccessDeniedException: it arrives as a KMSServiceException of that name. */
function expectDenied(error: Error) {
  expect(error).toBeInstanceOf(sdk.KMSServiceException);
  expect(error.name).toBe('AccessDeniedException');
  expect((error as sdk.KMSServiceException).$metadata.httpStatusCode).toBe(400);
}

const leastPrivilege = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'Tenant a data keys',
      Effect: 'Allow',
      Principal: { AWS: ALICE },
      Action: ['kms:GenerateDataKeyPair*', 'kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:tenant': 'a' } },
    },
    {
      Sid: 'Alice describes',
      Effect: 'Allow',
      Principal: { AWS: ALICE },
      Action: 'kms:DescribeKey',
      Resource: '*',
    },
    {
      Sid: 'Never Bob',
      Effect: 'Deny',
      Principal: { AWS: BOB },
      Action: 'kms:Decrypt',
      Resource: '*',
    },
  ],
});

async function setUp() {
  const kms = createKms();
  const admin = clientAs(kms, ADMIN);
  const { KeyMetadata } = await admin.send(new sdk.CreateKeyCommand({ Policy: leastPrivilege }));
  return { kms, admin, keyId: KeyMetadata?.KeyId as string, keyArn: KeyMetadata?.Arn as string };
}

const pairFor = (KeyId: string, tenant: string) =>
  new sdk.GenerateDataKeyPairCommand({
    KeyId,
    KeyPairSpec: 'ECC_NIST_P256',
    EncryptionContext: { tenant },
  });

describe('enforcePolicies: key policies', () => {
  it('allows what the policy allows, under its encryption context condition, and refuses the rest in AWS’s words', async () => {
    const { kms, keyId, keyArn } = await setUp();
    const alice = clientAs(kms, ALICE);
    const pair = await alice.send(pairFor(keyId, 'a'));
    const opened = await alice.send(
      new sdk.DecryptCommand({
        CiphertextBlob: pair.PrivateKeyCiphertextBlob,
        EncryptionContext: { tenant: 'a' },
      }),
    );
    expect(opened.Plaintext).toEqual(pair.PrivateKeyPlaintext);
    const otherTenant = await rejection(alice.send(pairFor(keyId, 'b')));
    expectDenied(otherTenant);
    expect(otherTenant.message).toBe(
      `User: ${ALICE} is not authorized to perform: kms:GenerateDataKeyPair on resource: ${keyArn} because no resource-based policy allows the kms:GenerateDataKeyPair action`,
    );
    const encrypt = await rejection(
      alice.send(
        new sdk.EncryptCommand({
          KeyId: keyId,
          Plaintext: new Uint8Array([1]),
          EncryptionContext: { tenant: 'a' },
        }),
      ),
    );
    expect(encrypt.message).toContain('kms:Encrypt on resource');
    expect((await alice.send(new sdk.DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.Arn).toBe(
      keyArn,
    );
    const denied = await rejection(
      clientAs(kms, BOB).send(
        new sdk.DecryptCommand({
          CiphertextBlob: pair.PrivateKeyCiphertextBlob,
          EncryptionContext: { tenant: 'a' },
        }),
      ),
    );
    expect(denied.message).toBe(
      `User: ${BOB} is not authorized to perform: kms:Decrypt on resource: ${keyArn} with an explicit deny in a resource-based policy`,
    );
  });

  it('lets every principal of the account use a key with the default policy, and none of another account', async () => {
    const kms = createKms();
    const { KeyMetadata } = await clientAs(kms, BOB).send(new sdk.CreateKeyCommand({}));
    await clientAs(kms, CAROL).send(pairFor(KeyMetadata?.KeyId as string, 'x'));
    const stranger = await rejection(
      clientAs(kms, 'arn:aws:iam::999999999999:user/Eve').send(
        pairFor(KeyMetadata?.KeyId as string, 'x'),
      ),
    );
    expectDenied(stranger);
    // Operations on no key are IAM's to allow, and KMS Lab has no IAM policies.
    await clientAs(kms, 'arn:aws:iam::999999999999:user/Eve').send(new sdk.ListKeysCommand({}));
    const missing = await rejection(
      clientAs(kms, ALICE).send(
        new sdk.DescribeKeyCommand({ KeyId: '11111111-1111-4111-8111-111111111111' }),
      ),
    );
    expect(missing).toBeInstanceOf(sdk.NotFoundException);
  });

  it('makes the lockout check for the real caller, and refuses PutKeyPolicy to others', async () => {
    const { kms, admin, keyId } = await setUp();
    const onlyAdmin = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:*', Resource: '*' }],
    });
    // The account's root could not change this policy again, but the admin can: accepted.
    await admin.send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: onlyAdmin }));
    const onlyAlice = onlyAdmin.replace(ADMIN, ALICE);
    const lockout = await rejection(
      admin.send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: onlyAlice })),
    );
    expect(lockout).toBeInstanceOf(sdk.MalformedPolicyDocumentException);
    expect(lockout.message).toBe(
      'The new key policy will not allow you to update the key policy in the future.',
    );
    const byAlice = await rejection(
      clientAs(kms, ALICE).send(new sdk.PutKeyPolicyCommand({ KeyId: keyId, Policy: onlyAlice })),
    );
    expectDenied(byAlice);
    await admin.send(
      new sdk.PutKeyPolicyCommand({
        KeyId: keyId,
        Policy: onlyAlice,
        BypassPolicyLockoutSafetyCheck: true,
      }),
    );
    expectDenied(await rejection(admin.send(new sdk.DescribeKeyCommand({ KeyId: keyId }))));
  });
});

describe('enforcePolicies: grants', () => {
  it('gives a grantee the grant’s operations under its constraints; its retiring principal may retire it, and then it gives nothing', async () => {
    const { kms, admin, keyId, keyArn } = await setUp();
    const bob = clientAs(kms, BOB);
    expectDenied(await rejection(bob.send(pairFor(keyId, 'b'))));
    const grant = await admin.send(
      new sdk.CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: BOB,
        RetiringPrincipal: CAROL,
        Operations: ['GenerateDataKeyPairWithoutPlaintext', 'DescribeKey'],
        Constraints: { EncryptionContextSubset: { tenant: 'b' } },
      }),
    );
    await bob.send(
      new sdk.GenerateDataKeyPairWithoutPlaintextCommand({
        KeyId: keyId,
        KeyPairSpec: 'RSA_2048',
        EncryptionContext: { tenant: 'b', order: '7' },
        GrantTokens: [grant.GrantToken as string],
      }),
    );
    const wrongContext = await rejection(
      bob.send(
        new sdk.GenerateDataKeyPairWithoutPlaintextCommand({
          KeyId: keyId,
          KeyPairSpec: 'RSA_2048',
          EncryptionContext: { tenant: 'c' },
        }),
      ),
    );
    expect(wrongContext.message).toBe(
      `User: ${BOB} is not authorized to perform: kms:GenerateDataKeyPairWithoutPlaintext on resource: ${keyArn} because no resource-based policy allows the kms:GenerateDataKeyPairWithoutPlaintext action`,
    );
    await bob.send(new sdk.DescribeKeyCommand({ KeyId: keyId })); // the constraint does not apply
    expectDenied(await rejection(bob.send(pairFor(keyId, 'b'))));
    const carol = clientAs(kms, CAROL);
    expectDenied(await rejection(carol.send(new sdk.DescribeKeyCommand({ KeyId: keyId }))));
    await carol.send(new sdk.RetireGrantCommand({ GrantToken: grant.GrantToken }));
    expectDenied(await rejection(bob.send(new sdk.DescribeKeyCommand({ KeyId: keyId }))));
  });

  it('needs ReEncryptFrom on the source key and ReEncryptTo on the destination', async () => {
    const { kms, admin, keyId } = await setUp();
    const { KeyMetadata } = await admin.send(new sdk.CreateKeyCommand({ Policy: leastPrivilege }));
    const destination = KeyMetadata?.KeyId as string;
    const { CiphertextBlob } = await admin.send(
      new sdk.EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([5]) }),
    );
    const bob = clientAs(kms, BOB);
    const reEncrypt = () =>
      bob.send(new sdk.ReEncryptCommand({ CiphertextBlob, DestinationKeyId: destination }));
    expect((await rejection(reEncrypt())).message).toContain('kms:ReEncryptFrom');
    await admin.send(
      new sdk.CreateGrantCommand({
        KeyId: keyId,
        GranteePrincipal: BOB,
        Operations: ['ReEncryptFrom'],
      }),
    );
    expect((await rejection(reEncrypt())).message).toContain('kms:ReEncryptTo');
    await admin.send(
      new sdk.CreateGrantCommand({
        KeyId: destination,
        GranteePrincipal: BOB,
        Operations: ['ReEncryptTo'],
      }),
    );
    expect((await reEncrypt()).KeyId).toBe(KeyMetadata?.Arn);
  });
});

describe('condition operators', () => {
  const context = new Map<string, string | readonly string[]>([
    ['kms:encryptioncontextkeys', ['tenant', 'order']],
    ['kms:encryptioncontext:tenant', 'acme-1'],
    ['aws:principalarn', ALICE],
  ]);
  it.each([
    [{ StringLike: { 'kms:EncryptionContext:tenant': 'acme-*' } }, true],
    [{ StringLike: { 'kms:EncryptionContext:tenant': 'other-*' } }, false],
    [{ StringNotEquals: { 'kms:EncryptionContext:tenant': 'acme-2' } }, true],
    [
      {
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenant', 'order', 'extra'] },
      },
      true,
    ],
    [{ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenant'] } }, false],
    [{ 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'order' } }, true],
    [{ Null: { 'kms:EncryptionContext:missing': 'true' } }, true],
    [{ Null: { 'kms:EncryptionContext:tenant': 'true' } }, false],
    [{ StringEqualsIfExists: { 'kms:EncryptionContext:missing': 'x' } }, true],
    [{ StringEquals: { 'kms:EncryptionContext:missing': 'x' } }, false],
    [{ ArnLike: { 'aws:PrincipalArn': `${ACCOUNT}:user/*` } }, true],
    [{ NumericLessThan: { 'kms:EncryptionContext:tenant': '3' } }, false],
  ])('%j holds: %s', (condition, expected) => {
    expect(conditionHolds(condition, context)).toBe(expected);
  });
});
