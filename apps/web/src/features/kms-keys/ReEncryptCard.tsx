import type { EncryptionAlgorithmSpec, ReEncryptCommandInput } from '@kms-lab/core';
import { useId } from 'react';
import { FailureNotice } from '../../errors/FailureNotice';
import type { HistoryRecord } from '../../kms/history-types';
import { toBase64 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import { BytesField } from '../../output/BytesField';
import { useLab } from '../../state/store';
import { Busy } from '../shared/Busy';
import { ContextEditor, type ContextPair, contextOf, pairsOf } from '../shared/ContextEditor';
import { MasterKeyInput } from '../shared/MasterKeyInput';
import { encryptionAlgorithmsOf, preferredEncryption } from './algorithms';
import { CardSnippets } from './CardSnippets';
import { canEncrypt, findKey } from './key-ref';
import { readBase64, useKmsCall } from './use-kms-call';

interface ReEncryptResult {
  blob: Uint8Array;
  sourceKeyId: string;
  keyId: string;
  sourceAlgorithm: string;
  destinationAlgorithm: string;
  destinationKeyMaterialId: string | undefined;
  destinationContext: Record<string, string> | undefined;
}

const MEMORY = 'kms.reEncrypt';

/** AWS ciphertexts this card can take from the History screen (Alibaba's use Aad). */
const reEncryptable = (record: HistoryRecord) =>
  record.privateKeyCiphertextBlob !== undefined && !record.operation.startsWith('Advance');

/** An algorithm select whose options follow the key the form names. */
function AlgorithmSelect({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly EncryptionAlgorithmSpec[];
  value: EncryptionAlgorithmSpec;
  onChange: (value: EncryptionAlgorithmSpec) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as EncryptionAlgorithmSpec)}
      >
        {options.map((each) => (
          <option key={each}>{each}</option>
        ))}
      </select>
    </div>
  );
}

/** The chosen algorithm while the key allows it; the key's preferred one otherwise. */
function effective(chosen: EncryptionAlgorithmSpec, options: readonly EncryptionAlgorithmSpec[]) {
  return options.includes(chosen) ? chosen : (preferredEncryption(options) ?? chosen);
}

/**
 * ReEncrypt: decrypts under the source key and encrypts under the destination key inside
 * KMS, so the plaintext (here, a data key pair's private key) is never seen by the caller.
 */
