import { KEY_PAIR_SPECS, type SupportedDataKeyPairSpec } from '@kms-lab/core';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { rememberPair, useSessionPairs } from '../../crypto/session-pairs';
import { callCrypto } from '../../crypto/worker-client';
import { inputError, pemError } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { newestGeneratedPair } from '../../kms/history-queries';
import { toBase64 } from '../../lib/bytes';
import { pemBody } from '../../lib/pem';
import { useRemembered } from '../../lib/remembered';
import { useLab } from '../../state/store';
import { NextStep } from '../shared/NextStep';
import { decryptDraftOf, pairFromHistory } from '../shared/pair-from-history';
import { KemCard } from './KemCard';
import { EncryptCard, encryptionAlgorithms, SignCard, useFailure } from './PairCards';

const isMlKem = (spec: SupportedDataKeyPairSpec) => KEY_PAIR_SPECS[spec].family === 'ml-kem';

export default function UsePanel() {
  const pairs = useSessionPairs();
  const wanted = useLab((state) => state.usePairId);
  const history = useLab((state) => state.history);
  const setView = useLab((state) => state.setView);
  const openDecrypt = useLab((state) => state.openDecrypt);
  const [pairId, setPairId] = useRemembered<string | undefined>('use.pairId', wanted);
  const ids = { pair: useId(), pub: useId(), priv: useId() };
  const [publicPem, setPublicPem] = useRemembered('use.publicPem', '');
  const [privatePem, setPrivatePem] = useState('');
  const paste = useFailure();

  // A pair handed over from Generate, Decrypt or History is selected once.
  const [takenWanted, setTakenWanted] = useRemembered<string | undefined>('use.wanted', undefined);
  useEffect(() => {
    if (!wanted || wanted === takenWanted) return;
    setTakenWanted(wanted);
    setPairId(wanted);
  }, [wanted, takenWanted, setTakenWanted, setPairId]);

  const pair = pairs.find((each) => each.id === pairId) ?? pairs[0];
  const newestInHistory = newestGeneratedPair(history);
  // The blob that gives a public-key-only pair its private key back, when the history has it.
  const pairEntry =
    pair?.historyId === undefined ? undefined : history.find((each) => each.id === pair.historyId);
  const fromHistory = useFailure();

  function takeNewestFromHistory(record: NonNullable<typeof newestInHistory>) {
    void fromHistory.guard(async () => setPairId((await pairFromHistory(record, history)).id));
  }

  function submitPasted(event: FormEvent) {
    event.preventDefault();
    void paste.guard(async () => {
      const publicBlock = publicPem.trim() ? pemBody(publicPem) : undefined;
      const privateBlock = privatePem.trim() ? pemBody(privatePem) : undefined;
      if (publicPem.trim() && publicBlock?.label !== 'PUBLIC KEY')
        throw pemError('The public key is not a "-----BEGIN PUBLIC KEY-----" PEM block.');
      if (privatePem.trim() && privateBlock?.label !== 'PRIVATE KEY')
        throw pemError(
          'The private key is not a "-----BEGIN PRIVATE KEY-----" (PKCS #8) PEM block.',
        );
      if (!publicBlock && !privateBlock)
        throw inputError('Paste a public key, a private key, or both.');
      let spec: SupportedDataKeyPairSpec;
      let publicKey: Uint8Array;
      try {
        if (privateBlock) {
          const described = await callCrypto('describePrivateKey', privateBlock.der);
          spec = described.spec;
          publicKey = described.publicKey;
          if (publicBlock && toBase64(publicBlock.der) !== toBase64(publicKey))
            throw new Error("The public key is not the private key's public key.");
        } else {
          publicKey = (publicBlock as { der: Uint8Array }).der;
          spec = (await callCrypto('describePublicKey', publicKey)).spec;
        }
      } catch (error) {
        throw Object.assign(inputError((error as Error).message), { name: 'DerError' });
      }
      const added = rememberPair({
        id: crypto.randomUUID(),
        label: `${spec} · pasted`,
        spec,
        publicKey,
        privateKey: privateBlock?.der,
      });
      setPairId(added.id);
      setPrivatePem('');
    });
  }

  return (
    <div className="use-panel">
      <h2>Use the pair</h2>
      <p className="lead">
        Sign with the private key and verify with the public key; encrypt to the public key and
        decrypt with the private key (RSA-OAEP and SM2); with an ML-KEM pair, encapsulate a shared
        secret to the public key and decapsulate it with the private key. This is the far end of
        envelope encryption: the data key pair protects your data.
      </p>
      {pairs.length === 0 && (
        <NextStep
          testId="next-step"
          actions={
            <>
              {newestInHistory && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => takeNewestFromHistory(newestInHistory)}
                >
                  Use the newest pair from History (entry #{newestInHistory.id})
                </button>
              )}
              <button
                type="button"
                className={newestInHistory ? undefined : 'primary'}
                onClick={() => setView('generate')}
              >
                Open the Generate screen
              </button>
            </>
          }
          footer={fromHistory.failure && <FailureNotice failure={fromHistory.failure} />}
        >
          No key pair in this tab yet. Generate one (its keys come here), take one from the History,
          or paste keys below.
        </NextStep>
      )}
      <div className="card">
        <div className="field">
          <label htmlFor={ids.pair}>Key pair</label>
          <select
            id={ids.pair}
            value={pair?.id ?? ''}
            onChange={(event) => setPairId(event.target.value)}
          >
            {pairs.length === 0 && (
              <option value="">No key pair yet: generate one, or paste keys below</option>
            )}
            {pairs.map((each) => (
              <option key={each.id} value={each.id}>
                {each.label}
                {each.privateKey ? '' : ' (public key only)'}
              </option>
            ))}
          </select>
        </div>
        <details>
          <summary>Paste keys instead</summary>
          <form aria-label="Paste keys" onSubmit={submitPasted}>
            <div className="field">
              <label htmlFor={ids.pub}>Public key (PEM)</label>
              <textarea
                id={ids.pub}
                rows={4}
                value={publicPem}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => setPublicPem(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.priv}>Private key (PEM)</label>
              <textarea
                id={ids.priv}
                rows={4}
                value={privatePem}
                spellCheck={false}
                autoComplete="off"
                autoCorrect="off"
                autoCapitalize="off"
                onChange={(event) => setPrivatePem(event.target.value)}
              />
            </div>
            <button type="submit">Use pasted keys</button>
          </form>
          {paste.failure && <FailureNotice failure={paste.failure} />}
        </details>
      </div>
      {pair && (
        <>
          <p>
            Spec: <strong data-testid="use-pair-spec">{pair.spec}</strong>
            {!pair.privateKey &&
              (isMlKem(pair.spec)
                ? ' (public key only: decrypt its blob on the Decrypt screen to decapsulate)'
                : ' (public key only: decrypt its blob on the Decrypt screen to sign or decrypt)')}
          </p>
          {!pair.privateKey && pairEntry?.privateKeyCiphertextBlob && (
            <div className="actions">
              <button type="button" onClick={() => openDecrypt(decryptDraftOf(pairEntry))}>
                Decrypt its blob
              </button>
            </div>
          )}
          {isMlKem(pair.spec) ? (
            <>
              <KemCard key={`kem-${pair.id}`} pair={pair} />
              <p className="muted">
                {pair.spec} key pairs neither sign nor encrypt: AWS lists only the ML_KEM
                encapsulation algorithm for them.
              </p>
            </>
          ) : (
            <>
              <SignCard key={`sign-${pair.id}`} pair={pair} />
              {encryptionAlgorithms(pair.spec).length > 0 ? (
                <EncryptCard key={`encrypt-${pair.id}`} pair={pair} />
              ) : (
                <p className="muted">
                  {pair.spec} key pairs sign only: AWS offers no encryption algorithm for them.
                </p>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
