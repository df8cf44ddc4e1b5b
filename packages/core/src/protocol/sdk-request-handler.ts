import { REGION_PATTERN } from '../kms/multi-region/regions.js';
import type { KmsOperations } from '../model/types.generated.js';
import { handleAwsJsonRequest } from './aws-json.js';
import { headerValue, type WireHeaders } from './wire.js';

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

/** A partition's engines, one per Region (kms/multi-region/partition.ts). */
interface Regions {
  readonly defaultRegion: string;
  region(name?: string): KmsOperations;
}

const isRegions = (target: KmsOperations | Regions): target is Regions =>
  typeof (target as Partial<Regions>).region === 'function' && 'defaultRegion' in target;

/**
 * The Region the SDK signed the request for: its SigV4 credential scope
 * (`Credential=AKID/20261129/eu-west-1/kms/aws4_request`). The signature is not checked in
 * process: the client is the caller's own.
 */
export function regionOfAuthorization(headers: WireHeaders): string | undefined {
  const authorization = headerValue(headers, 'authorization');
  const scope = authorization && /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\//.exec(authorization);
  return scope && REGION_PATTERN.test(scope[1] as string) ? scope[1] : undefined;
}

/**
 * `kms` is one engine, or a partition (`createKmsPartition`): then each request goes to the
 * engine of the Region its client signed for, and an unsigned one to the default Region.
 */
export function createKmsRequestHandler(kms: KmsOperations | Regions): KmsRequestHandler {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request, options) {
      const signal = options?.abortSignal;
      if (signal?.aborted) throw abortError(signal);
      const engine = isRegions(kms)
        ? kms.region(regionOfAuthorization(request.headers) ?? kms.defaultRegion)
        : kms;
      const answer = await handleAwsJsonRequest(engine, {
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
