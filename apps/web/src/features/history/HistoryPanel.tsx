import { useState } from 'react';
import { rememberPair } from '../../crypto/session-pairs';
import { callCrypto } from '../../crypto/worker-client';
import type { HistoryRecord } from '../../kms/history-types';
import { fromUtf8, toBase64 } from '../../lib/bytes';
import { download } from '../../lib/download';
import { formatDate, shortId } from '../../lib/format';
import { toPem } from '../../lib/pem';
import { useLab } from '../../state/store';

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
      const pair = rememberPair({
        id: crypto.randomUUID(),
        label: `${record.keyPairSpec ?? spec} · ${record.operation} · #${record.id}`,
        spec,
        publicKey: record.publicKey,
        historyId: record.id,
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
          <div className="table-scroll">
            <table className="history-table">
              <caption>History ({history.length})</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When (app clock)</th>
                  <th scope="col">Operation</th>
                  <th scope="col">Spec</th>
                  <th scope="col">Master key</th>
                  <th scope="col">Context / Aad</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {history.map((record) => (
                  <tr key={record.id} data-testid="history-row" data-history-id={record.id}>
                    <td>{record.id}</td>
                    <td>{formatDate(record.at)}</td>
                    <td data-testid="history-operation">{record.operation}</td>
                    <td data-testid="history-spec">{record.keyPairSpec ?? '—'}</td>
                    <td>
                      <code title={record.keyId}>
                        {record.keyId ? shortId(record.keyId.replace(/^.*key\//, '')) : '—'}
                      </code>
                    </td>
                    <td className="wrap">
                      {record.encryptionContext
                        ? JSON.stringify(record.encryptionContext)
                        : record.aad
                          ? `Aad "${fromUtf8(record.aad)}"`
                          : '—'}
                    </td>
                    <td>
                      {record.errorName ? (
                        <code className="bad">{record.errorName}</code>
                      ) : record.matchedHistoryId !== undefined ? (
                        `matches #${record.matchedHistoryId}`
                      ) : (
                        'ok'
                      )}
                    </td>
                    <td className="actions">
                      {record.privateKeyCiphertextBlob && !record.errorName && (
                        <button
                          type="button"
                          onClick={() =>
                            openDecrypt({
                              blobBase64: toBase64(record.privateKeyCiphertextBlob as Uint8Array),
                              encryptionContext: record.encryptionContext,
                              aadText: record.aad ? fromUtf8(record.aad) : undefined,
                            })
                          }
                        >
                          Decrypt entry #{record.id}
                        </button>
                      )}
                      {record.publicKey && (
                        <>
                          <button type="button" onClick={() => void use(record)}>
                            Use entry #{record.id}
                          </button>
                          <button
                            type="button"
                            onClick={() =>
                              download(
                                `public-key-${record.id}.pem`,
                                toPem(record.publicKey as Uint8Array, 'PUBLIC KEY'),
                              )
                            }
                          >
                            Download public key #{record.id}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
