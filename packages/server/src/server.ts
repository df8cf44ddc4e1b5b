import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AttestationRoot,
  awsErrorResponse,
  createKmsPartition,
  enforcePolicies,
  handleKmsHttpRequest,
  type KmsSeed,
  MemoryRegionalKeyStore,
  partitionOf,
  regionOfAuthorization,
  type SeedResult,
  type WireResponse,
} from '@kms-lab/core';
import { createNodeCrypto, createThreadedKeyPairGenerator } from '@kms-lab/core/node';
import { MAX_BODY_BYTES, readBody } from './body.js';
import { corsDecision } from './cors.js';
import { type CredentialEntry, credentialEntriesFrom } from './credentials.js';
import { FileKeyStore } from './file-store.js';
import { formatRequestLog, operationOf } from './request-log.js';
import { verifySigV4 } from './sigv4.js';

export interface ServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 4599; 0 picks any free port. */
  port?: number;
  /** The key store file; created if missing. Without it (or with `memory`), keys live in memory. */
  dataFile?: string;
  memory?: boolean;
  /** AWS Region in ARNs and in the SigV4 credential scope; default us-east-1. */
  region?: string;
  /** AWS account ID in ARNs; default 111122223333. */
  accountId?: string;
  /**
   * Access key ID to secret (or to `{ secretAccessKey, principal }`, the IAM ARN its requests
   * come from): when given, every request must carry a valid SigV4 signature.
   */
  credentials?:
    | ReadonlyMap<string, string | CredentialEntry>
    | Readonly<Record<string, string | CredentialEntry>>;
  /**
   * Enforce key policies and grants: a request that the key's policy and grants do not allow
   * its principal (from `credentials`; the account's root without them) is AccessDeniedException.
   * Off by default: policies and grants are stored and returned, not enforced.
   */
  enforcePolicies?: boolean;
  /** Where request log lines go; default stderr, `false` for none. */
  log?: ((line: string) => void) | false;
  /** Add each response's request ID and error type to its log line (`--log-level debug`). */
  logDetails?: boolean;
  /**
   * Keys and aliases to create at start unless they exist (KMS Lab's or local-kms's seed
   * format, docs/seed.md). A seed that cannot be applied stops the start with its SeedError.
   */
  seed?: KmsSeed;
  /** Browser origins allowed to call the endpoint (CORS), `'*'` for any; default none. */
  cors?: readonly string[];
  /** Time given to requests in flight when closing, before their connections are cut. */
  closeTimeoutMs?: number;
  /**
   * The roots a Recipient's attestation document must chain to, as PEM bundles or DER
   * certificates; default the AWS Nitro Enclaves root and KMS Lab's development root.
   */
  attestationRoots?: string | readonly AttestationRoot[];
  /** Where warnings go (an open host without credentials, the store's); default stderr. */
  warn?: (line: string) => void;
}

