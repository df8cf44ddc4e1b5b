import { AadKind, parseBlob } from '@kms-lab/core';
import { type ChangeEvent, type FormEvent, useEffect, useId, useMemo } from 'react';
import { type ExplainedFailure, explainFailure, inputError } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { newestBlob } from '../../kms/history-queries';
import type { HistoryRecord } from '../../kms/history-types';
import { missingKeyExplanation } from '../../kms/missing-keys';
import { fromBase64, fromUtf8, toBase64 } from '../../lib/bytes';
import { formatDate } from '../../lib/format';
import { useRemembered } from '../../lib/remembered';
import { Breakable } from '../../output/Breakable';
import { KeyField } from '../../output/KeyField';
import { keySizeNotes } from '../../output/key-size-notes';
import { Snippets } from '../../output/Snippets';
import { useArrivalFocus } from '../../output/use-arrival-focus';
import { snippetsFor } from '../../snippets/for-operation';
import type { SnippetInput } from '../../snippets/types';
import { useLab } from '../../state/store';
import { readBundle } from '../generate/bundle';
import { AadInput } from '../shared/AadInput';
import { Busy } from '../shared/Busy';
import { ContextEditor, type ContextPair, contextOf, pairsOf } from '../shared/ContextEditor';
import { GrantTokensInput, grantTokensOf } from '../shared/GrantTokensInput';
import { NextStep } from '../shared/NextStep';
import { decryptDraftOf } from '../shared/pair-from-history';
import {
  checkContext,
  type DecryptOutcome,
  type DecryptRequest,
  decryptBlob,
} from './decrypt-blob';

/** The answers to a wrong context, Aad or blob: AWS's exception and Alibaba's code. */
const CIPHERTEXT_FAILURES: ReadonlySet<string> = new Set([
  'InvalidCiphertextException',
  'InvalidCiphertext',
]);

/** Which API a blob belongs to, from its header's AAD kind; undefined when unreadable. */
function apiOf(blobText: string): 'Decrypt' | 'AdvanceDecrypt' | undefined {
  try {
    return parseBlob(fromBase64(blobText)).aadKind === AadKind.AlibabaAad
      ? 'AdvanceDecrypt'
      : 'Decrypt';
  } catch {
    return undefined;
  }
}

