/**
 * Every error answer recorded on real AWS KMS (test/vectors/aws-errors.json), asked of the
 * engine through the real @aws-sdk/client-kms: the exception's name, and AWS's exact message,
 * both as the SDK reports it and as it travels in the JSON body. Where AWS sends no message,
 * the body is `{"__type": ...}` alone and the SDK fills in its own "UnknownError", as it does
 * against AWS. Keys and calls may be in other Regions of one partition, as on AWS.
 */
import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsPartition, createKmsRequestHandler, type Kms } from '../src/index.js';
import { expectedMaterialId, wrapKeyMaterial } from './support/import-wrapping.js';
import vectors from './vectors/aws-errors.json' with { type: 'json' };

interface Call {
  operation: string;
  input: Record<string, unknown>;
  as?: string;
  times?: number;
  /** The Region whose endpoint gets the call; the case's Region if none. */
  region?: string;
}
interface Case {
  name: string;
  code: string;
  message: string;
  /** AWS's answer now where the API has grown since the recording ('why' says how). */
  codeNow?: string;
  messageNow?: string;
  why?: string;
  pending?: string;
  keys?: Array<Record<string, unknown> & { region?: string }>;
  given?: Call[];
  request?: Call;
  /** Strings, or values built like inputs once the 'given' calls have run. */
  vars?: Record<string, unknown>;
}

const cases = vectors.cases as Case[];
const { accountId, region, secondaryRegion } = vectors;

/** The SDK's message for an error whose body has none (smithy's default), as against AWS. */
const SDK_MESSAGE_WHEN_NONE = 'UnknownError';

/** An SDK client on the engine that keeps the last raw response body. */
function clientOn(kms: Kms) {
  const handler = createKmsRequestHandler(kms);
  let lastBody = '';
  const recording: typeof handler = {
    ...handler,
    async handle(request, options) {
      const answer = await handler.handle(request, options);
      lastBody = new TextDecoder().decode(answer.response.body);
      return answer;
    },
  };
  const client = new sdk.KMSClient({
    region,
    credentials: { accessKeyId: 'AKIDKMSLAB', secretAccessKey: 'not-checked-in-process' },
    requestHandler: recording,
    maxAttempts: 1,
  });
  return { client, lastBody: () => lastBody };
}

type Command = new (input: unknown) => Parameters<sdk.KMSClient['send']>[0];
const command = (operation: string, input: unknown) => {
  const Constructor = (sdk as unknown as Record<string, Command>)[`${operation}Command`];
  if (!Constructor) throw new Error(`the SDK has no ${operation}Command`);
  return new Constructor(input);
};

const substitute = (text: string, vars: Record<string, string>) =>
  text.replace(/<([a-z0-9:-]+)>/g, (whole, name: string) => vars[name] ?? whole);

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Turns a case's input into SDK input: placeholders, bytes, references to earlier outputs. */
function build(value: unknown, vars: Record<string, string>, outputs: Record<string, unknown>) {
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return substitute(item, vars);
    if (Array.isArray(item)) return item.map(walk);
    if (item === null || typeof item !== 'object') return item;
    const record = item as Record<string, unknown>;
    if (typeof record.utf8 === 'string') return new TextEncoder().encode(record.utf8);
    if (typeof record.zeros === 'number') return new Uint8Array(record.zeros);
    if (typeof record.tags === 'number')
      return Array.from({ length: record.tags }, (_, index) => ({
        TagKey: `key${index}`,
        TagValue: `value${index}`,
      }));
    if (typeof record.ref === 'string') {
      const value = record.ref
        .split('.')
        .reduce<unknown>(
          (found, field) => (found as Record<string, unknown> | undefined)?.[field],
          outputs,
        );
      if (value === undefined) throw new Error(`no ${record.ref} in the case's outputs`);
      return value;
    }
    if (typeof record.fill === 'number' && typeof record.length === 'number')
      return new Uint8Array(record.length).fill(record.fill);
    if (record.wrapForImport) {
      // Key material wrapped with node:crypto under GetParametersForImport's public key.
      const { parameters, material } = record.wrapForImport as Record<string, unknown>;
      const { PublicKey } = outputs[parameters as string] as { PublicKey: Uint8Array };
      return wrapKeyMaterial(PublicKey, 'RSAES_OAEP_SHA_256', walk(material) as Uint8Array);
    }
    if (record.importedMaterialId) {
      const { keyId, material } = record.importedMaterialId as Record<string, unknown>;
      return expectedMaterialId(walk(keyId) as string, walk(material) as Uint8Array);
    }
    if (Array.isArray(record.concat)) return concatBytes(record.concat.map(walk) as Uint8Array[]);
    return Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, walk(entry)]));
  };
  return walk(value);
}

