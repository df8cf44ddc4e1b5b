import type { EncryptionAlgorithmSpec, ReEncryptCommandInput } from '@kms-lab/core';
import { useId } from 'react';
import { readBase64 } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import type { HistoryRecord } from '../../kms/history-types';
import { toBase64 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import { Breakable } from '../../output/Breakable';
import { BytesField } from '../../output/BytesField';
import { useLab } from '../../state/store';
import { Busy } from '../shared/Busy';
import { ContextEditor, type ContextPair, contextOf, pairsOf } from '../shared/ContextEditor';
import { choiceAmong, NameSelect, TextAreaField } from '../shared/Fields';
import { MasterKeyInput } from '../shared/MasterKeyInput';
import { encryptionAlgorithmsOf, preferredEncryption } from './algorithms';
import { CardSnippets } from './CardSnippets';
import { canEncrypt, findKey } from './key-ref';
import { useKmsCall } from './use-kms-call';

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

/**
 * AWS ciphertexts this card can take from the History screen (Alibaba's use Aad), from the
 * entries of successful requests (a failed Decrypt's context is the one that did not work).
 */
const reEncryptable = (record: HistoryRecord) =>
  record.privateKeyCiphertextBlob !== undefined &&
  !record.operation.startsWith('Advance') &&
  !record.errorName;

type End = 'source' | 'destination';

/** The words that differ between the two ends' fields (the rest follow from the end's name). */
const KEY_INPUTS: Record<End, { label: string; placeholder?: string }> = {
  source: {
    label: 'Source key (only for RSA or SM2 ciphertexts)',
    placeholder: 'empty: the blob names its key',
  },
  destination: { label: 'Destination key' },
};

/**
 * One end of a ReEncrypt, remembered: the key named, the algorithm (among those the key
 * takes), and the encryption context of a symmetric key.
 */
function useEnd(end: End) {
  const keys = useLab((state) => state.keys);
  const [keyRef, setKeyRef] = useRemembered(`${MEMORY}.${end}`, '');
  const [pairs, setPairs] = useRemembered<ContextPair[]>(`${MEMORY}.${end}Pairs`, []);
  // A ciphertext without a named source key must be symmetric: only those name their key.
  const options = encryptionAlgorithmsOf(
    end === 'source' && !keyRef.trim() ? 'SYMMETRIC_DEFAULT' : findKey(keys, keyRef)?.keySpec,
  );
  // The key's preferred algorithm when it does not take the one chosen.
  const algorithm = choiceAmong(
    options,
    useRemembered<EncryptionAlgorithmSpec>(`${MEMORY}.${end}Algorithm`, 'SYMMETRIC_DEFAULT'),
    preferredEncryption(options),
  );
  const symmetric = algorithm.value === 'SYMMETRIC_DEFAULT';
  return {
    keyRef,
    setKeyRef,
    pairs,
    setPairs,
    algorithm,
    symmetric,
    context: symmetric ? contextOf(pairs) : undefined,
  };
}

/** One end's fields: key, algorithm, and the context when the algorithm is symmetric. */
function EndFields({ end, state }: { end: End; state: ReturnType<typeof useEnd> }) {
  const title = end === 'source' ? 'Source' : 'Destination';
  return (
    <fieldset className="context-editor">
      <legend>{title}</legend>
      <MasterKeyInput
        {...KEY_INPUTS[end]}
        value={state.keyRef}
        onChange={state.setKeyRef}
        suggest={canEncrypt}
      />
      <NameSelect label={`${title} encryption algorithm`} {...state.algorithm} />
      {state.symmetric && (
        <ContextEditor
          pairs={state.pairs}
          onChange={state.setPairs}
          name={`${end} context`}
          legend={`${title} encryption context`}
        />
      )}
    </fieldset>
  );
}

/**
 * ReEncrypt: decrypts under the source key and encrypts under the destination key inside
 * KMS, so the plaintext (here, a data key pair's private key) is never seen by the caller.
 */
export function ReEncryptCard() {
  const history = useLab((state) => state.history).filter(reEncryptable);
  const openDecrypt = useLab((state) => state.openDecrypt);
  const [blobText, setBlobText] = useRemembered(`${MEMORY}.blob`, '');
  const source = useEnd('source');
  const destination = useEnd('destination');
  const [result, setResult] = useRemembered<ReEncryptResult | undefined>(
    `${MEMORY}.out`,
    undefined,
  );
  const call = useKmsCall(`${MEMORY}.failure`);
  const ids = { heading: useId(), history: useId() };

  // The request's fields but the blob, which the request sends as bytes, the snippets as base64.
  const ends = {
    SourceKeyId: source.keyRef.trim() || undefined,
    SourceEncryptionAlgorithm: source.algorithm.value,
    SourceEncryptionContext: source.context,
    DestinationKeyId: destination.keyRef.trim(),
    DestinationEncryptionAlgorithm: destination.algorithm.value,
    DestinationEncryptionContext: destination.context,
  };

  function takeFromHistory(id: string) {
    const record = history.find((each) => String(each.id) === id);
    if (!record?.privateKeyCiphertextBlob) return;
    setBlobText(toBase64(record.privateKeyCiphertextBlob));
    source.setKeyRef('');
    source.algorithm.onChange('SYMMETRIC_DEFAULT');
    source.setPairs(pairsOf(record.encryptionContext));
    setResult(undefined);
  }

  function reEncrypt() {
    setResult(undefined);
    void call.run(async (kms) => {
      const request: ReEncryptCommandInput = {
        CiphertextBlob: readBase64(blobText, 'The ciphertext'),
        ...ends,
      };
      const response = await kms.reEncrypt(request);
      setResult({
        blob: response.CiphertextBlob as Uint8Array,
        sourceKeyId: response.SourceKeyId ?? '',
        keyId: response.KeyId ?? '',
        sourceAlgorithm: response.SourceEncryptionAlgorithm ?? '',
        destinationAlgorithm: response.DestinationEncryptionAlgorithm ?? '',
        destinationKeyMaterialId: response.DestinationKeyMaterialId,
        destinationContext: destination.context,
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
      <TextAreaField
        label="Ciphertext to re-encrypt (base64)"
        rows={3}
        value={blobText}
        spellCheck={false}
        onChange={setBlobText}
      />
      <EndFields end="source" state={source} />
      <EndFields end="destination" state={destination} />
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
        input={{ CiphertextBlob: { base64: blobText.replace(/\s/g, '') }, ...ends }}
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
        <dd data-testid="reencrypt-source-key-id">
          <Breakable text={result.sourceKeyId} />
        </dd>
        <dt>KeyId</dt>
        <dd data-testid="reencrypt-key-id">
          <Breakable text={result.keyId} />
        </dd>
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