export interface RunningServer {
  /** `http://host:port`, the AWS SDK's `endpoint` or the AWS CLI's `--endpoint-url`. */
  url: string;
  host: string;
  port: number;
  region: string;
  /** The key store file's absolute path, or undefined in memory. */
  dataFile: string | undefined;
  /** What the seed did, when one was given. */
  seeded: SeedResult | undefined;
  /** Stops accepting connections, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4599;
export const DEFAULT_REGION = 'us-east-1';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

function tooLarge(): WireResponse {
  return awsErrorResponse(
    'RequestEntityTooLargeException',
    `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB), the most this endpoint reads.`,
    413,
  );
}

/** Starts a KMS Lab endpoint and resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (options.dataFile !== undefined && options.memory)
    throw new TypeError('Give either dataFile or memory, not both.');
  const region = options.region ?? DEFAULT_REGION;
  const credentialEntries =
    options.credentials === undefined
      ? undefined
      : credentialEntriesFrom(
          options.credentials instanceof Map
            ? Object.fromEntries(options.credentials)
            : options.credentials,
        );
  const credentials =
    credentialEntries &&
    new Map([...credentialEntries].map(([id, entry]) => [id, entry.secretAccessKey]));
  const log =
    options.log === false
      ? undefined
      : (options.log ?? ((line: string) => process.stderr.write(`${line}\n`)));
  const warn = options.warn ?? ((line: string) => process.stderr.write(`kms-lab: ${line}\n`));
  const fileStore =
    options.dataFile === undefined
      ? undefined
      : await FileKeyStore.open(options.dataFile, { warn, region });
  // secp256k1 and SM2 pairs are made on worker threads, so they use every core and never
  // hold up the requests of others on the event loop.
  const threaded = createThreadedKeyPairGenerator();
  // Every Region at once, as AWS's endpoints: each request is answered by the engine of its
  // SigV4 credential scope's Region, with that Region's keys and aliases. A seed is the
  // default Region's.
  let partition: ReturnType<typeof createKmsPartition>;
  let seeded: SeedResult | undefined;
  try {
    partition = createKmsPartition({
      stores: fileStore ?? new MemoryRegionalKeyStore(),
      defaultRegion: region,
      accountId: options.accountId,
      // AES-GCM in OpenSSL directly rather than as WebCrypto thread-pool jobs: the same bytes,
      // a fraction of the cost per request (core's node/node-crypto.ts).
      crypto: createNodeCrypto(),
      generateKeyPair: threaded.generateKeyPair,
      seed: options.seed,
      attestation:
        options.attestationRoots === undefined
          ? undefined
          : {
              roots:
                typeof options.attestationRoots === 'string'
                  ? [options.attestationRoots]
                  : options.attestationRoots,
            },
    });
    // The default Region's engine is made now, so a bad seed stops the start here.
    const home = partition.region();
    if (options.seed !== undefined) seeded = await home.seeded();
  } catch (error) {
    // A bad seed stops the start; the store is closed (its lock released) untouched.
    await threaded.close();
    await fileStore?.close();
    throw error;
  }
  const accountId = partition.region().accountId;
  let closing = false;

  async function answer(request: IncomingMessage, path: string): Promise<WireResponse> {
    const method = request.method ?? 'GET';
    if (path === '/health' && (method === 'GET' || method === 'HEAD'))
      return {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          status: 'ok',
          service: 'kms-lab',
          region,
          regions: partition.regions(),
          store: fileStore ? 'file' : 'memory',
        }),
      };
    const read = await readBody(request);
    if (!read.ok)
      return read.reason === 'tooLarge'
        ? tooLarge()
        : awsErrorResponse('SerializationException', 'The request body ended early.', 400);
    // Unsigned requests (no credentials configured) still name their Region in the scope.
    let requestRegion = regionOfAuthorization(request.headers) ?? region;
    let principal: string | undefined;
    if (credentials) {
      const verdict = verifySigV4(
        { method, target: request.url ?? '/', headers: request.headers, body: read.body },
        { credentials, region: undefined, service: 'kms', now: new Date() },
      );
      if (!verdict.ok) return awsErrorResponse(verdict.type, verdict.message, 400);
      requestRegion = verdict.region;
      principal = credentialEntries?.get(verdict.accessKeyId)?.principal;
    }
    const kms = partition.region(requestRegion);
    // Who a request comes from when its access key names no principal: the account's root.
    const caller = principal ?? `arn:${partitionOf(requestRegion)}:iam::${accountId}:root`;
    return handleKmsHttpRequest(options.enforcePolicies ? enforcePolicies(kms, caller) : kms, {
      method,
      path: request.url,
      headers: request.headers,
      body: read.body,
    });
  }

  async function serve(request: IncomingMessage, response: ServerResponse) {
    const started = performance.now();
    // A client that goes away is not an error of the server's: nothing to do but stop.
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    const path = request.url ?? '/';
    const pathOnly = path.split(/[?#]/, 1)[0] ?? '/';
    let wire: WireResponse;
    const cors = corsDecision(options.cors, request.method ?? 'GET', request.headers);
    try {
      wire = cors.kind === 'answered' ? cors.response : await answer(request, pathOnly);
    } catch (error) {
      // The adapters never throw; this is a bug here, said without details.
      wire = awsErrorResponse(
        'KMSInternalException',
        `KMS Lab failed unexpectedly (${error instanceof Error ? error.name : typeof error}).`,
        500,
      );
    }
    // A body left unread (too large, or an aborted upload) is not read further: the
    // connection closes after this answer.
    const unread = !request.complete;
    const headers: Record<string, string> = {
      ...wire.headers,
      ...(cors.kind === 'allowed' ? cors.headers : {}),
    };
    if (closing || unread) headers.Connection = 'close';
    if (!response.destroyed) {
      response.writeHead(wire.status, headers);
      response.end(request.method === 'HEAD' ? undefined : wire.body);
    }
    if (unread) response.once('finish', () => request.socket.end());
    log?.(
      formatRequestLog({
        method: request.method ?? '',
        path: pathOnly,
        operation: operationOf(pathOnly, headerOf(request, 'x-amz-target')),
        status: wire.status,
        ms: performance.now() - started,
        ...(options.logDetails
          ? {
              requestId: wire.headers['x-amzn-RequestId'],
              errorType: wire.headers['x-amzn-ErrorType'],
            }
          : {}),
      }),
    );
  }

  const server = createServer(
    { requestTimeout: 60_000, headersTimeout: 30_000 },
    (request, response) => {
      void serve(request, response);
    },
  );
  // HTTP that Node's parser refuses (conflicting Content-Length and chunked, bad chunk
  // sizes, oversized headers) gets an AWS JSON error like any other bad request.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const wire = awsErrorResponse(
      'SerializationException',
      tooLarge
        ? 'The request headers are larger than this endpoint reads.'
        : `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}).`,
      tooLarge ? 431 : 400,
    );
    // A socket on which no response has started can take one (the parser may fail in the
    // middle of a body, after the request handler began).
    const pending = (socket as { _httpMessage?: ServerResponse })._httpMessage;
    if (socket.writable && !pending?.headersSent) {
      const body = Buffer.from(wire.body as string);
      const headers = {
        ...wire.headers,
        'Content-Length': String(body.length),
        Connection: 'close',
      };
      const head = Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\r\n');
      const reason = tooLarge ? 'Request Header Fields Too Large' : 'Bad Request';
      socket.end(`HTTP/1.1 ${wire.status} ${reason}\r\n${head}\r\n\r\n${body}`);
    } else socket.destroy();
    log?.(
      formatRequestLog({
        method: '-',
        path: '-',
        operation: undefined,
        status: wire.status,
        ms: 0,
      }),
    );
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    partition.close();
    await threaded.close();
    await fileStore?.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  if (!credentials && !isLoopback(address.address))
    warn(
      `listening on ${address.address}, which other machines can reach, without --credentials: anyone who reaches port ${address.port} can use and delete every key. Pass --credentials FILE, or --host 127.0.0.1.`,
    );

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(
        () => server.closeAllConnections(),
        options.closeTimeoutMs ?? 10_000,
      );
      await done;
      clearTimeout(timer);
      partition.close();
      await threaded.close();
      await fileStore?.close();
    })();
    return closed;
  };

  return {
    url: `http://${host}:${address.port}`,
    host: address.address,
    port: address.port,
    region,
    dataFile: fileStore?.path,
    seeded,
    close,
  };
}

const isLoopback = (address: string) =>
  address === '::1' || address.startsWith('127.') || address === '::ffff:127.0.0.1';

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
