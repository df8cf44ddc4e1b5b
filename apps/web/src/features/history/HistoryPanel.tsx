import { useState } from 'react';
import type { HistoryRecord } from '../../kms/history-types';
import { download } from '../../lib/download';
import { toPem } from '../../lib/pem';
import { useLab } from '../../state/store';
import { NextStep } from '../shared/NextStep';
import { decryptDraftOf, pairFromHistory } from '../shared/pair-from-history';
import { HistoryTable } from './HistoryTable';
import { LabFileSection } from './LabFileSection';
import { SeedFileSection } from './SeedFileSection';

/** Every data key operation of this browser: public keys and ciphertexts, never a private key. */
export default function HistoryPanel() {
  const history = useLab((state) => state.history);
  const clearHistory = useLab((state) => state.clearHistory);
  const openDecrypt = useLab((state) => state.openDecrypt);
  const openUse = useLab((state) => state.openUse);
  const setView = useLab((state) => state.setView);
  const [failure, setFailure] = useState<string>();

  async function use(record: HistoryRecord) {
    if (!record.publicKey) return;
    setFailure(undefined);
    try {
      openUse((await pairFromHistory(record, history)).id);
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
        <NextStep
          testId="next-step"
          actions={
            <button type="button" className="primary" onClick={() => setView('generate')}>
              Open the Generate screen
            </button>
          }
        >
          <span className="empty" data-testid="no-history">
            Nothing yet: generate a data key pair.
          </span>{' '}
          Every request for a data key pair, and every Decrypt, is listed here with its public key
          and encrypted private key (never a plaintext private key).
        </NextStep>
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
              decrypt: (record) => openDecrypt(decryptDraftOf(record)),
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
      <LabFileSection />
      <SeedFileSection />
    </div>
  );
}
