import { fileURLToPath } from 'node:url';
import { loadSeedFile, startServer } from '@kms-lab/server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    kmsEndpoint: string;
  }
}

// One kms-lab server for the whole run, on a free port, keys in memory, seeded.
export default async function setup(project: TestProject) {
  const server = await startServer({
    port: 0,
    memory: true,
    log: false,
    seed: await loadSeedFile(fileURLToPath(new URL('./seed.yaml', import.meta.url))),
  });
  project.provide('kmsEndpoint', server.url);
  return () => server.close();
}
