import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AWS_OPERATIONS,
  createKms,
  type DerKeyPair,
  handleAwsJsonRequest,
  kmsModel,
} from '../src/index.js';
import { decodeShape, encodeShape } from '../src/protocol/shape-codec.js';
import { kmsWithClock, symmetricKey } from './support/kms.js';
import { awsCall, fromBase64, json, toBase64, UUID } from './support/wire.js';

describe('AWS JSON 1.1 adapter: successful calls', () => {
  it('knows every operation of the model and nothing more', () => {
    expect(AWS_OPERATIONS).toHaveLength(56);
    expect(new Set(AWS_OPERATIONS)).toEqual(new Set(Object.keys(kmsModel.operations)));
  });

  it('answers with the AWS JSON content type, a request ID and the output as JSON', async () => {
    const { kms } = kmsWithClock(new Date('2026-01-01T00:00:00.250Z'));
    const response = await awsCall(kms, 'CreateKey', { Description: 'wire' });
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/x-amz-json-1.1');
    expect(response.headers['x-amzn-RequestId']).toMatch(UUID);
    expect(response.headers['x-amzn-ErrorType']).toBeUndefined();
    const body = json(response);
    expect(body).not.toHaveProperty('$metadata');
    const metadata = body.KeyMetadata as Record<string, unknown>;
    // Timestamps are epoch seconds, fractions included.
    expect(metadata.CreationDate).toBe(1767225600.25);
    expect(metadata).toMatchObject({ Description: 'wire', KeyState: 'Enabled', Enabled: true });
    // Members the engine leaves undefined are left out, not sent as null.
    expect(metadata).not.toHaveProperty('DeletionDate');
    expect(metadata).not.toHaveProperty('PendingDeletionWindowInDays');
  });

  it('reads header names in any case', async () => {
    const kms = createKms();
    const response = await handleAwsJsonRequest(kms, {
      headers: { 'x-amz-TARGET': 'TrentService.ListKeys' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({ Keys: [], Truncated: false });
  });

  it('takes blobs as base64 and answers with base64, with the body as text or as bytes', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const plaintext = new Uint8Array([0, 1, 2, 250, 251, 252]);
    const encrypted = await awsCall(kms, 'Encrypt', {
      KeyId: keyId,
      Plaintext: toBase64(plaintext),
      EncryptionContext: { purpose: 'wire' },
    });
    expect(encrypted.status).toBe(200);
    const { CiphertextBlob } = json(encrypted);
    expect(typeof CiphertextBlob).toBe('string');
    const asBytes = new TextEncoder().encode(
      JSON.stringify({ CiphertextBlob, EncryptionContext: { purpose: 'wire' } }),
    );
    const decrypted = await awsCall(kms, 'Decrypt', asBytes);
    expect(decrypted.status).toBe(200);
    expect(fromBase64(json(decrypted).Plaintext)).toEqual(plaintext);
  });

  it('GenerateDataKeyPair: DER keys in base64 that belong together', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const response = await awsCall(kms, 'GenerateDataKeyPair', {
      KeyId: keyId,
      KeyPairSpec: 'ECC_NIST_P256',
    });
    const body = json(response);
    expect(body).toMatchObject({ KeyPairSpec: 'ECC_NIST_P256' });
    const publicKey = createPublicKey({
      key: Buffer.from(fromBase64(body.PublicKey)),
      format: 'der',
      type: 'spki',
    });
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const decrypted = await awsCall(kms, 'Decrypt', {
      CiphertextBlob: body.PrivateKeyCiphertextBlob,
    });
    expect(json(decrypted).Plaintext).toBe(body.PrivateKeyPlaintext);
  });

  it('answers operations without output with an empty body', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const response = await awsCall(kms, 'DisableKey', { KeyId: keyId });
    expect(response).toMatchObject({ status: 200, body: '' });
    expect(response.headers['x-amzn-RequestId']).toMatch(UUID);
  });

  it('treats an empty body as {} and ignores members AWS does not know', async () => {
    const kms = createKms();
    expect((await awsCall(kms, 'ListKeys', '')).status).toBe(200);
    const created = await awsCall(kms, 'CreateKey', {
      Description: 'known',
      NotAMember: { anything: [1, 2] },
      description: 'wrong case is another member',
    });
    expect(created.status).toBe(200);
    expect((json(created).KeyMetadata as { Description: string }).Description).toBe('known');
  });

  it('treats a member set to null as a member left out', async () => {
    const kms = createKms();
    const response = await awsCall(kms, 'CreateKey', { Description: null, Tags: null });
    expect(response.status).toBe(200);
    expect((json(response).KeyMetadata as { Description: string }).Description).toBe('');
  });

  it('writes lists, maps and timestamps of outputs', async () => {
    const { kms } = kmsWithClock(new Date('2026-03-01T12:00:00Z'));
    const keyId = await symmetricKey(kms);
    await awsCall(kms, 'CreateAlias', { AliasName: 'alias/wire', TargetKeyId: keyId });
    const aliases = json(await awsCall(kms, 'ListAliases', { KeyId: keyId }));
    expect(aliases.Aliases).toEqual([
      {
        AliasName: 'alias/wire',
        AliasArn: 'arn:aws:kms:us-east-1:111122223333:alias/wire',
        TargetKeyId: keyId,
        CreationDate: Date.parse('2026-03-01T12:00:00Z') / 1000,
        LastUpdatedDate: Date.parse('2026-03-01T12:00:00Z') / 1000,
      },
    ]);
    const scheduled = json(await awsCall(kms, 'ScheduleKeyDeletion', { KeyId: keyId }));
    expect(scheduled.DeletionDate).toBe(Date.parse('2026-03-31T12:00:00Z') / 1000);
  });
});

