import { createHash, createHmac } from 'node:crypto';
import { CreateKeyCommand, GenerateDataKeyPairCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, verifySigV4 } from '../src/index.js';
import { canonicalRequest, SIGV4_MESSAGES, signingKey } from '../src/sigv4.js';
import { awsFetch, failure, sdkClient, testServer } from './support/server.js';

const KNOWN = { accessKeyId: 'AKIDKMSLABTEST', secretAccessKey: 'kms-lab/secret+access/key' };

let server: RunningServer;
beforeAll(async () => {
  ({ server } = await testServer({
    memory: true,
    credentials: { [KNOWN.accessKeyId]: KNOWN.secretAccessKey },
  }));
});
afterAll(() => server.close());

describe('with --credentials, every request must carry a valid SigV4 signature', () => {
  it('accepts requests the AWS SDK signs with a known key and its secret', async () => {
    const kms = sdkClient(server, KNOWN);
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'signed' }));
    const pair = await kms.send(
      new GenerateDataKeyPairCommand({ KeyId: KeyMetadata?.KeyId, KeyPairSpec: 'ECC_NIST_P256' }),
    );
    expect(pair.PublicKey?.length).toBeGreaterThan(0);
    kms.destroy();
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    const kms = sdkClient(server, { ...KNOWN, secretAccessKey: 'not-the-secret' });
    const error = await failure(kms.send(new ListKeysCommand({})));
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toBe(SIGV4_MESSAGES.mismatch);
    expect(error.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$fault).toBe('client');
    kms.destroy();
  });

  it('refuses an unknown access key ID with UnrecognizedClientException', async () => {
    const kms = sdkClient(server, { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'whatever' });
    const error = await failure(kms.send(new ListKeysCommand({})));
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.message).toBe('The security token included in the request is invalid.');
    kms.destroy();
  });

  it('refuses a body changed after signing', async () => {
    const kms = sdkClient(server, KNOWN);
    // Runs after the SDK has signed: the signature covers the original body.
    type Args = { request: unknown };
    const tamper = (next: (args: Args) => Promise<unknown>) => (args: Args) => {
      const request = args.request as { body: string | Uint8Array };
      const body =
        typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
      expect(body).toContain('"Limit":5');
      request.body = body.replace('"Limit":5', '"Limit":6');
      return next(args);
    };
    // The SDK's middleware types live in @smithy/types, which this package does not depend on.
    kms.middlewareStack.addRelativeTo(tamper as never, {
      relation: 'after',
      toMiddleware: 'httpSigningMiddleware',
      name: 'tamper',
    });
    const error = await failure(kms.send(new ListKeysCommand({ Limit: 5 })));
    expect(error.name).toBe('InvalidSignatureException');
    kms.destroy();
  });

  it('answers a signature scoped to another Region in that Region; refuses one made 20 minutes ago', async () => {
    const elsewhere = sdkClient(server, KNOWN, 'eu-west-1');
    expect((await elsewhere.send(new ListKeysCommand({}))).Keys).toEqual([]);
    elsewhere.destroy();

    const late = sdkClient(server, KNOWN);
    late.config.systemClockOffset = -20 * 60 * 1000;
    const expired = await failure(late.send(new ListKeysCommand({})));
    expect(expired.name).toBe('InvalidSignatureException');
    expect(expired.message).toMatch(/^Signature expired: /);
    late.destroy();
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException; /health stays open', async () => {
    const response = await awsFetch(server.url, 'TrentService.ListKeys', '{}');
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
    const garbled = await awsFetch(server.url, 'TrentService.ListKeys', '{}', {
      Authorization: 'AWS4-HMAC-SHA256 Credential=, Signature=zz',
    });
    expect(garbled.status).toBe(400);
    expect(garbled.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

describe('verifySigV4 against AWS’s published example', () => {
  // "Create a signed AWS API request" (IAM User Guide): IAM ListUsers, signed with the
  // documentation's example credentials; the signature is the one the guide prints.
  const example = {
    method: 'GET',
    target: '/?Action=ListUsers&Version=2010-05-08',
    headers: {
      host: 'iam.amazonaws.com',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    },
    body: new Uint8Array(0),
  };
  const options = {
    credentials: new Map([['AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY']]),
    region: 'us-east-1',
    service: 'iam',
    now: new Date('2015-08-30T12:40:00Z'),
  };

  it('accepts it, with the query string canonicalised', () => {
    expect(verifySigV4(example, options)).toEqual({
      ok: true,
      accessKeyId: 'AKIDEXAMPLE',
      region: 'us-east-1',
    });
  });

  it('serving every Region, takes the scope’s Region; a scope that names no Region is refused', () => {
    const everyRegion = { ...options, region: undefined };
    expect(verifySigV4(example, everyRegion)).toEqual({
      ok: true,
      accessKeyId: 'AKIDEXAMPLE',
      region: 'us-east-1',
    });
    const authorization = example.headers.authorization.replace('/us-east-1/', '/Mars/');
    expect(
      verifySigV4({ ...example, headers: { ...example.headers, authorization } }, everyRegion),
    ).toEqual({
      ok: false,
      type: 'InvalidSignatureException',
      message: "Credential should be scoped to a valid region: 'Mars' is not an AWS Region name.",
    });
  });

  it('refuses it with a wrong secret, a changed query, or one changed signature digit', () => {
    const wrongSecret = { ...options, credentials: new Map([['AKIDEXAMPLE', 'wrong']]) };
    expect(verifySigV4(example, wrongSecret)).toMatchObject({
      ok: false,
      type: 'InvalidSignatureException',
    });
    expect(
      verifySigV4({ ...example, target: '/?Action=ListUsers&Version=2010-05-09' }, options),
    ).toMatchObject({ ok: false, type: 'InvalidSignatureException' });
    const authorization = example.headers.authorization.replace(/7$/, '8');
    expect(
      verifySigV4({ ...example, headers: { ...example.headers, authorization } }, options),
    ).toMatchObject({ ok: false, type: 'InvalidSignatureException' });
  });
});

describe('verifySigV4 on arbitrary input', () => {
  it('never throws, and never accepts a made-up signature', () => {
    const credentials = new Map([['AKIDEXAMPLE', 'secret']]);
    const authorization = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.string(), fc.string(), fc.string())
        .map(
          ([credential, signed, signature]) =>
            `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${credential}, SignedHeaders=${signed}, Signature=${signature}`,
        ),
      fc
        .stringMatching(/^[0-9a-f]{64}$/)
        .map(
          (signature) =>
            `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
        ),
    );
    fc.assert(
      fc.property(
        authorization,
        fc.oneof(fc.constant('20260101T000000Z'), fc.string()),
        fc.string(),
        fc.uint8Array({ maxLength: 64 }),
        (header, amzDate, target, body) => {
          const result = verifySigV4(
            {
              method: 'POST',
              target: `/${target}`,
              headers: { authorization: header, 'x-amz-date': amzDate, host: 'localhost' },
              body,
            },
            {
              credentials,
              region: 'us-east-1',
              service: 'kms',
              now: new Date('2026-01-01T00:05:00Z'),
            },
          );
          expect(result.ok).toBe(false);
        },
      ),
      { seed: 4599, numRuns: 300 },
    );
  });
});

describe('what a signature must cover', () => {
  const secret = 'kms-lab/secret+access/key';
  const options = {
    credentials: new Map([['AKIDKMSLABTEST', secret]]),
    region: 'us-east-1',
    service: 'kms',
    now: new Date('2026-01-01T00:05:00Z'),
  };
  /** A request signed over `signedHeaders` only, as a careless or hostile client would sign it. */
  function signed(
    target: string,
    signedHeaders: string[],
    signatureParameter?: (signature: string) => string,
  ) {
    const body = new TextEncoder().encode('{"KeyId":"alias/x"}');
    const headers: Record<string, string> = {
      host: '127.0.0.1:4599',
      'x-amz-date': '20260101T000000Z',
      'x-amz-target': target,
      'content-type': 'application/x-amz-json-1.1',
    };
    const request = { method: 'POST', target: '/', headers, body };
    const hash = createHash('sha256').update(body).digest('hex');
    const scope = '20260101/us-east-1/kms/aws4_request';
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      headers['x-amz-date'],
      scope,
      createHash('sha256')
        .update(canonicalRequest(request, signedHeaders, hash))
        .digest('hex'),
    ].join('\n');
    const signature = createHmac('sha256', signingKey(secret, '20260101', 'us-east-1', 'kms'))
      .update(stringToSign)
      .digest('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=AKIDKMSLABTEST/${scope}, SignedHeaders=${signedHeaders.join(';')}, ${signatureParameter ? signatureParameter(signature) : `Signature=${signature}`}`;
    return request;
  }

  it('accepts a request whose every x-amz-* header is signed', () => {
    const request = signed('TrentService.DescribeKey', [
      'content-type',
      'host',
      'x-amz-date',
      'x-amz-target',
    ]);
    expect(verifySigV4(request, options)).toEqual({
      ok: true,
      accessKeyId: 'AKIDKMSLABTEST',
      region: 'us-east-1',
    });
  });

  it('refuses a signature that leaves X-Amz-Target out, so a DescribeKey cannot be replayed as DisableKey', () => {
    const captured = signed('TrentService.DescribeKey', ['host', 'x-amz-date']);
    const replayed = {
      ...captured,
      headers: { ...captured.headers, 'x-amz-target': 'TrentService.DisableKey' },
    };
    const result = verifySigV4(replayed, options);
    expect(result).toMatchObject({ ok: false, type: 'InvalidSignatureException' });
    expect(result.ok === false && result.message).toContain('not signed: x-amz-target');
  });

  it('refuses an Authorization header with two Signature values', () => {
    const request = signed(
      'TrentService.DescribeKey',
      ['host', 'x-amz-date', 'x-amz-target'],
      (signature) => `Signature=${'0'.repeat(64)}, Signature=${signature}`,
    );
    const result = verifySigV4(request, options);
    expect(result).toMatchObject({ ok: false, type: 'IncompleteSignatureException' });
    expect(result.ok === false && result.message).toContain("'Signature' more than once");
  });
});
