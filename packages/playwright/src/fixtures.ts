/**
 * The `kms` fixture: each test gets a KMS, either in the page (Playwright routes the page's
 * requests to the endpoint URL to a fresh, seeded engine in the test's process: no server
 * runs) or as its worker's `kms-lab serve` child process on a free port. Either way the test
 * reaches the same KMS the page does, through `kms.client()`, and in page mode through the
 * engine itself (`kms.engine`).
 */
import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { createKms, createKmsRequestHandler, type Kms } from '@kms-lab/core';
import {
  test as base,
  type Fixtures,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
} from '@playwright/test';
import { routeKmsEndpoint } from './page-route.js';
import { type KmsLabSeed, resolveSeedFile, seedFileForServer, seedForEngine } from './seed-file.js';
import { type KmsServerProcess, startKmsServer } from './server-process.js';

export type KmsMode = 'page' | 'server';

/** What `test.use()` sets. */
export interface KmsLabTestOptions {
  /** `page` (the default): routed to an engine per test; `server`: the worker's kms-lab serve. */
  kmsMode: KmsMode;
  /** Page mode: the URL the app under test calls, routed to the engine. */
  kmsEndpoint: string;
}

/** Worker options: a worker's server is started with them. */
export interface KmsLabWorkerOptions {
  /**
   * Keys and aliases to create first (docs/seed.md): `{ file }` (relative to the config
   * file's directory), YAML or JSON text, or the parsed object.
   */
  kmsSeed: KmsLabSeed | undefined;
  /** The default Region: the engine's, the server's and the clients'. */
  kmsRegion: string;
  kmsAccountId: string;
}

/** The test's KMS. */
export interface KmsLab {
  readonly mode: KmsMode;
  /** Where the page's SDK should send requests: kmsEndpoint, or the server's URL. */
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  /** Any values work (signatures are not checked), but SDKs need some. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /**
   * Page mode: the engine answering the page, to assert on keys directly. Server mode has
   * none in the test's process (the server is another process): reading it throws.
   */
  readonly engine: Kms;
  /** An AWS SDK client of the same KMS the page uses; destroyed when the test ends. */
  client(config?: KMSClientConfig): KMSClient;
}

export interface KmsLabTestFixtures extends KmsLabTestOptions {
  kms: KmsLab;
}

export interface KmsLabWorkerFixtures extends KmsLabWorkerOptions {
  /** Starts the worker's server the first time a server-mode test asks for it. */
  kmsServer: () => Promise<KmsServerProcess>;
}

/** What `kms-lab serve` prints; copy it before handing it to an SDK, which marks it. */
export const KMS_LAB_CREDENTIALS: {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
} = { accessKeyId: 'kmslab', secretAccessKey: 'kmslab' };

/** The fixtures, for `base.extend(kmsFixtures)` on a `test` of your own (or use mergeTests). */
export const kmsFixtures: Fixtures<
  KmsLabTestFixtures,
  KmsLabWorkerFixtures,
  PlaywrightTestArgs & PlaywrightTestOptions,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions
> = {
  kmsMode: ['page', { option: true }],
  kmsEndpoint: ['https://kms.us-east-1.amazonaws.com', { option: true }],
  kmsSeed: [undefined, { option: true, scope: 'worker' }],
  kmsRegion: ['us-east-1', { option: true, scope: 'worker' }],
  kmsAccountId: ['111122223333', { option: true, scope: 'worker' }],

  kmsServer: [
    async ({ kmsSeed, kmsRegion, kmsAccountId }, use, workerInfo) => {
      let started: Promise<KmsServerProcess> | undefined;
      let removeSeedFile = () => Promise.resolve();
      const seed = resolveSeedFile(kmsSeed, workerInfo.config.configFile);
      await use(() => {
        started ??= seedFileForServer(seed).then((seedFile) => {
          removeSeedFile = seedFile.remove;
          return startKmsServer({
            seedFile: seedFile.path,
            region: kmsRegion,
            accountId: kmsAccountId,
          });
        });
        return started;
      });
      if (started) await (await started.catch(() => undefined))?.stop();
      await removeSeedFile();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  kms: async (
    { kmsMode, kmsEndpoint, kmsSeed, kmsRegion, kmsAccountId, kmsServer, context },
    use,
    testInfo,
  ) => {
    const clients: KMSClient[] = [];
    let engine: Kms | undefined;
    let endpoint: string;
    let unroute = () => Promise.resolve();
    if (kmsMode === 'page') {
      engine = createKms({
        seed: await seedForEngine(resolveSeedFile(kmsSeed, testInfo.config.configFile)),
        region: kmsRegion,
        accountId: kmsAccountId,
      });
      await engine.seeded();
      endpoint = kmsEndpoint;
      unroute = await routeKmsEndpoint(context, kmsEndpoint, engine);
    } else if (kmsMode === 'server') {
      endpoint = (await kmsServer()).url;
    } else {
      throw new Error(
        `@kms-lab/playwright: kmsMode must be 'page' or 'server'; it is '${kmsMode}'.`,
      );
    }
    const pageEngine = engine;
    await use({
      mode: kmsMode,
      endpoint,
      region: kmsRegion,
      accountId: kmsAccountId,
      credentials: { ...KMS_LAB_CREDENTIALS },
      get engine(): Kms {
        if (!pageEngine)
          throw new Error(
            "@kms-lab/playwright: kms.engine is page mode's; in server mode the engine runs in the kms-lab serve process: use kms.client().",
          );
        return pageEngine;
      },
      client(config = {}) {
        const client = new KMSClient({
          region: kmsRegion,
          // A copy: the SDK writes to the credentials object it is given.
          credentials: { ...KMS_LAB_CREDENTIALS },
          endpoint,
          ...(pageEngine ? { requestHandler: createKmsRequestHandler(pageEngine) } : {}),
          ...config,
        });
        clients.push(client);
        return client;
      },
    });
    for (const client of clients) client.destroy();
    await unroute();
    engine?.close();
  },
};

/** Playwright's `test` with the `kms` fixture and its options. */
export const test = base.extend<KmsLabTestFixtures, KmsLabWorkerFixtures>(kmsFixtures);
