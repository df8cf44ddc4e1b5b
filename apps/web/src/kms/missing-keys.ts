import type { LabFileKey } from '../lab-file/format';
import type { KmsLabDb } from './db';

/**
 * Keys a lab file brought without their material (not exportable, asymmetric or HMAC, or a
 * file exported without master keys): their metadata and aliases are kept here, in the
 * meta store, not in the engine's key store, so KMS Lab knows why a blob under one cannot be
 * decrypted in this browser. Metadata only: nothing secret.
 */
export const MISSING_KEYS = 'missingKeys';

export interface MissingKey {
  /** As the lab file had it (materials listed by ID, no material). */
  key: LabFileKey;
  aliases: string[];
  importedAt: Date;
}

export async function readMissingKeys(db: Pick<KmsLabDb, 'get'>): Promise<MissingKey[]> {
  const record = await db.get('meta', MISSING_KEYS);
  return Array.isArray(record?.value) ? (record.value as MissingKey[]) : [];
}

/** Why a blob cannot be decrypted here, when its key came from a lab file without material. */
export function missingKeyExplanation(missing: MissingKey): string {
  const name = missing.aliases[0] ?? missing.key.keyId;
  const why =
    missing.key.keySpec !== 'SYMMETRIC_DEFAULT'
      ? 'an asymmetric or HMAC key never leaves the browser that made it'
      : missing.key.exportable
        ? 'the file was exported without master keys'
        : 'the key was not made exportable';
  return `This blob was made under ${name} (${missing.key.keyId}), which came from a lab file without its key material (${why}). Only the browser that made it, or a lab file exported there with master keys from an exportable key, can decrypt it.`;
}
