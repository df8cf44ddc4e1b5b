/**
 * AWS's exact answers over HTTP: the JSON body of the errors AWS sends without a message is
 * `{"__type": ...}` alone; alias and tag errors carry AWS's codes and messages; ListAliases
 * lists the predefined aliases of AWS managed keys. Then the same answers as the AWS CLI and
 * boto3 report them, against the real `kms-lab serve`.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index.js';
import {
  awsCliAvailable,
  awsFetch,
  awsKms,
  directoryPerTest,
  spawnServer,
  testServer,
} from './support/server.js';

const run = promisify(execFile);

/** One AWS JSON 1.1 call: status, x-amzn-ErrorType and the parsed body. */
async function call(server: RunningServer, operation: string, input: object) {
  const response = await awsFetch(server.url, `TrentService.${operation}`, JSON.stringify(input));
  const text = await response.text();
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    text,
    body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
  };
}

const PREFIX_MESSAGE =
  'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html';

describe('AWS answers over HTTP', () => {
  let server: RunningServer;
  let keyId: string;
  beforeAll(async () => {
    ({ server } = await testServer({ memory: true }));
    const created = await call(server, 'CreateKey', {});
    keyId = (created.body.KeyMetadata as { KeyId: string }).KeyId;
  });
  afterAll(() => server.close());

  it('InvalidCiphertextException, KMSInvalidSignatureException, KMSInvalidMacException: a body of __type alone', async () => {
    const sealed = await call(server, 'Encrypt', {
      KeyId: keyId,
      Plaintext: Buffer.from('secret').toString('base64'),
      EncryptionContext: { purpose: 'test' },
    });
    const withoutContext = await call(server, 'Decrypt', {
      CiphertextBlob: sealed.body.CiphertextBlob,
    });
    expect(withoutContext).toMatchObject({ status: 400, errorType: 'InvalidCiphertextException' });
    expect(withoutContext.text).toBe('{"__type":"InvalidCiphertextException"}');

    const signing = await call(server, 'CreateKey', {
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
    });
    const signingKey = (signing.body.KeyMetadata as { KeyId: string }).KeyId;
    const message = (text: string) => Buffer.from(text).toString('base64');
    const signed = await call(server, 'Sign', {
      KeyId: signingKey,
      Message: message('signed'),
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    const forged = await call(server, 'Verify', {
      KeyId: signingKey,
      Message: message('another'),
      Signature: signed.body.Signature,
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(forged.text).toBe('{"__type":"KMSInvalidSignatureException"}');

    const hmac = await call(server, 'CreateKey', {
      KeySpec: 'HMAC_256',
      KeyUsage: 'GENERATE_VERIFY_MAC',
    });
    const hmacKey = (hmac.body.KeyMetadata as { KeyId: string }).KeyId;
    const wrongMac = await call(server, 'VerifyMac', {
      KeyId: hmacKey,
      Message: message('mac me'),
      MacAlgorithm: 'HMAC_SHA_256',
      Mac: Buffer.alloc(32).toString('base64'),
    });
    expect(wrongMac.text).toBe('{"__type":"KMSInvalidMacException"}');
  });

  it('alias names: AWS prefix message, no colon, alias/aws/ is NotAuthorizedException with no message', async () => {
    const prefix = await call(server, 'CreateAlias', { AliasName: 'orders', TargetKeyId: keyId });
    expect(prefix.body).toEqual({ __type: 'ValidationException', message: PREFIX_MESSAGE });
    const colon = await call(server, 'CreateAlias', {
      AliasName: 'alias/my:alias',
      TargetKeyId: keyId,
    });
    expect(colon.body).toEqual({
      __type: 'ValidationException',
      message: 'alias/my:alias contains invalid characters for an alias',
    });
    for (const [operation, input] of [
      ['CreateAlias', { AliasName: 'alias/aws/s3', TargetKeyId: keyId }],
      ['UpdateAlias', { AliasName: 'alias/aws/ebs', TargetKeyId: keyId }],
      ['DeleteAlias', { AliasName: 'alias/aws/rds' }],
    ] as const) {
      const reserved = await call(server, operation, input);
      expect(reserved.status).toBe(400);
      expect(reserved.text).toBe('{"__type":"NotAuthorizedException"}');
    }
    expect(
      (await call(server, 'CreateAlias', { AliasName: 'alias/my-alias_/', TargetKeyId: keyId }))
        .status,
    ).toBe(200);
  });

  it('ListAliases lists the predefined AWS managed aliases, without TargetKeyId', async () => {
    const listed = await call(server, 'ListAliases', {});
    const aliases = listed.body.Aliases as Array<Record<string, unknown>>;
    const s3 = aliases.find((alias) => alias.AliasName === 'alias/aws/s3');
    expect(s3).toEqual({
      AliasName: 'alias/aws/s3',
      AliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/aws/s3',
    });
    const names = aliases.map((alias) => alias.AliasName as string);
    expect(names).toEqual([...names].sort());
  });

  it('tags: TagException for duplicate keys, more than 50, and aws: in any case', async () => {
    const duplicate = await call(server, 'TagResource', {
      KeyId: keyId,
      Tags: [
        { TagKey: 'team', TagValue: 'a' },
        { TagKey: 'team', TagValue: 'b' },
      ],
    });
    expect(duplicate.body).toEqual({ __type: 'TagException', message: 'Duplicate tag keys' });
    const many = await call(server, 'CreateKey', {
      Tags: Array.from({ length: 51 }, (_, index) => ({ TagKey: `k${index}`, TagValue: 'v' })),
    });
    expect(many.body).toEqual({ __type: 'TagException', message: 'Too many tags' });
    const reserved = await call(server, 'CreateKey', {
      Tags: [{ TagKey: 'AWS:x', TagValue: 'v' }],
    });
    expect(reserved.body).toEqual({
      __type: 'TagException',
      message: 'Tags beginning with aws: are reserved',
    });
  });
});

/** Whether Python with boto3 runs here; the boto3 test is skipped, saying why, if not. */
const boto3Available = await run('python3', ['-c', 'import boto3']).then(
  () => true,
  (error: Error) => {
    console.warn(`Skipping the boto3 test: python3 -c 'import boto3' failed (${error.message}).`);
    return false;
  },
);

/** What a failing `aws kms ...` printed on stderr. */
async function cliError(kms: ReturnType<typeof awsKms>, ...args: string[]) {
  try {
    await kms(...args);
  } catch (error) {
    return (error as { stderr: string }).stderr.trim();
  }
  throw new Error(`aws kms ${args[0]} succeeded`);
}

describe('the AWS CLI and boto3 against kms-lab serve', () => {
  const directory = directoryPerTest();

  it.skipIf(!awsCliAvailable)(
    'the AWS CLI reports AWS codes and messages: none for a ciphertext it cannot open',
    async () => {
      const server = await spawnServer(['serve', '--port', '0', '--memory'], directory.path);
      const kms = awsKms(server.url, directory.path);
      try {
        const created = JSON.parse(await kms('create-key', '--output', 'json')) as {
          KeyMetadata: { KeyId: string };
        };
        const keyId = created.KeyMetadata.KeyId;
        const blob = join(directory.path, 'not-a-ciphertext.bin');
        await writeFile(blob, 'this is no ciphertext');
        expect(await cliError(kms, 'decrypt', '--ciphertext-blob', `fileb://${blob}`)).toBe(
          'An error occurred (InvalidCiphertextException) when calling the Decrypt operation:',
        );
        expect(
          await cliError(
            kms,
            'create-alias',
            '--alias-name',
            'alias/aws/s3',
            '--target-key-id',
            keyId,
          ),
        ).toBe(
          'An error occurred (NotAuthorizedException) when calling the CreateAlias operation:',
        );
        expect(
          await cliError(kms, 'create-alias', '--alias-name', 'orders', '--target-key-id', keyId),
        ).toBe(
          `An error occurred (ValidationException) when calling the CreateAlias operation: ${PREFIX_MESSAGE}`,
        );
        expect(
          await cliError(
            kms,
            'tag-resource',
            '--key-id',
            keyId,
            '--tags',
            'TagKey=team,TagValue=a',
            'TagKey=team,TagValue=b',
          ),
        ).toBe(
          'An error occurred (TagException) when calling the TagResource operation: Duplicate tag keys',
        );
      } finally {
        await server.stop();
      }
    },
    60_000,
  );

  it.skipIf(!boto3Available)(
    'boto3 reads Code and an empty Message where AWS sends none, and AWS messages elsewhere',
    async () => {
      const server = await spawnServer(['serve', '--port', '0', '--memory'], directory.path);
      const script = `
import json, sys, boto3, botocore.exceptions
kms = boto3.client("kms", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="kmslab", aws_secret_access_key="kmslab")
key = kms.create_key()["KeyMetadata"]["KeyId"]
answers = []
def record(call):
    try:
        call()
        answers.append(None)
    except botocore.exceptions.ClientError as error:
        answers.append(error.response["Error"])
record(lambda: kms.decrypt(CiphertextBlob=b"this is no ciphertext"))
record(lambda: kms.create_alias(AliasName="alias/aws/s3", TargetKeyId=key))
record(lambda: kms.create_alias(AliasName="alias/my:alias", TargetKeyId=key))
record(lambda: kms.tag_resource(KeyId=key, Tags=[{"TagKey": "aws:x", "TagValue": "v"}]))
record(lambda: kms.generate_random())
print(json.dumps(answers))
`;
      try {
        const { stdout } = await run('python3', ['-c', script, server.url], {
          env: {
            ...process.env,
            AWS_CONFIG_FILE: join(directory.path, 'no-config'),
            AWS_SHARED_CREDENTIALS_FILE: join(directory.path, 'no-credentials'),
          },
        });
        expect(JSON.parse(stdout)).toEqual([
          { Code: 'InvalidCiphertextException', Message: '' },
          { Code: 'NotAuthorizedException', Message: '' },
          {
            Code: 'ValidationException',
            Message: 'alias/my:alias contains invalid characters for an alias',
          },
          { Code: 'TagException', Message: 'Tags beginning with aws: are reserved' },
          { Code: 'ValidationException', Message: 'NumberOfBytes is required.' },
        ]);
      } finally {
        await server.stop();
      }
    },
    60_000,
  );
});
