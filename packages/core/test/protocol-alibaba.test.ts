import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ALIBABA_LIMITS,
  createKms,
  type DerKeyPair,
  generateKeyPair,
  handleKmsHttpRequest,
  type Kms,
  type WireResponse,
} from '../src/index.js';
import { symmetricKey } from './support/kms.js';
import { fromBase64, json, toBase64 } from './support/wire.js';

const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

function alibabaCall(kms: Kms, apiName: string, body: unknown): Promise<WireResponse> {
  return handleKmsHttpRequest(kms, {
    method: 'POST',
    path: `/alibaba/${apiName}`,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function expectAlibabaError(response: WireResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['Content-Type']).toBe('application/json; charset=utf-8');
  const body = json(response);
  expect(body).toMatchObject({ Code: code, HttpStatus: status });
  expect(body.RequestId).toMatch(REQUEST_ID);
  expect(Object.keys(body).sort()).toEqual(['Code', 'HttpStatus', 'Message', 'RequestId']);
  return body;
}

describe('the Alibaba route: POST /alibaba/<ApiName>', () => {
  it('AdvanceGenerateDataKeyPair answers with base64 bytes that AdvanceDecrypt opens', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const aad = toBase64(new TextEncoder().encode('order-42'));
    const response = await alibabaCall(kms, 'AdvanceGenerateDataKeyPair', {
      KeyId: keyId,
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'DER',
      Aad: aad,
    });
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/json; charset=utf-8');
    const body = json(response);
    expect(body).toMatchObject({ KeyId: keyId, KeyPairSpec: 'EC_P256', Algorithm: 'AES_GCM' });
    expect(body.RequestId).toMatch(REQUEST_ID);
    expect(response.headers['x-acs-request-id']).toBe(body.RequestId);
    expect(fromBase64(body.Iv)).toHaveLength(12);
    const privateKey = createPrivateKey({
      key: Buffer.from(fromBase64(body.PrivateKeyPlaintext)),
      format: 'der',
      type: 'pkcs8',
    });
    expect(createPublicKey(privateKey).export({ type: 'spki', format: 'der' })).toEqual(
      Buffer.from(fromBase64(body.PublicKey)),
    );

    const decrypted = await alibabaCall(kms, 'AdvanceDecrypt', {
      CiphertextBlob: body.PrivateKeyCiphertextBlob,
      Aad: aad,
    });
    expect(decrypted.status).toBe(200);
    expect(json(decrypted)).toMatchObject({
      KeyId: keyId,
      KeyVersionId: body.KeyVersionId,
      Algorithm: 'AES_GCM',
      Plaintext: body.PrivateKeyPlaintext,
    });
  });

  it('PEM keys travel as the base64 of their PEM text; WithoutPlaintext has no private key', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const response = await alibabaCall(kms, 'AdvanceGenerateDataKeyPairWithoutPlaintext', {
      KeyId: keyId,
      KeyPairSpec: 'EC_P256K',
      KeyFormat: 'PEM',
    });
    expect(response.status).toBe(200);
    const body = json(response);
    expect(body).not.toHaveProperty('PrivateKeyPlaintext');
    expect(new TextDecoder().decode(fromBase64(body.PublicKey))).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n/,
    );
    const decrypted = await alibabaCall(kms, 'AdvanceDecrypt', {
      CiphertextBlob: body.PrivateKeyCiphertextBlob,
    });
    expect(decrypted.status).toBe(200);
    // The ciphertext is of the private key in the requested format: PEM text comes back.
    const privatePem = new TextDecoder().decode(fromBase64(json(decrypted).Plaintext));
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(
      createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }),
    ).toBe(new TextDecoder().decode(fromBase64(body.PublicKey)));
  });

  it('answers engine errors in Alibaba form: Code, Message, RequestId, HttpStatus', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const missingKey = await alibabaCall(kms, 'AdvanceGenerateDataKeyPair', {
      KeyId: '11111111-2222-4333-8444-555555555555',
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'DER',
    });
    expect(expectAlibabaError(missingKey, 404, 'Forbidden.KeyNotFound').Message).toBe(
      'The specified Key is not found.',
    );
    const missingAlias = await alibabaCall(kms, 'AdvanceGenerateDataKeyPair', {
      KeyId: 'alias/none',
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'DER',
    });
    expectAlibabaError(missingAlias, 404, 'Forbidden.AliasNotFound');
    const noSpec = await alibabaCall(kms, 'AdvanceGenerateDataKeyPair', {
      KeyId: keyId,
      KeyFormat: 'DER',
    });
    expectAlibabaError(noSpec, 400, 'MissingParameter');
    const badSpec = await alibabaCall(kms, 'AdvanceGenerateDataKeyPair', {
      KeyId: keyId,
      KeyPairSpec: 'EC_P521',
      KeyFormat: 'DER',
    });
    expectAlibabaError(badSpec, 400, 'InvalidParameter');
    const numberKeyId = await alibabaCall(kms, 'AdvanceGenerateDataKeyPair', {
      KeyId: 5,
      KeyPairSpec: 'EC_P256',
      KeyFormat: 'DER',
    });
    expectAlibabaError(numberKeyId, 400, 'InvalidParameter');

    const made = json(
      await alibabaCall(kms, 'AdvanceGenerateDataKeyPairWithoutPlaintext', {
        KeyId: keyId,
        KeyPairSpec: 'EC_P256',
        KeyFormat: 'DER',
        Aad: toBase64(new Uint8Array([1])),
      }),
    );
    const wrongAad = await alibabaCall(kms, 'AdvanceDecrypt', {
      CiphertextBlob: made.PrivateKeyCiphertextBlob,
      Aad: toBase64(new Uint8Array([2])),
    });
    expectAlibabaError(wrongAad, 400, 'InvalidCiphertext');
    await kms.disableKey({ KeyId: keyId });
    const disabled = await alibabaCall(kms, 'AdvanceDecrypt', {
      CiphertextBlob: made.PrivateKeyCiphertextBlob,
      Aad: toBase64(new Uint8Array([1])),
    });
    expectAlibabaError(disabled, 400, 'Rejected.Disabled');
  });

  it('answers a second concurrent generation with HTTP 429 Rejected.Throttling', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const kms = createKms({
      limits: ALIBABA_LIMITS,
      generateKeyPair: async (spec, crypto): Promise<DerKeyPair> => {
        await held;
        return generateKeyPair(spec, crypto);
      },
    });
    const keyId = await symmetricKey(kms);
    const request = { KeyId: keyId, KeyPairSpec: 'EC_P256', KeyFormat: 'DER' };
    const first = alibabaCall(kms, 'AdvanceGenerateDataKeyPair', request);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await alibabaCall(kms, 'AdvanceGenerateDataKeyPair', request);
    expectAlibabaError(second, 429, 'Rejected.Throttling');
    release();
    expect((await first).status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"KeyId": '],
    ['JSON that is not an object', '["a"]'],
    ['Aad that is not base64', { CiphertextBlob: 'AQID', Aad: '***' }],
    ['Aad that is a number', { CiphertextBlob: 'AQID', Aad: 7 }],
    ['a CiphertextBlob that is an object', { CiphertextBlob: { bytes: 1 } }],
  ])('answers InvalidParameter for %s', async (_, body) => {
    const kms = createKms();
    expectAlibabaError(await alibabaCall(kms, 'AdvanceDecrypt', body), 400, 'InvalidParameter');
  });

  it('answers an empty CiphertextBlob with MissingParameter', async () => {
    const kms = createKms();
    const response = await alibabaCall(kms, 'AdvanceDecrypt', { CiphertextBlob: '' });
    expectAlibabaError(response, 400, 'MissingParameter');
  });

  it('answers an API it does not serve with 404 InvalidAction.NotFound', async () => {
    const kms = createKms();
    for (const name of ['Encrypt', '', 'advanceDecrypt', 'AdvanceDecrypt/extra']) {
      expectAlibabaError(await alibabaCall(kms, name, {}), 404, 'InvalidAction.NotFound');
    }
  });
});

