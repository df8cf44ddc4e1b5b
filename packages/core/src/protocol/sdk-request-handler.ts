import type { KmsOperations } from '../model/types.generated.js';
import { handleAwsJsonRequest } from './aws-json.js';
import type { WireHeaders } from './wire.js';

/**
 * An AWS SDK v3 request handler (smithy `HttpHandler`) that answers every request with a
 * KMS Lab engine in the same process: no network, in Node and in browsers.
 *
 *   new KMSClient({ region, credentials, requestHandler: createKmsRequestHandler(kms) })
 *
 * The types below are the parts of smithy's HttpRequest and HttpResponse the handler
 * uses, so that @kms-lab/core needs no AWS SDK package at run time.
 */
export interface SdkHttpRequest {
  method: string;
  path: string;
  headers: WireHeaders;
  /** The SDK gives a JSON string; middleware may have turned it into bytes. */
  body?: unknown;
}

export interface SdkHttpResponse {
  statusCode: number;
  /** Lower-case names, as the SDK reads them (`x-amzn-requestid`). */
  headers: Record<string, string>;
  /** Bytes: what the SDK's collectBody takes as they are, in Node and in browsers alike. */
  body: Uint8Array;
}

interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

export interface KmsRequestHandler {
  readonly metadata: { handlerProtocol: string };
  handle(
    request: SdkHttpRequest,
    options?: { abortSignal?: AbortSignalLike | undefined },
  ): Promise<{ response: SdkHttpResponse }>;
  /** Nothing to release: there are no sockets. */
  destroy(): void;
  /** The SDK passes socket and logger settings here; none apply in process. */
  updateHttpClientConfig(key: string | symbol, value: unknown): void;
  httpHandlerConfigs(): Record<string, never>;
}

function bodyOf(body: unknown): string | Uint8Array {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError(
    'KMS Lab in-process handler: the request body is a stream; AWS KMS requests are JSON text.',
  );
}

function abortError(signal: AbortSignalLike): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}

export function createKmsRequestHandler(kms: KmsOperations): KmsRequestHandler {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request, options) {
      const signal = options?.abortSignal;
      if (signal?.aborted) throw abortError(signal);
      const answer = await handleAwsJsonRequest(kms, {
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: bodyOf(request.body),
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers))
        headers[name.toLowerCase()] = value;
      const body = new TextEncoder().encode(answer.body);
      headers['content-length'] = String(body.byteLength);
      return { response: { statusCode: answer.status, headers, body } };
    },
    destroy() {},
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
}