/** Makes the case's keys, runs its calls, and returns the error its request gets. */
async function answerTo(testCase: Case) {
  const partition = createKmsPartition({ defaultRegion: region, accountId });
  const kms = partition.region(region);
  let lastBody = () => '';
  const clientIn = (callRegion?: string) => {
    const where = callRegion === undefined ? region : substitute(callRegion, vars);
    const { client, lastBody: bodyOfLastResponse } = clientOn(partition.region(where));
    lastBody = bodyOfLastResponse;
    return client;
  };
  const vars: Record<string, string> = {
    partition: 'aws',
    region,
    'secondary-region': secondaryRegion,
  };
  for (const [index, { region: keyRegion, ...input }] of (testCase.keys ?? []).entries()) {
    const maker = keyRegion ? partition.region(keyRegion) : kms;
    const { KeyMetadata } = await maker.createKey(input as sdk.CreateKeyCommandInput);
    vars[`key-id:${index + 1}`] = KeyMetadata?.KeyId as string;
    vars[`key-arn:${index + 1}`] = KeyMetadata?.Arn as string;
  }
  if (vars['key-id:1']) {
    vars['key-id'] = vars['key-id:1'];
    vars['key-arn'] = vars['key-arn:1'] as string;
  }
  const varsToBuild = Object.entries(testCase.vars ?? {});
  for (const [name, value] of varsToBuild) if (typeof value === 'string') vars[name] = value;
  const outputs: Record<string, unknown> = {};
  for (const call of testCase.given ?? []) {
    for (let time = 0; time < (call.times ?? 1); time++) {
      const input = build(call.input, vars, outputs);
      const output = await clientIn(call.region).send(command(call.operation, input));
      if (call.as) outputs[call.as] = output;
    }
  }
  for (const [name, value] of varsToBuild)
    if (typeof value !== 'string') vars[name] = build(value, vars, outputs) as string;
  const request = testCase.request as Call;
  try {
    const input = build(request.input, vars, outputs);
    await clientIn(request.region).send(command(request.operation, input));
  } catch (error) {
    return { error: error as sdk.KMSServiceException, body: JSON.parse(lastBody()), vars };
  }
  throw new Error(`${request.operation} succeeded; AWS answered ${testCase.code}`);
}

describe('AWS error answers, recorded on AWS, through @aws-sdk/client-kms', () => {
  it('holds every recorded answer, each case once', () => {
    expect(cases).toHaveLength(94);
    expect(new Set(cases.map((testCase) => testCase.name)).size).toBe(cases.length);
  });

  it('says why each case not run yet waits', () => {
    // Pending cases (test/vectors/aws-errors.json: "pending") need a request written for a
    // feature built since they were recorded; until then they are data, not skipped tests.
    for (const testCase of cases.filter((entry) => entry.pending)) {
      expect(testCase.pending).toMatch(/^.{20,}$/);
    }
  });

  for (const testCase of cases) {
    if (testCase.pending) continue;
    it(`${testCase.name}: ${testCase.code}`, async () => {
      const { error, body, vars } = await answerTo(testCase);
      const expected = substitute(testCase.messageNow ?? testCase.message, vars);
      const code = testCase.codeNow ?? testCase.code;
      expect(error.name).toBe(code);
      expect(body.__type).toBe(code);
      if (expected === '') {
        expect(body).not.toHaveProperty('message');
        expect(error.message).toBe(SDK_MESSAGE_WHEN_NONE);
      } else {
        expect(body.message).toBe(expected);
        expect(error.message).toBe(expected);
      }
      const recordedList = /\[(.*)\]$/.exec(testCase.message)?.[1];
      if (testCase.messageNow && recordedList !== undefined) {
        // The recorded list, in AWS's order, opens the one answered now.
        expect(expected).toContain(`[${recordedList}, `);
      }
    }, 60_000);
  }
});
