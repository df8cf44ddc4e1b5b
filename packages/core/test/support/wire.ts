import {
  handleAwsJsonRequest,
  type Kms,
  type WireHeaders,
  type WireResponse,
} from '../../src/index.js';

/** Sends one AWS JSON 1.1 request to the adapter; `body` objects are JSON-encoded. */
export function awsCall(
  kms: Kms,
  operation: string,
  body: unknown = {},
  headers: WireHeaders = {},
): Promise<WireResponse> {
  return handleAwsJsonRequest(kms, {
    method: 'POST',
    path: '/',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `TrentService.${operation}`,
      ...headers,
    },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

/** The JSON of a response body. */
export const json = (response: WireResponse): Record<string, unknown> =>
  JSON.parse(response.body) as Record<string, unknown>;

export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
export const fromBase64 = (text: unknown) => new Uint8Array(Buffer.from(String(text), 'base64'));

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