export default function DecryptPanel() {
  const draft = useLab((state) => state.decryptDraft);
  const history = useLab((state) => state.history);
  const openUse = useLab((state) => state.openUse);
  const openDecrypt = useLab((state) => state.openDecrypt);
  const setView = useLab((state) => state.setView);
  const [blobText, setBlobText] = useRemembered('decrypt.blobText', '');
  const [pairs, setPairs] = useRemembered<ContextPair[]>('decrypt.pairs', []);
  const [aadText, setAadText] = useRemembered('decrypt.aadText', '');
  const [keyId, setKeyId] = useRemembered('decrypt.keyId', '');
  const [grantTokensText, setGrantTokensText] = useRemembered('decrypt.grantTokens', '');
  const [pending, setPending] = useRemembered('decrypt.pending', false);
  const [failure, setFailure] = useRemembered<ExplainedFailure | undefined>(
    'decrypt.failure',
    undefined,
  );
  const [result, setResult] = useRemembered<DecryptOutcome | undefined>(
    'decrypt.result',
    undefined,
  );
  const [snippet, setSnippet] = useRemembered<
    { operation: string; input: SnippetInput } | undefined
  >('decrypt.snippet', undefined);
  const ids = { blob: useId(), file: useId(), keyId: useId(), result: useId() };
  const resultHeading = useArrivalFocus<HTMLHeadingElement>(result);
  const api = useMemo(() => apiOf(blobText), [blobText]);

  // A blob handed over from Generate or History fills the form.
  const [takenDraft, setTakenDraft] = useRemembered('decrypt.draftSerial', 0);
  useEffect(() => {
    if (!draft || draft.serial <= takenDraft) return;
    setTakenDraft(draft.serial);
    setBlobText(draft.blobBase64);
    setPairs(pairsOf(draft.encryptionContext));
    setAadText(draft.aadText ?? '');
    setResult(undefined);
    setFailure(undefined);
  }, [draft, takenDraft, setTakenDraft, setBlobText, setPairs, setAadText, setResult, setFailure]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setFailure(undefined);
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      if (file.name.endsWith('.json') || bytes[0] === 0x7b) {
        const bundle = readBundle(fromUtf8(bytes));
        setBlobText(toBase64(bundle.blob));
        setPairs(pairsOf(bundle.encryptionContext));
        setAadText(bundle.aad ? fromUtf8(bundle.aad) : '');
      } else setBlobText(toBase64(bytes));
    } catch (error) {
      setFailure(
        explainFailure(inputError(error instanceof Error ? error.message : String(error))),
      );
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setResult(undefined);
    let blob: Uint8Array;
    try {
      blob = fromBase64(blobText);
    } catch (error) {
      setFailure(explainFailure(inputError(`The ciphertext blob: ${(error as Error).message}`)));
      return;
    }
    const operation = api ?? 'Decrypt';
    const encryptionContext = contextOf(pairs);
    const grantTokens = operation === 'Decrypt' ? grantTokensOf(grantTokensText) : undefined;
    const input: SnippetInput =
      operation === 'AdvanceDecrypt'
        ? {
            CiphertextBlob: { file: 'private-key-ciphertext.bin' },
            Aad: aadText ? { utf8: aadText } : undefined,
          }
        : {
            CiphertextBlob: { file: 'private-key-ciphertext.bin' },
            EncryptionContext: encryptionContext,
            KeyId: keyId.trim() || undefined,
            GrantTokens: grantTokens && { json: grantTokens },
          };
    setSnippet({ operation, input });
    setPending(true);
    const request: DecryptRequest = {
      operation,
      blob,
      encryptionContext,
      keyId: keyId.trim() || undefined,
      grantTokens,
      aadText,
    };
    try {
      setResult(await decryptBlob(request));
    } catch (error) {
      const explained = explainFailure(error);
      // KMS never says which part of the context is wrong; the history may know the original.
      if (CIPHERTEXT_FAILURES.has(explained.name))
        explained.contextCheck = checkContext(useLab.getState().history, request);
      // A key that came in a lab file without its material: say so, not just "no such key".
      const missing = useLab
        .getState()
        .missingKeys.find((each) => each.key.keyId === blobKeyIdOf(blob));
      if (missing) explained.explanation = missingKeyExplanation(missing);
      setFailure(explained);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="decrypt-panel">
      <h2>Decrypt a private key</h2>
      <p className="lead">
        Give KMS Lab the encrypted private key (PrivateKeyCiphertextBlob) and the same encryption
        context or Aad used when it was made: it returns the private key.
      </p>
      {blobText.trim() === '' && (
        <NothingToDecrypt
          newest={newestBlob(history)}
          onTake={(record) => openDecrypt(decryptDraftOf(record))}
          onGenerate={() => setView('generate')}
        />
      )}
      <form className="card" aria-label="Decrypt a private key" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={ids.blob}>Ciphertext blob (base64)</label>
          <textarea
            id={ids.blob}
            rows={4}
            value={blobText}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setBlobText(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.file}>Upload a .bin or JSON bundle</label>
          <input
            id={ids.file}
            type="file"
            accept=".bin,.json,application/json,application/octet-stream"
            onChange={(event) => void onFile(event)}
          />
        </div>
        <p>
          API (from the blob's header):{' '}
          <strong data-testid="decrypt-api">
            {api ?? (blobText.trim() ? 'not a KMS Lab blob' : '—')}
          </strong>
        </p>
        {api === 'AdvanceDecrypt' ? (
          <AadInput value={aadText} onChange={setAadText} />
        ) : (
          <>
            <ContextEditor pairs={pairs} onChange={setPairs} />
            <div className="field">
              <label htmlFor={ids.keyId}>Key ID (optional)</label>
              <input
                id={ids.keyId}
                value={keyId}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setKeyId(event.target.value)}
              />
            </div>
            <GrantTokensInput value={grantTokensText} onChange={setGrantTokensText} />
          </>
        )}
        <button type="submit" className="primary" disabled={pending}>
          Decrypt
        </button>
        {pending && <Busy label="Decrypting" />}
      </form>
      {failure && <FailureNotice failure={failure} />}
      {result && (
        <section className="card response" aria-labelledby={ids.result}>
          <h3 id={ids.result} ref={resultHeading} tabIndex={-1}>
            Decrypted private key
          </h3>
          <dl className="facts">
            <dt>KeyId</dt>
            <dd>
              <code data-testid="decrypt-key-id">
                <Breakable text={result.keyId} />
              </code>
            </dd>
          </dl>
          <p data-testid="history-match" className={result.match ? 'match' : 'muted'}>
            {result.match
              ? `Matches the public key of history entry #${result.match.id} (${result.match.operation}, ${result.match.keyPairSpec}, ${formatDate(result.match.at)}).`
              : 'No public key in the history matches this private key.'}
          </p>
          {result.pairId && (
            <button type="button" onClick={() => openUse(result.pairId as string)}>
              Use this pair
            </button>
          )}
          <KeyField
            half="private"
            field="PrivateKey"
            bytes={result.privateKey}
            returned={result.privateKeyReturned}
            fileBase="private-key"
            sizeNote={keySizeNotes(result.spec).privateKey}
          />
        </section>
      )}
      {snippet && (
        <Snippets
          heading="Equivalent commands"
          snippets={snippetsFor(snippet.operation, snippet.input)}
        />
      )}
    </div>
  );
}

/** Decrypt with an empty form: the newest blob of the history, or where blobs come from. */
function NothingToDecrypt({
  newest,
  onTake,
  onGenerate,
}: {
  newest: HistoryRecord | undefined;
  onTake: (record: HistoryRecord) => void;
  onGenerate: () => void;
}) {
  if (newest)
    return (
      <NextStep
        testId="next-step"
        actions={
          <button type="button" className="primary" onClick={() => onTake(newest)}>
            Take the newest blob (entry #{newest.id})
          </button>
        }
      >
        Nothing to decrypt yet. Take the newest encrypted private key from the History with the
        context it was made with, paste a blob below, or upload one.
      </NextStep>
    );
  return (
    <NextStep
      testId="next-step"
      actions={
        <button type="button" className="primary" onClick={onGenerate}>
          Open the Generate screen
        </button>
      }
    >
      Nothing to decrypt yet. A blob is the encrypted private key of a data key pair: generate one
      first, then come back (or press Decrypt this blob under the response).
    </NextStep>
  );
}

/** The key ID a blob's header names, or undefined when the bytes are not a KMS Lab blob. */
function blobKeyIdOf(blob: Uint8Array): string | undefined {
  try {
    return parseBlob(blob).keyId;
  } catch {
    return undefined;
  }
}
