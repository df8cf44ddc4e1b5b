import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisabledException,
  DisableKeyCommand,
  DryRunOperationException,
  EncryptCommand,
  GenerateDataKeyPairCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  InvalidKeyUsageException,
  type KMSClient,
  KMSInvalidStateException,
  NotFoundException,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index.js';
import { awsFetch, failure, sdkClient, testServer } from './support/server.js';

let server: RunningServer;
let logLines: string[];
let kms: KMSClient;

beforeAll(async () => {
  ({ server, logLines } = await testServer({ memory: true }));
  kms = sdkClient(server);
});
afterAll(async () => {
  kms.destroy();
  await server.close();
});

async function newKey(input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}) {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand(input));
  return { keyId: KeyMetadata?.KeyId as string, arn: KeyMetadata?.Arn as string };
}

const ARN = 'arn:aws:kms:us-east-1:111122223333';

describe('errors arrive as the SDK’s own exception classes, with AWS’s messages', () => {
  it('NotFoundException for a key or alias that does not exist', async () => {
    const missing = '0b5a2f7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
    const key = await failure(kms.send(new DescribeKeyCommand({ KeyId: missing })));
    expect(key).toBeInstanceOf(NotFoundException);
    expect(key.message).toBe(`Key '${ARN}:key/${missing}' does not exist`);
    expect(key.$metadata.httpStatusCode).toBe(400);
    expect(key.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const alias = await failure(kms.send(new DescribeKeyCommand({ KeyId: 'alias/absent' })));
    expect(alias).toBeInstanceOf(NotFoundException);
    expect(alias.message).toBe(`Alias ${ARN}:alias/absent is not found.`);

    const invalid = await failure(kms.send(new DescribeKeyCommand({ KeyId: 'not-a-key' })));
    expect(invalid).toBeInstanceOf(NotFoundException);
    expect(invalid.message).toBe("Invalid keyId 'not-a-key'");
  });

  it('DisabledException, KMSInvalidStateException, InvalidKeyUsageException by key state and usage', async () => {
    const disabled = await newKey();
    await kms.send(new DisableKeyCommand({ KeyId: disabled.keyId }));
    const off = await failure(
      kms.send(
        new GenerateDataKeyPairCommand({ KeyId: disabled.keyId, KeyPairSpec: 'ECC_NIST_P256' }),
      ),
    );
    expect(off).toBeInstanceOf(DisabledException);
    expect(off.message).toBe(`${disabled.arn} is disabled.`);

    const doomed = await newKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.keyId, PendingWindowInDays: 7 }));
    const pending = await failure(
      kms.send(new EncryptCommand({ KeyId: doomed.keyId, Plaintext: Buffer.from('x') })),
    );
    expect(pending).toBeInstanceOf(KMSInvalidStateException);
    expect(pending.message).toBe(`${doomed.arn} is pending deletion.`);

    const signing = await newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const usage = await failure(
      kms.send(new GenerateDataKeyPairCommand({ KeyId: signing.keyId, KeyPairSpec: 'RSA_2048' })),
    );
    expect(usage).toBeInstanceOf(InvalidKeyUsageException);
    expect(usage.message).toBe(
      `${signing.arn} key usage is SIGN_VERIFY which is not valid for GenerateDataKeyPair.`,
    );
  });

  it('AlreadyExistsException, InvalidCiphertextException, IncorrectKeyException, DryRunOperationException', async () => {
    const { keyId } = await newKey();
    const other = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: keyId }));
    const taken = await failure(
      kms.send(new CreateAliasCommand({ AliasName: 'alias/taken', TargetKeyId: keyId })),
    );
    expect(taken).toBeInstanceOf(AlreadyExistsException);
    expect(taken.message).toBe(`An alias with the name ${ARN}:alias/taken already exists`);

    const junk = await failure(
      kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array(64).fill(7) })),
    );
    expect(junk).toBeInstanceOf(InvalidCiphertextException);

    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({
        KeyId: keyId,
        Plaintext: Buffer.from('secret'),
        EncryptionContext: { a: 'b' },
      }),
    );
    const wrongContext = await failure(
      kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { a: 'c' } })),
    );
    expect(wrongContext).toBeInstanceOf(InvalidCiphertextException);
    const wrongKey = await failure(
      kms.send(
        new DecryptCommand({ CiphertextBlob, EncryptionContext: { a: 'b' }, KeyId: other.keyId }),
      ),
    );
    expect(wrongKey).toBeInstanceOf(IncorrectKeyException);
    expect(wrongKey.message).toBe(
      'The key ID in the request does not identify a CMK that can perform this operation.',
    );

    const dryRun = await failure(
      kms.send(
        new GenerateDataKeyPairCommand({
          KeyId: keyId,
          KeyPairSpec: 'ECC_NIST_P256',
          DryRun: true,
        }),
      ),
    );
    expect(dryRun).toBeInstanceOf(DryRunOperationException);
    expect(dryRun.message).toBe('The request would have succeeded, but the DryRun option is set.');
  });

  it('ValidationException in AWS’s words for a value outside the model', async () => {
    const { keyId } = await newKey();
    const error = await failure(
      kms.send(
        new GenerateDataKeyPairCommand({
          KeyId: keyId,
          KeyPairSpec: 'RSA_1024' as 'RSA_2048',
        }),
      ),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(
      /^1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: \[/,
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('raw HTTP: what no SDK would send', () => {
  const errorOf = async (response: Response) => ({
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as { __type: string; message: string },
  });

  it('UnknownOperationException for a target that names no operation, or none at all', async () => {
    const unknown = await errorOf(await awsFetch(server.url, 'TrentService.MakeCoffee', '{}'));
    expect(unknown).toMatchObject({ status: 400, errorType: 'UnknownOperationException' });
    expect(unknown.body.__type).toBe('UnknownOperationException');
    expect(unknown.body.message).toContain("'TrentService.MakeCoffee'");
    const missing = await errorOf(await awsFetch(server.url, undefined, '{}'));
    expect(missing).toMatchObject({ status: 400, errorType: 'UnknownOperationException' });
  });

  it('SerializationException for a body that is not JSON or not UTF-8', async () => {
    const notJson = await errorOf(await awsFetch(server.url, 'TrentService.ListKeys', '{"Limit":'));
    expect(notJson).toMatchObject({ status: 400, errorType: 'SerializationException' });
    const notUtf8 = await errorOf(
      await awsFetch(server.url, 'TrentService.ListKeys', new Uint8Array([0x7b, 0xff, 0x7d])),
    );
    expect(notUtf8).toMatchObject({ status: 400, errorType: 'SerializationException' });
  });

  it('404 and 405 as JSON for other paths and methods', async () => {
    const notFound = await fetch(`${server.url}/nothing/here`, { method: 'POST', body: '{}' });
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { __type: string }).__type).toBe('NotFound');
    const wrongMethod = await fetch(`${server.url}/`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('GET /health answers 200 with JSON', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      status: 'ok',
      service: 'kms-lab',
      region: 'us-east-1',
      regions: ['us-east-1'],
      store: 'memory',
    });
  });

  it('413 for a body over 1 MiB, declared up front or streamed, and the server carries on', async () => {
    const tooBig = new Uint8Array(1024 * 1024 + 1).fill(0x20);
    const declared = await errorOf(await awsFetch(server.url, 'TrentService.ListKeys', tooBig));
    expect(declared).toMatchObject({ status: 413, errorType: 'RequestEntityTooLargeException' });
    expect(declared.body.message).toContain('1 MiB');

    // Chunked, with no Content-Length: refused once the count passes 1 MiB.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 4 * 1024 * 1024) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const streamed = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'TrentService.ListKeys' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const exactlyOneMiB = new Uint8Array(1024 * 1024).fill(0x20);
    const accepted = await awsFetch(server.url, 'TrentService.ListKeys', exactlyOneMiB);
    expect(accepted.status).toBe(200);
  });

  it('logs one line per request with method, path, operation, status and time, and no secrets', async () => {
    const { keyId } = await newKey();
    const plaintext = 'the plaintext must never be logged';
    const before = logLines.length;
    const encrypted = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(plaintext) }),
    );
    await kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
    const lines = logLines.slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\S+Z POST \/ Encrypt 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^\S+Z POST \/ Decrypt 200 \d+\.\dms$/);
    const logged = logLines.join('\n');
    expect(logged).not.toContain(plaintext);
    expect(logged).not.toContain(Buffer.from(plaintext).toString('base64'));
    expect(logged).not.toContain(
      Buffer.from(encrypted.CiphertextBlob as Uint8Array)
        .toString('base64')
        .slice(0, 24),
    );
  });
});
