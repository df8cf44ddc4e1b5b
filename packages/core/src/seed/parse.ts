/**
 * A seed, as text (YAML or JSON) or as an already parsed object, in KMS Lab's format or
 * local-kms's, checked into a SeedPlan. Everything here is synchronous and does no
 * cryptography beyond reading keys, so a bad seed is refused before anything is stored.
 */
import { parse as parseYaml } from 'yaml';
import { readKmsLabSeed, SEED_FORMAT, type SeedPlan } from './kms-lab-seed.js';
import { fromLocalKmsSeed, isLocalKmsSeed } from './local-kms.js';
import { isObject, type Json, SeedError } from './reader.js';

/** A seed: YAML or JSON text, or the parsed document. */
export type KmsSeed = string | Readonly<Record<string, unknown>>;

const MAX_SEED_CHARACTERS = 16 * 1024 * 1024;

export function parseSeed(seed: KmsSeed): SeedPlan {
  const document = typeof seed === 'string' ? parseText(seed) : seed;
  if (!isObject(document))
    throw new SeedError('Seed: the document must be an object (a YAML mapping or a JSON object).');
  if (document.Format !== undefined) return readKmsLabSeed(document as Json);
  if (!isLocalKmsSeed(document as Json))
    throw new SeedError(
      `Seed: the document has neither "Format": "${SEED_FORMAT}" (KMS Lab's seed format) nor local-kms's Keys or Aliases.`,
    );
  const { document: converted, families, places } = fromLocalKmsSeed(document as Json);
  const plan = readKmsLabSeed(converted, places);
  for (const { keyId, family, where } of families) {
    const spec = plan.keys.find((key) => key.keyId === keyId)?.keySpec ?? '';
    if ((family === 'Rsa') !== spec.startsWith('RSA_'))
      throw new SeedError(
        `Seed: ${where} (key ${keyId}): PrivateKeyPem holds a ${spec} key, which does not belong under ${family}.`,
      );
  }
  return plan;
}

function parseText(text: string): unknown {
  if (text.length > MAX_SEED_CHARACTERS)
    throw new SeedError('Seed: the file is larger than 16 MiB.');
  try {
    // JSON is YAML 1.2; the yaml package reads both, with line and column in its errors.
    return parseYaml(text, { version: '1.2', uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new SeedError(`Seed: not valid YAML or JSON: ${reason}`);
  }
}

export {
  SEED_FORMAT,
  type SeedAliasPlan,
  type SeedKeyPlan,
  type SeedPlan,
} from './kms-lab-seed.js';
export { SeedError } from './reader.js';
