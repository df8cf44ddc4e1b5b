import { useState } from 'react';
import { rememberPair } from '../../crypto/session-pairs';
import { callCrypto } from '../../crypto/worker-client';
import type { HistoryRecord } from '../../kms/history-types';
import { originOf, pairLabel, specNameFor } from '../../kms/pair-origin';
import { fromUtf8, toBase64 } from '../../lib/bytes';
import { download } from '../../lib/download';
import { toPem } from '../../lib/pem';
import { useLab } from '../../state/store';
import { HistoryTable } from './HistoryTable';

/** Every data key operation of this browser: public keys and ciphertexts, never a private key. */
export default function HistoryPanel() {
  const history = useLab((state) => state.history);
  const clearHistory = useLab((state) => state.clearHistory);
  const openDecrypt = useLab((state) => state.openDecrypt);
  const openUse = useLab((state) => state.openUse);
  const [failure, setFailure] = useState<string>();

  async function use(record: HistoryRecord) {
    if (!record.publicKey) return;
    setFailure(undefined);
    try {
      const { spec } = await callCrypto('describePublicKey', record.publicKey);
      // A Decrypt entry's pair is named after the entry that generated it, as on Decrypt.
      const origin = originOf(record, history);
      const pair = rememberPair({
        id: crypto.randomUUID(),
        label: pairLabel(origin, specNameFor(origin.operation, spec)),
        spec,
        publicKey: record.publicKey,
        historyId: origin.id,
      });
      openUse(pair.id);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div className="history-panel">
      <h2>History</h2>
      <p className="lead">
        What this browser asked KMS Lab, kept in IndexedDB: public keys and encrypted private keys
        only. Every tab of KMS Lab shares it.
      </p>
      {failure && (
        <p role="alert" className="notice failure">
          {failure}
        </p>
      )}
      {history.length === 0 ? (
        <p className="empty" data-testid="no-history">
          Nothing yet: generate a data key pair.
        </p>
      ) : (
        <>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void clearHistory()}>
              Clear history
            </button>
          </div>
          <HistoryTable
            history={history}
            actions={{
              decrypt: (record) =>
                openDecrypt({
                  blobBase64: toBase64(record.privateKeyCiphertextBlob as Uint8Array),
                  encryptionContext: record.encryptionContext,
                  aadText: record.aad ? fromUtf8(record.aad) : undefined,
                }),
              use: (record) => void use(record),
              downloadPublicKey: (record) =>
                download(
                  `public-key-${record.id}.pem`,
                  toPem(record.publicKey as Uint8Array, 'PUBLIC KEY'),
                ),
            }}
          />
        </>
      )}
    </div>
  );
}
