/**
 * CORS for browser pages that call the endpoint with the AWS SDK (`--cors ORIGINS`; off by
 * default). The SDK's requests are never "simple" (X-Amz-Target, SigV4 headers, the JSON 1.1
 * content type), so a browser sends a preflight first; it is answered here, and the real
 * response carries the headers that let the page read it, exposing the ones the SDK reads
 * (`x-amzn-requestid` for `$metadata.requestId`, `x-amzn-errortype` for errors). A request
 * from an origin not in the list is refused with 403 before it reaches a key.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { awsErrorResponse, type WireResponse } from '@kms-lab/core';

/** What the SDK v3 reads from a response, beyond the CORS-safelisted headers. */
const EXPOSED_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amz-request-id, date';
const ALLOWED_METHODS = 'GET, HEAD, POST, OPTIONS';
/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';
/** RFC 9110 token characters: what a header name may be, so nothing else is echoed back. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

export type CorsDecision =
  /** Not a cross-origin request (no Origin), or CORS is off: serve as usual. */
  | { kind: 'none' }
  /** An allowed origin's request: serve it and add these headers. */
  | { kind: 'allowed'; headers: Record<string, string> }
  /** A preflight or request answered here, without reaching the engine. */
  | { kind: 'answered'; response: WireResponse };

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

export function corsDecision(
  origins: readonly string[] | undefined,
  method: string,
  headers: IncomingHttpHeaders,
): CorsDecision {
  const origin = header(headers, 'origin');
  if (origins === undefined || origin === undefined) return { kind: 'none' };
  const isPreflight =
    method === 'OPTIONS' && header(headers, 'access-control-request-method') !== undefined;
  if (!origins.includes('*') && !origins.includes(origin)) {
    const shown = origin.replace(/[^\x21-\x7e]/g, '?').slice(0, 200);
    return {
      kind: 'answered',
      response: awsErrorResponse(
        'AccessDeniedException',
        `The origin ${shown} is not allowed to call this endpoint: start kms-lab with --cors ${shown} (or KMS_LAB_CORS) to allow it.`,
        403,
      ),
    };
  }
  // The origin is echoed rather than answered with *, so that Vary: Origin keeps caches right.
  const allowed = { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  if (!isPreflight)
    return {
      kind: 'allowed',
      headers: { ...allowed, 'Access-Control-Expose-Headers': EXPOSED_HEADERS },
    };
  const requested = header(headers, 'access-control-request-headers')?.trim();
  const preflight: Record<string, string> = {
    ...allowed,
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
    'Content-Length': '0',
  };
  // Whatever headers the page's SDK sends (its SigV4 headers, amz-sdk-*, x-amz-user-agent)
  // are allowed: access is decided by the origin, and by SigV4 when --credentials is on.
  if (requested && HEADER_LIST.test(requested))
    preflight['Access-Control-Allow-Headers'] = requested;
  return { kind: 'answered', response: { status: 204, headers: preflight, body: '' } };
}
