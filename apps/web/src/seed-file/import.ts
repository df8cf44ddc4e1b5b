/**
 * "Import a seed file": a seed (local-kms's seed.yaml or KMS Lab's format, docs/seed.md)
 * applied to the tab's engine, as `kms-lab serve --seed` applies it at start: the keys and
 * aliases missing here are created, those already here are left alone. The engine reads
 * and checks the file (its YAML parser comes with it, in the engine's lazily loaded chunk)
 * and writes through the IndexedDB store, which keeps seeded material as non-extractable
 * CryptoKeys like every other key's.
 */
import type { SeedResult } from '@kms-lab/core';
import { getKms } from '../kms/runtime';
import { useLab } from '../state/store';

/** A seed file that cannot be used: the engine's message names the key and the field. */
export class SeedFileError extends Error {
  override readonly name = 'SeedFileError';
}

/** Larger than any seed a person writes; refused before it is read into memory. */
const MAX_SEED_FILE_BYTES = 16 * 1024 * 1024;

export async function importSeedFile(file: Blob): Promise<SeedResult> {
  if (file.size > MAX_SEED_FILE_BYTES)
    throw new SeedFileError('The seed file is larger than 16 MiB. Nothing was imported.');
  const text = await file.text();
  const kms = await getKms();
  let result: SeedResult;
  try {
    result = await kms.applySeed(text);
  } catch (error) {
    // SeedError: what was wrong, never the key material. Anything else is unexpected.
    if (error instanceof Error && error.name === 'SeedError')
      throw new SeedFileError(`${error.message.replace(/^Seed: /, '')} Nothing was imported.`);
    throw error;
  }
  const lab = useLab.getState();
  await Promise.all([lab.refreshKeys(), lab.refreshMissingKeys()]);
  return result;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The outcome in one sentence: what was created, and what was already here. */
export function describeSeedImport(result: SeedResult): string {
  const created = `Created ${plural(result.keysCreated.length, 'key', 'keys')}${list(result.keysCreated)} and ${plural(result.aliasesCreated.length, 'alias', 'aliases')}${list(result.aliasesCreated)}`;
  const keptCount = result.keysKept.length + result.aliasesKept.length;
  const kept =
    keptCount === 0
      ? ''
      : `; already here, left as they are: ${[...result.keysKept, ...result.aliasesKept].join(', ')}`;
  return `${created}${kept}.`;
}

const list = (items: readonly string[]) => (items.length === 0 ? '' : ` (${items.join(', ')})`);