describe('the router', () => {
  it('answers other paths with a JSON 404 and other methods with a JSON 405', async () => {
    const kms = createKms();
    const notFound = await handleKmsHttpRequest(kms, {
      method: 'POST',
      path: '/v1/keys',
      headers: {},
    });
    expect(notFound.status).toBe(404);
    expect(json(notFound)).toMatchObject({ __type: 'NotFound' });

    const getRoot = await handleKmsHttpRequest(kms, { method: 'GET', path: '/', headers: {} });
    expect(getRoot.status).toBe(405);
    expect(getRoot.headers.Allow).toBe('POST');
    expect(json(getRoot)).toMatchObject({ __type: 'MethodNotAllowed' });

    const getAlibaba = await handleKmsHttpRequest(kms, {
      method: 'GET',
      path: '/alibaba/AdvanceDecrypt',
      headers: {},
    });
    expectAlibabaError(getAlibaba, 405, 'MethodNotAllowed');
  });

  it('sends POST / to the AWS adapter, ignoring a query string', async () => {
    const kms = createKms();
    const response = await handleKmsHttpRequest(kms, {
      method: 'POST',
      path: '/?trace=1',
      headers: { 'X-Amz-Target': 'TrentService.ListKeys' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({ Keys: [], Truncated: false });
  });
});