describe('AWS JSON 1.1 adapter: errors', () => {
  it('answers engine errors with __type, message, their status and x-amzn-ErrorType', async () => {
    const kms = createKms();
    const response = await awsCall(kms, 'DescribeKey', {
      KeyId: '11111111-2222-4333-8444-555555555555',
    });
    expect(response.status).toBe(400);
    expect(response.headers).toMatchObject({
      'Content-Type': 'application/x-amz-json-1.1',
      'x-amzn-ErrorType': 'NotFoundException',
    });
    expect(response.headers['x-amzn-RequestId']).toMatch(UUID);
    expect(json(response)).toEqual({
      __type: 'NotFoundException',
      message:
        "Key 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-4333-8444-555555555555' does not exist",
    });
  });

  it('passes on the engine ValidationException with AWS message', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const response = await awsCall(kms, 'GenerateDataKeyPair', {
      KeyId: keyId,
      KeyPairSpec: 'RSA_1024',
    });
    expect(response.status).toBe(400);
    const body = json(response);
    expect(body.__type).toBe('ValidationException');
    expect(body.message).toMatch(
      /^1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: \[/,
    );
  });

  it('sends no message field where AWS sends none (InvalidCiphertextException)', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const { CiphertextBlob } = json(
      await awsCall(kms, 'Encrypt', {
        KeyId: keyId,
        Plaintext: toBase64(new Uint8Array([1])),
        EncryptionContext: { a: 'b' },
      }),
    );
    const response = await awsCall(kms, 'Decrypt', { CiphertextBlob });
    expect(response.status).toBe(400);
    // AWS's body is the type alone: no message field, not an empty one.
    expect(response.body).toBe('{"__type":"InvalidCiphertextException"}');
  });

  it('answers 429 for ThrottlingException and 500 for server faults', async () => {
    const throttled = createKms({ limits: { dataKeyPairRequestsPerSecond: { ECC_NIST_P256: 1 } } });
    const keyId = await symmetricKey(throttled);
    const request = { KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' };
    expect((await awsCall(throttled, 'GenerateDataKeyPair', request)).status).toBe(200);
    const second = await awsCall(throttled, 'GenerateDataKeyPair', request);
    expect(second.status).toBe(429);
    expect(second.headers['x-amzn-ErrorType']).toBe('ThrottlingException');

    const broken = createKms({
      generateKeyPair: async (): Promise<DerKeyPair> => {
        throw new RangeError('generator exploded with a secret inside');
      },
    });
    const brokenKey = await symmetricKey(broken);
    const failed = await awsCall(broken, 'GenerateDataKeyPair', { ...request, KeyId: brokenKey });
    expect(failed.status).toBe(500);
    expect(json(failed)).toEqual({
      __type: 'KMSInternalException',
      message: 'KMS Lab failed unexpectedly (RangeError).',
    });
  });

  it.each([
    ['no X-Amz-Target header', undefined],
    ['an empty target', ''],
    ['an operation AWS KMS does not have', 'TrentService.CreateBucket'],
    ['another service prefix', 'DynamoDB_20120810.ListKeys'],
    ['no operation after the prefix', 'TrentService.'],
    ['a name from Object.prototype', 'TrentService.constructor'],
    ['__proto__', 'TrentService.__proto__'],
    ['an operation in lower case', 'TrentService.listKeys'],
  ])('answers UnknownOperationException for %s', async (_, target) => {
    const kms = createKms();
    const response = await handleAwsJsonRequest(kms, {
      headers: target === undefined ? {} : { 'X-Amz-Target': target },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(json(response).__type).toBe('UnknownOperationException');
    expect(response.headers['x-amzn-ErrorType']).toBe('UnknownOperationException');
  });

  it('answers an AWS operation KMS Lab does not emulate with UnsupportedOperationException, after validation', async () => {
    const kms = createKms();
    const call = (body: string) =>
      handleAwsJsonRequest(kms, {
        headers: { 'X-Amz-Target': 'TrentService.CreateCustomKeyStore' },
        body,
      });
    const refused = await call('{"CustomKeyStoreName": "store"}');
    expect(refused.status).toBe(400);
    expect(json(refused)).toEqual({
      __type: 'UnsupportedOperationException',
      message: 'KMS Lab does not emulate CreateCustomKeyStore',
    });
    const invalid = await call('{}');
    expect(json(invalid).__type).toBe('ValidationException');
    expect(json(invalid).message).toContain("at 'customKeyStoreName'");
  });

  it.each([
    ['malformed JSON', 'ListKeys', '{"Limit": 5'],
    ['JSON that is not an object', 'ListKeys', '[1, 2]'],
    ['a JSON string', 'ListKeys', '"ListKeys"'],
    ['a JSON number', 'ListKeys', '5'],
    ['a number where a string belongs', 'DescribeKey', '{"KeyId": 42}'],
    ['a string where a number belongs', 'ListKeys', '{"Limit": "5"}'],
    ['a string where a boolean belongs', 'CreateKey', '{"MultiRegion": "false"}'],
    ['an object where a list belongs', 'CreateKey', '{"Tags": {"TagKey": "a"}}'],
    ['a list where a map belongs', 'Encrypt', '{"KeyId": "k", "EncryptionContext": ["a"]}'],
    ['a number in a map of strings', 'Encrypt', '{"KeyId": "k", "EncryptionContext": {"a": 1}}'],
    ['a number where a structure belongs', 'CreateKey', '{"Tags": [5]}'],
    ['invalid base64', 'Decrypt', '{"CiphertextBlob": "not base64!"}'],
    ['base64 without its padding', 'Decrypt', '{"CiphertextBlob": "AQIDBA"}'],
    ['a number where base64 belongs', 'Decrypt', '{"CiphertextBlob": 1234}'],
    ['bytes that are not UTF-8', 'ListKeys', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
  ])('answers SerializationException for %s', async (_, operation, body) => {
    const kms = createKms();
    const response = await awsCall(kms, operation, body);
    expect(response.status).toBe(400);
    const parsed = json(response);
    expect(parsed.__type).toBe('SerializationException');
    expect(typeof parsed.message).toBe('string');
    expect(parsed.message).not.toBe('');
  });

  it('does not repeat the body in its serialisation errors', async () => {
    const kms = createKms();
    const response = await awsCall(kms, 'Encrypt', '{"Plaintext": "c2VjcmV0", oops');
    expect(response.body).not.toContain('c2VjcmV0');
    expect(json(response).message).toBe('The request body is not valid JSON.');
  });

  it('names the member of the wrong type', async () => {
    const kms = createKms();
    const response = await awsCall(kms, 'CreateKey', { Tags: [{ TagKey: 'a', TagValue: 7 }] });
    expect(json(response).message).toBe(
      "Expected a string at 'Tags[0].TagValue' but found number.",
    );
  });

  it('lets the engine report null list items as AWS does', async () => {
    const kms = createKms();
    const response = await awsCall(kms, 'CreateKey', { Tags: [null] });
    expect(json(response)).toMatchObject({ __type: 'ValidationException' });
  });
});

describe('the shape codec', () => {
  const model = {
    ...kmsModel,
    shapes: {
      ...kmsModel.shapes,
      Sample: {
        type: 'structure' as const,
        members: { When: 'DateType', Blob: 'CiphertextType', Context: 'EncryptionContextType' },
      },
    },
  };

  it('reads epoch seconds, fractions included, as Dates and writes them back', () => {
    const decoded = decodeShape(model, 'Sample', { When: 1767225600.125 }) as { When: Date };
    expect(decoded.When).toEqual(new Date('2026-01-01T00:00:00.125Z'));
    expect(encodeShape(model, 'Sample', decoded)).toEqual({ When: 1767225600.125 });
  });

  it('refuses timestamps that are not numbers or out of range', () => {
    expect(() => decodeShape(model, 'Sample', { When: '2026-01-01' })).toThrow(
      expect.objectContaining({ name: 'SerializationException' }),
    );
    expect(() => decodeShape(model, 'Sample', { When: 1e300 })).toThrow(
      expect.objectContaining({ name: 'SerializationException' }),
    );
  });

  it('keeps a map key named __proto__ an ordinary key', () => {
    const decoded = decodeShape(model, 'Sample', JSON.parse('{"Context": {"__proto__": "x"}}')) as {
      Context: Record<string, string>;
    };
    expect(Object.keys(decoded.Context)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(decoded.Context)).toBe(Object.prototype);
  });

  it('never writes $metadata or members the model does not have', () => {
    const encoded = encodeShape(model, 'Sample', {
      Blob: new Uint8Array([1, 2, 3]),
      $metadata: { requestId: 'x' },
      Extra: 'no',
      When: undefined,
    });
    expect(encoded).toEqual({ Blob: 'AQID' });
  });
});
