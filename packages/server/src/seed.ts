/**
 * `--seed FILE` (and KMS_LAB_SEED): the file is read here and handed to the engine, which
 * checks and applies it (`createKms({ seed })`, docs/seed.md). Messages name the file; they
 * never quote its content, which holds key material.
 */
import { readFile } from 'node:fs/promises';
import type { SeedResult } from '@kms-lab/core';

/** A seed file that cannot be read. */
export class SeedFileError extends Error {
  override readonly name = 'SeedFileError';
}

export async function loadSeedFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SeedFileError(
      `Cannot read the seed file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}.`,
    );
  }
}

const count = (items: readonly string[], noun: 'key' | 'alias') =>
  `${items.length} ${noun}${items.length === 1 ? '' : noun === 'key' ? 's' : 'es'}`;

/** One line saying what a seed did, e.g. "Seed s.yaml: created 2 keys and 1 alias." */
export function describeSeedResult(path: string, result: SeedResult): string {
  const kept =
    result.keysKept.length + result.aliasesKept.length === 0
      ? ''
      : `; ${count(result.keysKept, 'key')} and ${count(result.aliasesKept, 'alias')} existed already and were left alone`;
  return `Seed ${path}: created ${count(result.keysCreated, 'key')} and ${count(result.aliasesCreated, 'alias')}${kept}.`;
}
