import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyPairCommand,
  GetKeyPolicyCommand,
  InvalidGrantIdException,
  InvalidGrantTokenException,
  KMSServiceException,
  ListGrantsCommand,
  ListKeyPoliciesCommand,
  ListRetirableGrantsCommand,
  MalformedPolicyDocumentException,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { CredentialsFileError, credentialEntriesFrom } from '../src/index.js';
import {
  awsCliAvailable,
  awsKms,
  boto3Available,
  directoryPerTest,
  failure,
  sdkClient,
  spawnServer,
  testServer,
} from './support/server.js';

/**
 * Grants and key policies over HTTP: the AWS SDK for JavaScript against a server that
 * restarts on its store file, boto3, and the AWS CLI.
 */
const directory = directoryPerTest();
const ROLE = 'arn:aws:iam::111122223333:role/Worker';
const BOTO3_SCRIPT = fileURLToPath(
  new URL('./support/boto3_grants_and_policies.py', import.meta.url),
);
const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';
/** AWS's default key policy text, as the API model's GetKeyPolicy example shows it. */
const defaultPolicy = (account = '111122223333') =>
  `{\n  "Version" : "2012-10-17",\n  "Id" : "key-default-1",\n  "Statement" : [ {\n    "Sid" : "Enable IAM User Permissions",\n    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "arn:aws:iam::${account}:root"\n    },\n    "Action" : "kms:*",\n    "Resource" : "*"\n  } ]\n}`;

/** node:crypto (OpenSSL) reads the pair, and the public key is the private key's. */
function expectPairReadable(publicKey: Uint8Array, privateKey: Uint8Array) {
  const parsed = createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' });
  expect(createPublicKey(parsed).export({ format: 'der', type: 'spki' })).toEqual(
    Buffer.from(publicKey),
  );
}

