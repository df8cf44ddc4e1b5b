import { rememberPair, type SessionPair } from '../../crypto/session-pairs';
import { callCrypto } from '../../crypto/worker-client';
import type { HistoryRecord } from '../../kms/history-types';
import { originOf, pairLabel, specNameFor } from '../../kms/pair-origin';
import { fromUtf8, toBase64 } from '../../lib/bytes';
import type { DecryptDraft } from '../../state/ui-slice';

/**
 * The pair of a history entry, public key only, for "Use the pair". A Decrypt entry's pair
 * is named after the entry that generated it, as on Decrypt.
 */
export async function pairFromHistory(
  record: HistoryRecord,
  history: readonly HistoryRecord[],
): Promise<SessionPair> {
  if (!record.publicKey) throw new Error(`History entry #${record.id} has no public key.`);
  const { spec } = await callCrypto('describePublicKey', record.publicKey);
  const origin = originOf(record, history);
  return rememberPair({
    id: crypto.randomUUID(),
    label: pairLabel(origin, specNameFor(origin.operation, spec)),
    spec,
    publicKey: record.publicKey,
    historyId: origin.id,
  });
}

/** A history entry's blob with the context (or Aad) it was made with, for Decrypt. */
export function decryptDraftOf(record: HistoryRecord): Omit<DecryptDraft, 'serial'> {
  return {
    blobBase64: toBase64(record.privateKeyCiphertextBlob as Uint8Array),
    encryptionContext: record.encryptionContext,
    aadText: record.aad ? fromUtf8(record.aad) : undefined,
  };
}
