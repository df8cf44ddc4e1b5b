import { ADVANCE_TO_DATA_KEY_PAIR_SPEC, type SupportedDataKeyPairSpec } from '@kms-lab/core';
import { equalBytes } from '../lib/bytes';
import { generatedAPair } from './history-queries';
import type { HistoryRecord } from './history-types';

/**
 * Where a data key pair came from, for the Decrypt screen's match and the labels of "Use the
 * pair": always the history entry that generated the pair, never a later Decrypt of it (a
 * Decrypt entry carries the same public key, and is newer).
 */

/** The entry that generated the pair of this public key (DER SPKI), if the history has it. */
export function generatingEntry(
  history: readonly HistoryRecord[],
  publicKey: Uint8Array,
): HistoryRecord | undefined {
  return history.find(
    (record) => generatedAPair(record) && equalBytes(record.publicKey as Uint8Array, publicKey),
  );
}

/** The entry a pair is named after: the generating entry a Decrypt matched, else the entry. */
export function originOf(record: HistoryRecord, history: readonly HistoryRecord[]): HistoryRecord {
  if (record.matchedHistoryId === undefined) return record;
  return history.find((each) => each.id === record.matchedHistoryId) ?? record;
}

/** A pair's label in the "Key pair" select: `<spec> · <operation> · #<history id>`. */
export function pairLabel(record: HistoryRecord, fallbackSpec: string): string {
  return `${record.keyPairSpec ?? fallbackSpec} · ${record.operation} · #${record.id}`;
}

const ALIBABA_NAMES = new Map(
  Object.entries(ADVANCE_TO_DATA_KEY_PAIR_SPEC).map(([alibaba, aws]) => [aws as string, alibaba]),
);

/**
 * A key pair spec as the operation's API names it: Alibaba's (EC_P256K…) for the Advance
 * operations, AWS's (ECC_SECG_P256K1…) otherwise. A spec Alibaba has no name for keeps AWS's.
 */
export function specNameFor(operation: string, spec: SupportedDataKeyPairSpec): string {
  return operation.startsWith('Advance') ? (ALIBABA_NAMES.get(spec) ?? spec) : spec;
}
