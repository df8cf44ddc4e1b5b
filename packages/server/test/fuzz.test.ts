import { connect } from 'node:net';
import { join } from 'node:path';
import { ALIBABA_API_NAMES, AWS_OPERATIONS, awsTarget } from '@kms-lab/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, readKeyStoreFiles } from '../src/index.js';
import { temporaryDirectory, testServer } from './support/server.js';

let server: RunningServer;
let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
let dataFile: string;
const valid: Record<string, unknown>[] = [];

async function call(path: string, target: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  return (text === '' ? {} : JSON.parse(text)) as Record<string, string>;
}

beforeAll(async () => {
  directory = await temporaryDirectory();
  dataFile = join(directory.path, 'fuzz.json');
  ({ server } = await testServer({ dataFile, log: false }));
  const { KeyMetadata } = (await call('/', 'TrentService.CreateKey', {})) as unknown as {
    KeyMetadata: { KeyId: string };
  };
  const keyId = KeyMetadata.KeyId;
  await call('/', 'TrentService.CreateAlias', { AliasName: 'alias/fuzz', TargetKeyId: keyId });
  const { CiphertextBlob } = await call('/', 'TrentService.Encrypt', {
    KeyId: keyId,
    Plaintext: Buffer.from('fuzz').toString('base64'),
  });
  // Well-formed inputs for the mutations to start from.
  valid.push(
    { KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256', EncryptionContext: { a: 'b' } },
    { KeyId: 'alias/fuzz', KeySpec: 'AES_256' },
    { CiphertextBlob, KeyId: keyId },
    { KeyId: keyId, Plaintext: 'aGVsbG8=', EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
    { AliasName: 'alias/other', TargetKeyId: keyId },
    { KeyId: keyId, Tags: [{ TagKey: 't', TagValue: 'v' }] },
    { KeyId: keyId, KeyPairSpec: 'EC_P256', KeyFormat: 'PEM', Aad: 'YWFk' },
    { Description: 'fuzzed', KeyUsage: 'ENCRYPT_DECRYPT', Limit: 10 },
  );
});
afterAll(async () => {
  await server.close();
  await directory.remove();
});

const anyTarget = fc.oneof(
  fc.constantFrom(...AWS_OPERATIONS.map(awsTarget)),
  fc.string().map((name) => `TrentService.${name}`),
  fc.string({ unit: 'grapheme-ascii' }),
);

const anyPath = fc.oneof(
  { weight: 4, arbitrary: fc.constant('/') },
  { weight: 2, arbitrary: fc.constantFrom(...ALIBABA_API_NAMES).map((name) => `/alibaba/${name}`) },
  { weight: 1, arbitrary: fc.string().map((text) => `/${encodeURIComponent(text)}`) },
  {
    weight: 1,
    arbitrary: fc
      .string()
      .map((text) => `/alibaba/${encodeURIComponent(text)}?${encodeURIComponent(text)}`),
  },
);

/** A well-formed input with one member replaced, removed or added. */
const mutatedInput = fc
  .tuple(fc.nat(), fc.string(), fc.oneof(fc.jsonValue(), fc.constant(undefined)))
  .map(([which, name, value]) => {
    const input: Record<string, unknown> = { ...valid[which % valid.length] };
    const names = Object.keys(input);
    const member = which % 3 === 0 ? name : (names[which % names.length] ?? name);
    input[member] = value;
    return JSON.stringify(input);
  });

/** Text with a few characters cut, doubled or changed. */
const mangledText = fc
  .tuple(mutatedInput, fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 2 })), { maxLength: 4 }))
  .map(([text, edits]) =>
    edits.reduce((acc, [at, insert]) => {
      const position = at % (acc.length + 1);
      return acc.slice(0, position) + insert + acc.slice(position + 1);
    }, text),
  );

const anyBody = fc.oneof(
  mutatedInput,
  mangledText,
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.uint8Array({ maxLength: 256 }),
  fc.constant(''),
);

const anyMethod = fc.constantFrom(
  'POST',
  'POST',
  'POST',
  'GET',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
);

const anyHeaders = fc.record(
  {
    'Content-Type': fc.constantFrom(
      'application/x-amz-json-1.1',
      'application/json',
      'text/plain',
      '',
    ),
    'X-Amz-Date': fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
    Authorization: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
  },
  { requiredKeys: [] },
);

describe('fuzzing the endpoint', () => {
  it('answers random and mutated requests without a 5xx, always in JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyMethod,
        anyPath,
        anyTarget,
        anyHeaders,
        anyBody,
        async (method, path, target, headers, body) => {
          // fetch refuses header values with control characters: those are for the raw test below.
          const cleanHeaders = Object.fromEntries(
            Object.entries({ ...headers, 'X-Amz-Target': target }).filter(([, value]) =>
              /^[\x20-\x7e]*$/.test(value),
            ),
          );
          const response = await fetch(`${server.url}${path}`, {
            method,
            headers: cleanHeaders,
            body: method === 'GET' ? undefined : body,
          });
          const text = await response.text();
          expect(response.status, `${method} ${path} ${target}: ${text}`).toBeLessThan(500);
          if (text !== '') expect(() => JSON.parse(text)).not.toThrow();
        },
      ),
      { seed: 20261127, numRuns: 300 },
    );
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    // Whatever was written went through the store intact.
    const stored = await readKeyStoreFiles(dataFile);
    expect(stored.keys.length).toBeGreaterThan(0);
  });

  it('survives raw bytes that are not HTTP at all', async () => {
    const send = (bytes: Uint8Array) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk) => {
          answer += chunk.toString('latin1');
        });
        socket.on('error', () => resolve(answer));
        socket.on('close', () => resolve(answer));
        socket.setTimeout(2000, () => socket.destroy());
        socket.end(bytes);
      });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 512 }),
          fc.string().map((junk) => Buffer.from(`POST / HTTP/1.1\r\nHost: x\r\n${junk}\r\n\r\n`)),
        ),
        async (bytes) => {
          const answer = await send(bytes);
          const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
          if (status !== undefined) expect(Number(status)).toBeLessThan(500);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
