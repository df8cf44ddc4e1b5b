import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { REGION_PATTERN } from '@kms-lab/core';

/**
 * AWS Signature Version 4, checked on the server side. Each step follows "Create a
 * signed AWS API request" in the IAM User Guide: canonical request, string to sign,
 * signing key, signature.
 */

export interface SignedRequest {
  method: string;
  /** The request target as received: path and query, still percent-encoded. */
  target: string;
  /** Header names in lower case, as node:http gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}

export interface SigV4Options {
  /** Access key ID to secret access key. */
  credentials: ReadonlyMap<string, string>;
  /** The one Region served; undefined when every Region is (the Region is the scope's). */
  region: string | undefined;
  service: string;
  now: Date;
}

export type SigV4Result =
  | { ok: true; accessKeyId: string; region: string }
  | { ok: false; type: SigV4ErrorType; message: string };

export type SigV4ErrorType =
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS refuses requests signed more than 15 minutes before or after its own clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

export const SIGV4_MESSAGES = {
  missing: 'Missing Authentication Token',
  unknownKey: 'The security token included in the request is invalid.',
  mismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
} as const;

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();

/** RFC 3986 percent-encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~. */
const escapeUri = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** Percent-decoding that leaves malformed escapes as they are instead of throwing. */
function unescapeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The canonical URI: for services other than S3, the normalised path with each segment
 * URI-encoded twice. The target already holds the once-encoded path the client sent.
 */
function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.map(escapeUri).join('/')}${trailing}`;
}

/** Parameters sorted by encoded name, then by value; each name and value encoded once. */
function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const name = at < 0 ? pair : pair.slice(0, at);
      const value = at < 0 ? '' : pair.slice(at + 1);
      return [escapeUri(unescapeUri(name)), escapeUri(unescapeUri(value))] as const;
    })
    .filter(([name]) => name.toLowerCase() !== 'x-amz-signature')
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function headerText(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

export function canonicalRequest(
  request: SignedRequest,
  signedHeaders: readonly string[],
  payloadHash: string,
): string {
  const at = request.target.indexOf('?');
  const path = at < 0 ? request.target : request.target.slice(0, at);
  const query = at < 0 ? '' : (request.target.slice(at + 1).split('#', 1)[0] ?? '');
  return [
    request.method.toUpperCase(),
    canonicalUri(path),
    canonicalQuery(query),
    ...signedHeaders.map((name) => `${name}:${headerText(request.headers[name])}`),
    '',
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

export function signingKey(secret: string, date: string, region: string, service: string) {
  const dateKey = hmac(`AWS4${secret}`, date);
  return hmac(hmac(hmac(dateKey, region), service), 'aws4_request');
}

interface Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=<hex>` */
function parseAuthorization(header: string): Authorization | string {
  if (!header.startsWith(`${ALGORITHM} `))
    return `Authorization header requires the ${ALGORITHM} algorithm.`;
  const parameters = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length).split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    // Two Signature= (or Credential=, SignedHeaders=) values: which one counts would be a guess.
    if (parameters.has(name)) return `Authorization header has '${name}' more than once.`;
    parameters.set(name, part.slice(at + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter(
    (name) => !parameters.get(name),
  );
  if (missing.length > 0)
    return missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ');
  const credential = (parameters.get('Credential') as string).split('/');
  if (credential.length !== 5 || credential.some((part) => part === ''))
    return "Credential must have the form 'access-key-id/date/region/service/aws4_request'.";
  const [accessKeyId, date, region, service, terminator] = credential as [
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    accessKeyId,
    date,
    region,
    service,
    terminator,
    signedHeaders: (parameters.get('SignedHeaders') as string).split(';'),
    signature: parameters.get('Signature') as string,
  };
}

/** `20260101T000000Z` as a Date, or undefined. */
function parseAmzDate(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const fail = (type: SigV4ErrorType, message: string): SigV4Result => ({ ok: false, type, message });

/** Checks a request's SigV4 signature against the known credentials. */
export function verifySigV4(request: SignedRequest, options: SigV4Options): SigV4Result {
  const header = headerText(request.headers.authorization);
  if (header === '') return fail('MissingAuthenticationTokenException', SIGV4_MESSAGES.missing);
  const authorization = parseAuthorization(header);
  if (typeof authorization === 'string') return fail('IncompleteSignatureException', authorization);

  const secret = options.credentials.get(authorization.accessKeyId);
  if (secret === undefined) return fail('UnrecognizedClientException', SIGV4_MESSAGES.unknownKey);

  const amzDate = headerText(request.headers['x-amz-date']);
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt)
    return fail(
      'IncompleteSignatureException',
      "Authorization header requires existence of an 'X-Amz-Date' header in the form YYYYMMDD'T'HHMMSS'Z'.",
    );
  if (authorization.date !== amzDate.slice(0, 8))
    return fail(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from X-Amz-Date: '${authorization.date}' != '${amzDate.slice(0, 8)}'.`,
    );
  if (options.region === undefined) {
    if (!REGION_PATTERN.test(authorization.region))
      return fail(
        'InvalidSignatureException',
        `Credential should be scoped to a valid region: '${authorization.region}' is not an AWS Region name.`,
      );
  } else if (authorization.region !== options.region)
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region: this endpoint serves '${options.region}'.`,
    );
  if (authorization.service !== options.service || authorization.terminator !== 'aws4_request')
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${options.service}', ending in 'aws4_request'.`,
    );
  if (!authorization.signedHeaders.includes('host'))
    return fail(
      'InvalidSignatureException',
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    );
  // Every x-amz-* header must be signed, X-Amz-Target above all: a signature that leaves it
  // out would let a captured DescribeKey be replayed as DisableKey.
  const unsigned = Object.keys(request.headers).filter(
    (name) => name.startsWith('x-amz-') && !authorization.signedHeaders.includes(name),
  );
  if (unsigned.length > 0)
    return fail(
      'InvalidSignatureException',
      `Every x-amz-* header must be a 'SignedHeader' in the AWS Authorization; not signed: ${unsigned.sort().join(', ')}.`,
    );
  const skew = signedAt.getTime() - options.now.getTime();
  if (Math.abs(skew) > MAX_SKEW_MS)
    return fail(
      'InvalidSignatureException',
      `Signature ${skew < 0 ? 'expired' : 'not yet current'}: ${amzDate} is more than 15 minutes from the server's time ${options.now.toISOString()}.`,
    );

  const bodyHash = sha256Hex(request.body);
  const declaredHash = headerText(request.headers['x-amz-content-sha256']);
  if (declaredHash !== '' && declaredHash !== bodyHash)
    return fail(
      'InvalidSignatureException',
      "The provided 'x-amz-content-sha256' header does not match the SHA-256 of the request body.",
    );

  const scope = [authorization.date, authorization.region, authorization.service, 'aws4_request'];
  const stringToSign = [
    ALGORITHM,
    amzDate,
    scope.join('/'),
    sha256Hex(canonicalRequest(request, authorization.signedHeaders, bodyHash)),
  ].join('\n');
  const expected = createHmac(
    'sha256',
    signingKey(secret, authorization.date, authorization.region, authorization.service),
  )
    .update(stringToSign)
    .digest();
  const given = /^[0-9a-f]{64}$/.test(authorization.signature)
    ? Buffer.from(authorization.signature, 'hex')
    : undefined;
  if (!given || !timingSafeEqual(given, expected))
    return fail('InvalidSignatureException', SIGV4_MESSAGES.mismatch);
  return { ok: true, accessKeyId: authorization.accessKeyId, region: authorization.region };
}
