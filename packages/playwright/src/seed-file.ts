/**
 * The `kmsSeed` option: a seed file's path, its text, or the parsed seed. Page mode hands
 * it to `createKms({ seed })`; server mode needs a file for `kms-lab serve --seed`, so a
 * seed given as text or an object is written to a temporary file first.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { KmsSeed } from '@kms-lab/core';

/**
 * A seed for the fixtures: `{ file: 'path/to/seed.yaml' }` (relative to the Playwright
 * config file's directory), or the seed itself as YAML or JSON text or an object.
 */
export type KmsLabSeed = { readonly file: string } | KmsSeed;

const isFileSeed = (seed: KmsLabSeed): seed is { readonly file: string } =>
  typeof seed === 'object' && Object.keys(seed).length === 1 && typeof seed.file === 'string';

/** A `{ file }` seed's path made absolute from the config file's directory. */
export function resolveSeedFile(
  seed: KmsLabSeed | undefined,
  configFile: string | undefined,
): KmsLabSeed | undefined {
  if (seed === undefined || !isFileSeed(seed)) return seed;
  return { file: resolve(configFile ? dirname(configFile) : process.cwd(), seed.file) };
}

/** Refuses a file that cannot be read, naming it; never quotes its content (key material). */
async function readSeedFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `@kms-lab/playwright: cannot read the kmsSeed file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}.`,
    );
  }
}

/** The seed as createKms takes it. */
export async function seedForEngine(seed: KmsLabSeed | undefined): Promise<KmsSeed | undefined> {
  if (seed === undefined) return undefined;
  return isFileSeed(seed) ? readSeedFile(seed.file) : seed;
}

/** A file `kms-lab serve --seed` can read, and how to remove it if it was made here. */
export async function seedFileForServer(
  seed: KmsLabSeed | undefined,
): Promise<{ path: string | undefined; remove(): Promise<void> }> {
  if (seed === undefined || isFileSeed(seed))
    return { path: seed?.file, remove: () => Promise.resolve() };
  const directory = await mkdtemp(join(tmpdir(), 'kms-lab-playwright-'));
  const path = join(directory, 'seed.json');
  // mode 0600: the seed holds key material.
  await writeFile(path, typeof seed === 'string' ? seed : JSON.stringify(seed), { mode: 0o600 });
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}