describe('grants and key policies over HTTP with the AWS SDK', () => {
  it('keeps grants, tokens and policies across a restart of the server on its store file', async () => {
    const dataFile = join(directory.path, 'keys.json');
    const first = await spawnServer(['serve', '--port', '0', '--data', dataFile], directory.path);
    const policy = defaultPolicy().replace('key-default-1', 'restart-policy');
    let KeyId: string;
    let token: string;
    let grantIds: string[];
    try {
      const client = sdkClient(first);
      const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
      KeyId = KeyMetadata?.KeyId as string;
      expect((await client.send(new GetKeyPolicyCommand({ KeyId }))).Policy).toBe(defaultPolicy());
      const granted = await client.send(
        new CreateGrantCommand({
          KeyId,
          GranteePrincipal: ROLE,
          RetiringPrincipal: ROLE,
          Operations: ['GenerateDataKeyPair', 'Decrypt'],
        }),
      );
      token = granted.GrantToken as string;
      await client.send(
        new CreateGrantCommand({ KeyId, GranteePrincipal: ROLE, Operations: ['Encrypt'] }),
      );
      grantIds = ((await client.send(new ListGrantsCommand({ KeyId }))).Grants ?? []).map(
        (g) => g.GrantId as string,
      );
      await client.send(new PutKeyPolicyCommand({ KeyId, Policy: policy }));
      const lockout = await failure(
        client.send(
          new PutKeyPolicyCommand({ KeyId, Policy: policy.replace(':root', ':user/Nobody') }),
        ),
      );
      expect(lockout).toBeInstanceOf(MalformedPolicyDocumentException);
      expect(lockout.message).toBe(LOCKOUT);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await spawnServer(['serve', '--port', '0', '--data', dataFile], directory.path);
    try {
      const client = sdkClient(second);
      expect((await client.send(new GetKeyPolicyCommand({ KeyId }))).Policy).toBe(policy);
      expect(
        ((await client.send(new ListGrantsCommand({ KeyId }))).Grants ?? []).map((g) => g.GrantId),
      ).toEqual(grantIds);
      const pair = await client.send(
        new GenerateDataKeyPairCommand({
          KeyId,
          KeyPairSpec: 'ECC_NIST_P384',
          GrantTokens: [token],
        }),
      );
      expectPairReadable(pair.PublicKey as Uint8Array, pair.PrivateKeyPlaintext as Uint8Array);
      const opened = await client.send(
        new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob, GrantTokens: [token] }),
      );
      expect(opened.Plaintext).toEqual(pair.PrivateKeyPlaintext);
      expect(
        (await client.send(new ListRetirableGrantsCommand({ RetiringPrincipal: ROLE }))).Grants,
      ).toHaveLength(1);
      await client.send(new RetireGrantCommand({ GrantToken: token }));
      await client.send(new RevokeGrantCommand({ KeyId, GrantId: grantIds[1] }));
      expect((await client.send(new ListGrantsCommand({ KeyId }))).Grants).toEqual([]);
      expect(
        await failure(
          client.send(
            new DecryptCommand({
              CiphertextBlob: pair.PrivateKeyCiphertextBlob,
              GrantTokens: [token],
            }),
          ),
        ),
      ).toBeInstanceOf(InvalidGrantTokenException);
      expect(
        await failure(client.send(new RevokeGrantCommand({ KeyId, GrantId: 'x' }))),
      ).toBeInstanceOf(InvalidGrantIdException);
      expect((await client.send(new ListKeyPoliciesCommand({ KeyId }))).PolicyNames).toEqual([
        'default',
      ]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});

describe('boto3', () => {
  it.skipIf(!boto3Available)(
    'runs every grant and key policy operation against the server',
    async () => {
      const { server } = await testServer({ memory: true });
      try {
        const { stdout } = await promisify(execFile)('python3', [BOTO3_SCRIPT, server.url], {
          env: {
            ...process.env,
            AWS_CONFIG_FILE: join(directory.path, 'none'),
            AWS_SHARED_CREDENTIALS_FILE: join(directory.path, 'none'),
          },
        });
        const out = JSON.parse(stdout);
        const keyArn = `arn:aws:kms:us-east-1:111122223333:key/${out.keyId}`;
        expect(out.grant.GrantId).toMatch(/^[0-9a-f]{64}$/);
        expect(out.sameNameGrantId).toBe(out.grant.GrantId);
        expect(out.sameNameTokenDiffers).toBe(true);
        expectPairReadable(
          Buffer.from(out.pair.PublicKey, 'base64'),
          Buffer.from(out.pair.PrivateKeyPlaintext, 'base64'),
        );
        expect(out.decryptedMatches).toBe(true);
        expect(out.listGrants).toEqual([
          {
            GrantId: out.grant.GrantId,
            Name: 'boto3-grant',
            GranteePrincipal: 'arn:aws:iam::111122223333:role/Boto3Worker',
            RetiringPrincipal: 'arn:aws:iam::111122223333:role/Boto3Worker',
            IssuingAccount: 'arn:aws:iam::111122223333:root',
            Operations: ['GenerateDataKeyPair', 'Decrypt'],
            Constraints: { EncryptionContextSubset: { tenant: 'a' } },
            KeyId: keyArn,
          },
        ]);
        expect(out.listGrantsTruncated).toBe(false);
        expect(out.creationDateType).toBe('datetime');
        expect(out.retirable).toEqual([out.grant.GrantId]);
        expect(out.pagedGrantIds).toHaveLength(2);
        expect(out.pagedGrantIds[0]).toBe(out.grant.GrantId);
        expect(out.afterRetireAndRevoke).toEqual([]);
        expect(out.errors).toEqual({
          madeUpToken: {
            code: 'InvalidGrantTokenException',
            message:
              'The grant token is not valid: it is not a grant token that CreateGrant returned.',
          },
          retiredToken: {
            code: 'InvalidGrantTokenException',
            message: `The grant token is not valid: its grant ${out.grant.GrantId} was retired or revoked.`,
          },
          revokeAgain: {
            code: 'NotFoundException',
            message: `Grant '${out.pagedGrantIds[1]}' does not exist on key '${keyArn}'`,
          },
          malformedGrantId: {
            code: 'InvalidGrantIdException',
            message: "Invalid grantId 'xyz': a grant ID is 64 lowercase hexadecimal characters.",
          },
          signOnSymmetric: {
            code: 'ValidationException',
            message: expect.stringContaining('Grant operation Sign is not valid'),
          },
          dryRun: {
            code: 'DryRunOperationException',
            message: 'The request would have succeeded, but the DryRun option is set.',
          },
          lockout: { code: 'MalformedPolicyDocumentException', message: LOCKOUT },
          notJson: {
            code: 'MalformedPolicyDocumentException',
            message: expect.stringMatching(/^The key policy is not valid JSON: /),
          },
        });
        expect(out.defaultPolicy).toBe(defaultPolicy());
        expect(out.policyNames).toEqual(['default']);
        expect(out.customPolicyKept).toBe(true);
        expect(out.bypassedPolicyKept).toBe(true);
        expect(out.createKeyPolicyKept).toBe(true);
      } finally {
        await server.close();
      }
    },
  );
});

describe('the AWS CLI', () => {
  it.skipIf(!awsCliAvailable)(
    'create-grant, list-grants, a generate-data-key-pair with the grant token, retire-grant, revoke-grant, and the key policy commands',
    async () => {
      const { server } = await testServer({ memory: true });
      const kms = awsKms(server.url, directory.path);
      const aws = async (...args: string[]) =>
        JSON.parse((await kms(...args, '--output', 'json')) || '{}');
      try {
        const { KeyMetadata } = await aws('create-key');
        const keyId = KeyMetadata.KeyId as string;
        const granted = await aws(
          'create-grant',
          '--key-id',
          keyId,
          '--grantee-principal',
          ROLE,
          '--retiring-principal',
          ROLE,
          '--operations',
          'GenerateDataKeyPair',
          'Decrypt',
          '--name',
          'cli-grant',
        );
        expect(granted.GrantId).toMatch(/^[0-9a-f]{64}$/);
        const pair = await aws(
          'generate-data-key-pair',
          '--key-id',
          keyId,
          '--key-pair-spec',
          'ECC_NIST_P256',
          '--grant-tokens',
          granted.GrantToken,
        );
        expectPairReadable(
          Buffer.from(pair.PublicKey, 'base64'),
          Buffer.from(pair.PrivateKeyPlaintext, 'base64'),
        );
        const listed = await aws('list-grants', '--key-id', keyId);
        expect(listed.Grants).toHaveLength(1);
        expect(listed.Grants[0]).toMatchObject({
          GrantId: granted.GrantId,
          Name: 'cli-grant',
          GranteePrincipal: ROLE,
          Operations: ['GenerateDataKeyPair', 'Decrypt'],
        });
        const retirable = await aws('list-retirable-grants', '--retiring-principal', ROLE);
        expect(retirable.Grants.map((g: { GrantId: string }) => g.GrantId)).toEqual([
          granted.GrantId,
        ]);
        expect(await kms('retire-grant', '--grant-token', granted.GrantToken)).toBe('');
        const other = await aws(
          'create-grant',
          '--key-id',
          keyId,
          '--grantee-principal',
          ROLE,
          '--operations',
          'Encrypt',
        );
        expect(await kms('revoke-grant', '--key-id', keyId, '--grant-id', other.GrantId)).toBe('');
        expect((await aws('list-grants', '--key-id', keyId)).Grants).toEqual([]);

        const policy = await aws('get-key-policy', '--key-id', keyId, '--policy-name', 'default');
        expect(policy.Policy).toBe(defaultPolicy());
        expect(await aws('list-key-policies', '--key-id', keyId)).toEqual({
          PolicyNames: ['default'],
        }); // the CLI's paginator leaves out Truncated
        const custom = policy.Policy.replace('key-default-1', 'cli-policy');
        await kms(
          'put-key-policy',
          '--key-id',
          keyId,
          '--policy-name',
          'default',
          '--policy',
          custom,
        );
        expect(
          (await aws('get-key-policy', '--key-id', keyId, '--policy-name', 'default')).Policy,
        ).toBe(custom);
        const refused = await kms(
          'put-key-policy',
          '--key-id',
          keyId,
          '--policy-name',
          'default',
          '--policy',
          custom.replace(':root', ':user/Nobody'),
        ).catch((error: { stderr: string }) => error.stderr);
        expect(refused).toContain(
          `(MalformedPolicyDocumentException) when calling the PutKeyPolicy operation: ${LOCKOUT}`,
        );
        const badToken = await kms(
          'generate-data-key-pair',
          '--key-id',
          keyId,
          '--key-pair-spec',
          'RSA_2048',
          '--grant-tokens',
          granted.GrantToken,
        ).catch((error: { stderr: string }) => error.stderr);
        expect(badToken).toContain(
          `(InvalidGrantTokenException) when calling the GenerateDataKeyPair operation: The grant token is not valid: its grant ${granted.GrantId} was retired or revoked.`,
        );
      } finally {
        await server.close();
      }
    },
    // Each `aws` command starts a Python interpreter and loads botocore: about a second apiece.
    120_000,
  );
});

describe('--enforce-policies with principals in the credentials file', () => {
  it('refuses what the key policy and grants do not allow each principal, for the SDK and the AWS CLI', async () => {
    const account = 'arn:aws:iam::111122223333';
    const credentialsFile = join(directory.path, 'credentials.json');
    await writeFile(
      credentialsFile,
      JSON.stringify({
        AKIDADMIN: { secretAccessKey: 'admin-secret', principal: `${account}:user/Admin` },
        // The AWS CLI helper signs as kmslab/kmslab: here it is Alice.
        kmslab: { secretAccessKey: 'kmslab', principal: `${account}:user/Alice` },
        AKIDROOT: 'root-secret',
      }),
    );
    const server = await spawnServer(
      ['serve', '--port', '0', '--memory', '--credentials', credentialsFile, '--enforce-policies'],
      directory.path,
    );
    try {
      expect(server.output().stdout).toContain('Key policies and grants: enforced');
      const admin = sdkClient(server, {
        accessKeyId: 'AKIDADMIN',
        secretAccessKey: 'admin-secret',
      });
      const alice = sdkClient(server, { accessKeyId: 'kmslab', secretAccessKey: 'kmslab' });
      const root = sdkClient(server, { accessKeyId: 'AKIDROOT', secretAccessKey: 'root-secret' });
      const Policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `${account}:user/Admin` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Effect: 'Allow',
            Principal: { AWS: `${account}:user/Alice` },
            Action: ['kms:GenerateDataKeyPair', 'kms:Decrypt'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:EncryptionContext:tenant': 'a' } },
          },
        ],
      });
      // The lockout check is for the admin, not the account's root: accepted.
      const { KeyMetadata } = await admin.send(new CreateKeyCommand({ Policy }));
      const KeyId = KeyMetadata?.KeyId as string;
      const keyArn = KeyMetadata?.Arn as string;
      const pair = await alice.send(
        new GenerateDataKeyPairCommand({
          KeyId,
          KeyPairSpec: 'ECC_NIST_P256',
          EncryptionContext: { tenant: 'a' },
        }),
      );
      expectPairReadable(pair.PublicKey as Uint8Array, pair.PrivateKeyPlaintext as Uint8Array);
      const denied = await failure(
        alice.send(
          new GenerateDataKeyPairCommand({
            KeyId,
            KeyPairSpec: 'ECC_NIST_P256',
            EncryptionContext: { tenant: 'b' },
          }),
        ),
      );
      expect(denied).toBeInstanceOf(KMSServiceException);
      expect(denied.name).toBe('AccessDeniedException');
      expect(denied.message).toBe(
        `User: ${account}:user/Alice is not authorized to perform: kms:GenerateDataKeyPair on resource: ${keyArn} because no resource-based policy allows the kms:GenerateDataKeyPair action`,
      );
      const byRoot = await failure(root.send(new GetKeyPolicyCommand({ KeyId })));
      expect(byRoot.message).toBe(
        `User: ${account}:root is not authorized to perform: kms:GetKeyPolicy on resource: ${keyArn} because no resource-based policy allows the kms:GetKeyPolicy action`,
      );
      // The AWS CLI, when installed, sees the same refusal.
      const kms = awsKms(server.url, directory.path);
      if (awsCliAvailable) {
        const refused = await kms('encrypt', '--key-id', KeyId, '--plaintext', 'aGk=').catch(
          (error: { stderr: string }) => error.stderr,
        );
        expect(refused).toContain(
          `(AccessDeniedException) when calling the Encrypt operation: User: ${account}:user/Alice is not authorized to perform: kms:Encrypt on resource: ${keyArn}`,
        );
      }
      const grant = await admin.send(
        new CreateGrantCommand({
          KeyId,
          GranteePrincipal: `${account}:user/Alice`,
          Operations: ['Encrypt'],
        }),
      );
      await alice.send(
        new EncryptCommand({
          KeyId,
          Plaintext: new Uint8Array([1]),
          GrantTokens: [grant.GrantToken as string],
        }),
      );
      if (awsCliAvailable)
        expect(
          JSON.parse(await kms('encrypt', '--key-id', KeyId, '--plaintext', 'aGk=')).KeyId,
        ).toBe(keyArn);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

describe('the credentials file', () => {
  it('takes a secret, or a secret and an IAM principal, and says what is wrong with a bad principal', () => {
    expect(
      credentialEntriesFrom({
        A: 'secret-a',
        B: { secretAccessKey: 'secret-b', principal: 'arn:aws:iam::111122223333:role/App' },
        C: { secretAccessKey: 'secret-c' },
      }),
    ).toEqual(
      new Map([
        ['A', { secretAccessKey: 'secret-a' }],
        ['B', { secretAccessKey: 'secret-b', principal: 'arn:aws:iam::111122223333:role/App' }],
        ['C', { secretAccessKey: 'secret-c' }],
      ]),
    );
    const bad = () =>
      credentialEntriesFrom({ B: { secretAccessKey: 'top-secret', principal: 'bob' } });
    expect(bad).toThrow(CredentialsFileError);
    expect(bad).toThrow(
      /the principal of B must be an IAM ARN such as arn:aws:iam::111122223333:user\/Alice/,
    );
    expect(bad).not.toThrow(/top-secret/);
  });
});
