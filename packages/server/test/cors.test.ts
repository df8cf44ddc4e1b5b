import {
  CreateKeyCommand,
  KMSClient,
  KMSServiceException,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  DUMMY_CREDENTIALS,
  directoryPerTest,
  spawnServer,
  testServer,
} from './support/server.js';

const directory = directoryPerTest();
const PAGE = 'http://localhost:5173';

/** The headers the AWS SDK for JavaScript v3 sends on a KMS request from a browser. */
const SDK_HEADERS =
  'authorization, content-type, x-amz-content-sha256, x-amz-date, x-amz-target, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request';

const preflight = (url: string, origin: string) =>
  fetch(`${url}/`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': SDK_HEADERS,
    },
  });

/** A KMSClient that sends `Origin` as a browser page would, and keeps the response headers. */
function browserLikeClient(url: string, origin: string) {
  const client = new KMSClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: 1,
  });
  const seen: Record<string, string>[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers.origin = origin;
      return next(args);
    },
    { step: 'build', name: 'browserOrigin' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        seen.push((result.response as { headers: Record<string, string> }).headers);
        return result;
      } catch (error) {
        const response = (error as { $response?: { headers: Record<string, string> } }).$response;
        if (response) seen.push(response.headers);
        throw error;
      }
    },
    { step: 'deserialize', name: 'keepHeaders' },
  );
  return { client, seen };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function corsServer(cors?: string[]) {
  const { server } = await testServer({ memory: true, ...(cors ? { cors } : {}) });
  closers.push(() => server.close());
  return server;
}

describe('--cors', () => {
  it('answers the SDK’s preflight for an allowed origin', async () => {
    const server = await corsServer([PAGE, 'https://app.example']);
    const response = await preflight(server.url, PAGE);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe(SDK_HEADERS);
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(await response.text()).toBe('');
  });

  it('serves the real SDK with Origin set and exposes x-amzn-requestid', async () => {
    const server = await corsServer([PAGE]);
    const { client, seen } = browserLikeClient(server.url, PAGE);
    const { KeyMetadata, $metadata } = await client.send(
      new CreateKeyCommand({ Description: 'cors' }),
    );
    client.destroy();
    expect(KeyMetadata?.Description).toBe('cors');
    expect($metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.['access-control-allow-origin']).toBe(PAGE);
    expect(seen[0]?.['access-control-expose-headers']).toContain('x-amzn-requestid');
    expect(seen[0]?.['access-control-expose-headers']).toContain('x-amzn-errortype');
  });

  it('refuses another origin’s preflight and request, before any key is touched', async () => {
    const server = await corsServer([PAGE]);
    const response = await preflight(server.url, 'http://evil.example');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toEqual({
      __type: 'AccessDeniedException',
      message:
        'The origin http://evil.example is not allowed to call this endpoint: start kms-lab with --cors http://evil.example (or KMS_LAB_CORS) to allow it.',
    });
    const { client } = browserLikeClient(server.url, 'http://evil.example');
    const error = await client.send(new CreateKeyCommand({})).catch((caught: unknown) => caught);
    client.destroy();
    expect(error).toBeInstanceOf(KMSServiceException);
    expect((error as KMSServiceException).name).toBe('AccessDeniedException');
    const { client: allowed } = browserLikeClient(server.url, PAGE);
    expect((await allowed.send(new ListKeysCommand({}))).Keys).toEqual([]);
    allowed.destroy();
  });

  it('is off by default: no CORS headers, and a preflight is not allowed', async () => {
    const server = await corsServer();
    const response = await preflight(server.url, PAGE);
    expect(response.status).toBe(405);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('* allows any origin; the bin takes the list from KMS_LAB_CORS', async () => {
    const any = await corsServer(['*']);
    expect(
      (await preflight(any.url, 'http://anything.example')).headers.get(
        'access-control-allow-origin',
      ),
    ).toBe('http://anything.example');
    const spawned = await spawnServer(
      ['serve', '--port', '0', '--memory'],
      directory.path,
      cleanEnv({ KMS_LAB_CORS: `${PAGE}, https://app.example` }),
    );
    expect((await preflight(spawned.url, 'https://app.example')).status).toBe(204);
    expect((await preflight(spawned.url, 'https://other.example')).status).toBe(403);
    expect(await spawned.stop()).toBe(0);
  });
});