export function ReEncryptCard() {
  const keys = useLab((state) => state.keys);
  const history = useLab((state) => state.history).filter(reEncryptable);
  const openDecrypt = useLab((state) => state.openDecrypt);
  const [blobText, setBlobText] = useRemembered(`${MEMORY}.blob`, '');
  const [sourceRef, setSourceRef] = useRemembered(`${MEMORY}.source`, '');
  const [sourceChoice, setSourceChoice] = useRemembered<EncryptionAlgorithmSpec>(
    `${MEMORY}.sourceAlgorithm`,
    'SYMMETRIC_DEFAULT',
  );
  const [sourcePairs, setSourcePairs] = useRemembered<ContextPair[]>(`${MEMORY}.sourcePairs`, []);
  const [destinationRef, setDestinationRef] = useRemembered(`${MEMORY}.destination`, '');
  const [destinationChoice, setDestinationChoice] = useRemembered<EncryptionAlgorithmSpec>(
    `${MEMORY}.destinationAlgorithm`,
    'SYMMETRIC_DEFAULT',
  );
  const [destinationPairs, setDestinationPairs] = useRemembered<ContextPair[]>(
    `${MEMORY}.destinationPairs`,
    [],
  );
  const [result, setResult] = useRemembered<ReEncryptResult | undefined>(
    `${MEMORY}.out`,
    undefined,
  );
  const call = useKmsCall(`${MEMORY}.failure`);
  const ids = { heading: useId(), history: useId(), blob: useId() };

  // A ciphertext without a named source key must be symmetric: only those name their key.
  const sourceOptions = sourceRef.trim()
    ? encryptionAlgorithmsOf(findKey(keys, sourceRef)?.keySpec)
    : encryptionAlgorithmsOf('SYMMETRIC_DEFAULT');
  const sourceAlgorithm = effective(sourceChoice, sourceOptions);
  const destinationAlgorithm = effective(
    destinationChoice,
    encryptionAlgorithmsOf(findKey(keys, destinationRef)?.keySpec),
  );
  const sourceSymmetric = sourceAlgorithm === 'SYMMETRIC_DEFAULT';
  const destinationSymmetric = destinationAlgorithm === 'SYMMETRIC_DEFAULT';
  const sourceContext = sourceSymmetric ? contextOf(sourcePairs) : undefined;
  const destinationContext = destinationSymmetric ? contextOf(destinationPairs) : undefined;

  function takeFromHistory(id: string) {
    const record = history.find((each) => String(each.id) === id);
    if (!record?.privateKeyCiphertextBlob) return;
    setBlobText(toBase64(record.privateKeyCiphertextBlob));
    setSourceRef('');
    setSourceChoice('SYMMETRIC_DEFAULT');
    setSourcePairs(pairsOf(record.encryptionContext));
    setResult(undefined);
  }

  function reEncrypt() {
    setResult(undefined);
    void call.run(async (kms) => {
      const request: ReEncryptCommandInput = {
        CiphertextBlob: readBase64(blobText, 'The ciphertext'),
        SourceKeyId: sourceRef.trim() || undefined,
        SourceEncryptionAlgorithm: sourceAlgorithm,
        SourceEncryptionContext: sourceContext,
        DestinationKeyId: destinationRef.trim(),
        DestinationEncryptionAlgorithm: destinationAlgorithm,
        DestinationEncryptionContext: destinationContext,
      };
      const response = await kms.reEncrypt(request);
      setResult({
        blob: response.CiphertextBlob as Uint8Array,
        sourceKeyId: response.SourceKeyId ?? '',
        keyId: response.KeyId ?? '',
        sourceAlgorithm: response.SourceEncryptionAlgorithm ?? '',
        destinationAlgorithm: response.DestinationEncryptionAlgorithm ?? '',
        destinationKeyMaterialId: response.DestinationKeyMaterialId,
        destinationContext,
      });
    });
  }

  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>Re-encrypt a ciphertext</h3>
      <p className="muted">
        Moves a ciphertext under another KMS key in one request: KMS decrypts with the source key
        and encrypts with the destination key, and the plaintext never leaves KMS. Try it on a data
        key pair&apos;s PrivateKeyCiphertextBlob.
      </p>
      <div className="field">
        <label htmlFor={ids.history}>Blob from the history</label>
        <select id={ids.history} value="" onChange={(event) => takeFromHistory(event.target.value)}>
          <option value="">
            {history.length === 0 ? 'No blob in the history yet' : 'Choose an entry to fill in'}
          </option>
          {history.map((record) => (
            <option key={record.id} value={String(record.id)}>
              #{record.id} · {record.keyPairSpec} · {record.operation}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.blob}>Ciphertext to re-encrypt (base64)</label>
        <textarea
          id={ids.blob}
          rows={3}
          value={blobText}
          spellCheck={false}
          onChange={(event) => setBlobText(event.target.value)}
        />
      </div>
      <fieldset className="context-editor">
        <legend>Source</legend>
        <MasterKeyInput
          label="Source key (only for RSA or SM2 ciphertexts)"
          value={sourceRef}
          onChange={setSourceRef}
          suggest={canEncrypt}
          placeholder="empty: the blob names its key"
        />
        <AlgorithmSelect
          label="Source encryption algorithm"
          options={sourceOptions}
          value={sourceAlgorithm}
          onChange={setSourceChoice}
        />
        {sourceSymmetric && (
          <ContextEditor
            pairs={sourcePairs}
            onChange={setSourcePairs}
            name="source context"
            legend="Source encryption context"
          />
        )}
      </fieldset>
      <fieldset className="context-editor">
        <legend>Destination</legend>
        <MasterKeyInput
          label="Destination key"
          value={destinationRef}
          onChange={setDestinationRef}
          suggest={canEncrypt}
        />
        <AlgorithmSelect
          label="Destination encryption algorithm"
          options={encryptionAlgorithmsOf(findKey(keys, destinationRef)?.keySpec)}
          value={destinationAlgorithm}
          onChange={setDestinationChoice}
        />
        {destinationSymmetric && (
          <ContextEditor
            pairs={destinationPairs}
            onChange={setDestinationPairs}
            name="destination context"
            legend="Destination encryption context"
          />
        )}
      </fieldset>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={reEncrypt}
          disabled={call.busy || blobText.trim() === ''}
        >
          Re-encrypt
        </button>
      </div>
      {call.busy && <Busy label="Waiting for KMS Lab" />}
      {call.failure && <FailureNotice failure={call.failure} />}
      {result && (
        <ReEncryptOutput
          result={result}
          onDecrypt={() =>
            openDecrypt({
              blobBase64: toBase64(result.blob),
              encryptionContext: result.destinationContext,
            })
          }
        />
      )}
      <CardSnippets
        operation="ReEncrypt"
        input={{
          CiphertextBlob: { base64: blobText.replace(/\s/g, '') },
          SourceKeyId: sourceRef.trim() || undefined,
          SourceEncryptionAlgorithm: sourceAlgorithm,
          SourceEncryptionContext: sourceContext,
          DestinationKeyId: destinationRef.trim(),
          DestinationEncryptionAlgorithm: destinationAlgorithm,
          DestinationEncryptionContext: destinationContext,
        }}
      />
    </section>
  );
}

function ReEncryptOutput({
  result,
  onDecrypt,
}: {
  result: ReEncryptResult;
  onDecrypt: () => void;
}) {
  const headingId = useId();
  const symmetric = result.destinationAlgorithm === 'SYMMETRIC_DEFAULT';
  return (
    <section aria-labelledby={headingId} className="response">
      <h4 id={headingId}>ReEncrypt response</h4>
      <dl className="facts">
        <dt>SourceKeyId</dt>
        <dd data-testid="reencrypt-source-key-id">{result.sourceKeyId}</dd>
        <dt>KeyId</dt>
        <dd data-testid="reencrypt-key-id">{result.keyId}</dd>
        <dt>Algorithms</dt>
        <dd>
          {result.sourceAlgorithm} → {result.destinationAlgorithm}
        </dd>
        {result.destinationKeyMaterialId && (
          <>
            <dt>DestinationKeyMaterialId</dt>
            <dd>{result.destinationKeyMaterialId}</dd>
          </>
        )}
      </dl>
      {symmetric ? (
        <div className="actions">
          <button type="button" onClick={onDecrypt}>
            Decrypt this blob
          </button>
        </div>
      ) : (
        <p className="muted">
          An RSA or SM2 ciphertext: decrypt it on this screen with the destination key.
        </p>
      )}
      <BytesField
        field="CiphertextBlob"
        bytes={result.blob}
        fileBase="reencrypted-ciphertext"
        plain={!symmetric}
      />
    </section>
  );
}
