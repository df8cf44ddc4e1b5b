import { equalBytes } from '../lib/bytes';
import type { HistoryRecord } from './history-types';

/**
 * Questions asked of the history by the screens and the tour. No engine code here: the tour
 * loads with the page, and @kms-lab/core must stay out of the start bundle.
 */

/** Whether the entry made a key pair: a successful Generate… or AdvanceGenerate… operation. */
export function generatedAPair(record: HistoryRecord): boolean {
  return /Generate/.test(record.operation) && !record.errorName && record.publicKey !== undefined;
}

/** The newest entry that generated a pair (the history is newest first). */
export function newestGeneratedPair(history: readonly HistoryRecord[]): HistoryRecord | undefined {
  return history.find(generatedAPair);
}

/** The newest successful entry holding a blob: what Decrypt can offer to open. */
export function newestBlob(history: readonly HistoryRecord[]): HistoryRecord | undefined {
  return history.find((record) => !record.errorName && record.privateKeyCiphertextBlob);
}

/**
 * A successful entry that made or opened this very blob, so its encryption context (or
 * Aad) is the one the blob was sealed with: the generating entry when the history has it.
 */
export function entryOfBlob(
  history: readonly HistoryRecord[],
  blob: Uint8Array,
): HistoryRecord | undefined {
  const same = history.filter(
    (record) =>
      !record.errorName &&
      record.privateKeyCiphertextBlob !== undefined &&
      equalBytes(record.privateKeyCiphertextBlob, blob),
  );
  return same.find(generatedAPair) ?? same[0];
}

/** The successful Decrypts that gave back the private key of the pair entry `pairId` made. */
export function decryptsOfPair(history: readonly HistoryRecord[], pairId: number): HistoryRecord[] {
  return history.filter((record) => !record.errorName && record.matchedHistoryId === pairId);
}
