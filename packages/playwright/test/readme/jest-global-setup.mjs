// jest.config.js: { globalSetup: './jest-global-setup.mjs', globalTeardown: './jest-global-teardown.mjs' }
import { loadSeedFile, startServer } from '@kms-lab/server';

export default async function globalSetup() {
  const server = await startServer({
    port: 0,
    memory: true,
    log: false,
    seed: await loadSeedFile('test/seed.yaml'),
  });
  // Tests read it (new KMSClient({ endpoint: process.env.KMS_ENDPOINT, ... })); the
  // teardown, which runs in this same context, stops the server.
  process.env.KMS_ENDPOINT = server.url;
  globalThis.kmsLabServer = server;
}
