import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { type ExplainedFailure, explainFailure } from '../errors/explain';
import { FailureNotice } from '../errors/FailureNotice';
import { Busy } from '../features/shared/Busy';
import { toBase64 } from '../lib/bytes';
import { download } from '../lib/download';
import { useRemembered } from '../lib/remembered';
import { useLab } from '../state/store';
import type { View } from '../state/ui-slice';
import { dataCiphertext, envelopeOf, kemCiphertext, type TourFacts } from './facts';
import { TOUR_SPEC, type TourStepId } from './steps';

type TourActions = typeof import('./tour-actions');
type FocusTarget = RefObject<HTMLElement | null>;

/**
 * Runs one of the tour's actions (loading them on first use): busy, then done or explained.
 * Once done, focus moves to `then` (after the render that shows it): the pressed button is
 * usually gone by then.
 */
function useTourAction() {
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<ExplainedFailure>();
  // A new object per request, so the same target can be asked for twice; read after render.
  const [focusRequest, setFocusRequest] = useState<{ target: FocusTarget }>();
  useEffect(() => {
    focusRequest?.target.current?.focus();
  }, [focusRequest]);
  async function run(
    label: string,
    then: FocusTarget,
    work: (actions: TourActions) => Promise<unknown> | undefined,
  ) {
    setBusy(label);
    setFailure(undefined);
    try {
      await work(await import('./tour-actions'));
      setFocusRequest({ target: then });
    } catch (error) {
      setFailure(explainFailure(error));
    } finally {
      setBusy(undefined);
    }
  }
  const status = (
    <>
      {busy && <Busy label={busy} />}
      {failure && <FailureNotice failure={failure} />}
    </>
  );
  return { busy: busy !== undefined, run, status };
}

type TourAction = ReturnType<typeof useTourAction>;

/** The default data the tour encrypts: any short text will do (RSA-OAEP takes up to 190 bytes). */
const SAMPLE_DATA = 'Invoice 1042: 250 EUR, due 31 March';

const Needs = ({ children }: { children: ReactNode }) => <p className="muted hint">{children}</p>;

/** A button that opens the screen doing the same step in full. */
function OnScreen({ view, children }: { view: View; children: ReactNode }) {
  const setView = useLab((state) => state.setView);
  return (
    <button type="button" onClick={() => setView(view)}>
      {children}
    </button>
  );
}

/**
 * What the shown step lets the learner do: the step's own action (the same request a screen
 * would make), the screen that does it in full, and the step's result. `next` is where
 * focus goes once an action is done (the "Next step" button).
 */
export function TourStepActions({
  stepId,
  facts,
  next,
  heading,
  onRecovered,
}: {
  stepId: TourStepId;
  facts: TourFacts;
  next: FocusTarget;
  /** The step's heading: focus goes there when the tour is over. */
  heading: FocusTarget;
  /** The data the private key gave back, for the step's text (never the store). */
  onRecovered: (data: string | undefined) => void;
}) {
  const action = useTourAction();
  const openDecrypt = useLab((state) => state.openDecrypt);
  const { pair, masterKey } = facts;
  const primary = (label: string, onClick: () => void, disabled = false) => (
    <button type="button" className="primary" disabled={disabled || action.busy} onClick={onClick}>
      {label}
    </button>
  );

  switch (stepId) {
    case 'create-master-key':
      if (masterKey) return null;
      return (
        <>
          <div className="actions">
            {primary('Create the master key', () =>
              action.run('Creating the master key', next, (run) => run.createMasterKey()),
            )}
            <OnScreen view="keys">Do it on the Keys screen</OnScreen>
          </div>
          {action.status}
        </>
      );
    case 'generate-pair':
      if (pair) return null;
      return (
        <>
          {!masterKey && <Needs>The pair needs a master key first: step 1.</Needs>}
          <div className="actions">
            {primary(
              'Generate the data key pair',
              () =>
                action.run(`Generating an ${TOUR_SPEC} pair`, next, (run) =>
                  run.generateTourPair(masterKey?.name ?? ''),
                ),
              !masterKey,
            )}
            <OnScreen view="generate">Do it on the Generate screen</OnScreen>
          </div>
          {action.status}
        </>
      );
    case 'use-public-key':
      return <PublicKeyStep facts={facts} action={action} next={next} />;
    case 'store-blob':
      return <StoreStep facts={facts} action={action} next={next} />;
    case 'decrypt-blob':
      if (!pair) return <Needs>There is no blob to decrypt yet: step 2 makes one.</Needs>;
      if (facts.decrypt) return null;
      return (
        <>
          <div className="actions">
            {primary('Decrypt the blob with KMS', () =>
              action.run('Decrypting the blob', next, (run) => run.decryptTourBlob(pair)),
            )}
            <button
              type="button"
              onClick={() =>
                openDecrypt({
                  blobBase64: toBase64(pair.blob),
                  encryptionContext: pair.encryptionContext,
                  aadText: pair.aadText,
                })
              }
            >
              Do it on the Decrypt screen
            </button>
          </div>
          {action.status}
        </>
      );
    case 'use-private-key':
      return (
        <PrivateKeyStep facts={facts} action={action} heading={heading} onRecovered={onRecovered} />
      );
  }
}

/** Step 3: encrypt the learner's data to the public key (or, for a pair that only signs, say so). */
function PublicKeyStep({
  facts,
  action,
  next,
}: {
  facts: TourFacts;
  action: TourAction;
  next: FocusTarget;
}) {
  const [data, setData] = useRemembered('tour.data', SAMPLE_DATA);
  const dataId = useId();
  const outputId = useId();
  const { pair, masterKey } = facts;
  const ciphertext = dataCiphertext(facts) ?? kemCiphertext(facts);
  if (!pair) return <Needs>There is no public key yet: step 2 makes the pair.</Needs>;
  if (ciphertext)
    return (
      <div className="field">
        <label htmlFor={outputId}>
          {pair.encapsulates
            ? 'The ML-KEM ciphertext of the shared secret (base64)'
            : 'Your data, encrypted (base64)'}
        </label>
        <textarea id={outputId} readOnly rows={3} value={ciphertext} spellCheck={false} />
      </div>
    );
  if (facts.publicKeyUse) return null;
  if (pair.encapsulates)
    return (
      <>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={action.busy}
            onClick={() =>
              action.run('Encapsulating', next, (run) => run.encapsulateToPublicKey(pair))
            }
          >
            Encapsulate to the public key
          </button>
          <OnScreen view="use">Do it on the Use the pair screen</OnScreen>
        </div>
        {action.status}
      </>
    );
  if (!pair.encryptionAlgorithm)
    return (
      <>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={action.busy || !masterKey}
            onClick={() =>
              action.run(`Generating an ${TOUR_SPEC} pair`, next, (run) =>
                run.generateTourPair(masterKey?.name ?? ''),
              )
            }
          >
            Generate an {TOUR_SPEC} pair that encrypts
          </button>
          <OnScreen view="use">Do it on the Use the pair screen</OnScreen>
        </div>
        {action.status}
      </>
    );
  return (
    <>
      <div className="field">
        <label htmlFor={dataId}>Your data (a short message)</label>
        <input
          id={dataId}
          value={data}
          maxLength={150}
          autoComplete="off"
          onChange={(event) => setData(event.target.value)}
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={action.busy}
          onClick={() =>
            action.run('Encrypting', next, (run) => run.encryptToPublicKey(pair, data))
          }
        >
          Encrypt with the public key
        </button>
        <OnScreen view="use">Do it on the Use the pair screen</OnScreen>
      </div>
      {action.status}
    </>
  );
}

/** Step 4: the envelope: the encrypted data beside the encrypted private key. */
function StoreStep({
  facts,
  action,
  next,
}: {
  facts: TourFacts;
  action: TourAction;
  next: FocusTarget;
}) {
  const envelopeId = useId();
  const { pair } = facts;
  if (!pair) return <Needs>There is no blob to store yet: step 2 makes one.</Needs>;
  if (!facts.stored)
    return (
      <>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={action.busy}
            onClick={() => action.run('Storing', next, async (run) => run.storeBesideData(pair))}
          >
            Store the blob beside the data
          </button>
        </div>
        {action.status}
      </>
    );
  const envelope = JSON.stringify(envelopeOf(facts, toBase64(pair.blob)), null, 2);
  return (
    <div className="field">
      <label htmlFor={envelopeId}>envelope.json</label>
      <textarea id={envelopeId} readOnly rows={6} value={envelope} spellCheck={false} />
      <div className="actions">
        <button
          type="button"
          onClick={() => download('envelope.json', `${envelope}\n`, 'application/json')}
        >
          Download envelope.json
        </button>
      </div>
    </div>
  );
}

/** Step 6: use the private key on the data, then forget it. */
function PrivateKeyStep({
  facts,
  action,
  heading,
  onRecovered,
}: {
  facts: TourFacts;
  action: TourAction;
  heading: FocusTarget;
  onRecovered: (data: string | undefined) => void;
}) {
  const forget = useRef<HTMLButtonElement>(null);
  const { pair } = facts;
  if (!pair) return <Needs>There is no pair yet: step 2 makes one.</Needs>;
  const use = !facts.privateKeyUse && (
    <button
      type="button"
      className="primary"
      disabled={action.busy || !facts.privateKeyInTab}
      onClick={() =>
        action.run('Using the private key', forget, async (run) =>
          onRecovered(await run.decryptOrSignWithPrivateKey(facts)),
        )
      }
    >
      {pair.encapsulates
        ? 'Decapsulate with the private key'
        : dataCiphertext(facts)
          ? 'Decrypt the data with the private key'
          : 'Sign with the private key'}
    </button>
  );
  return (
    <>
      {!facts.privateKeyInTab && !facts.forgotten && (
        <Needs>This tab does not hold the private key: decrypt the blob first (step 5).</Needs>
      )}
      <div className="actions">
        {use}
        {facts.privateKeyInTab && facts.privateKeyUse && (
          <button
            type="button"
            ref={forget}
            className="primary"
            disabled={action.busy}
            onClick={() =>
              action.run('Forgetting', heading, async (run) => run.forgetTourPrivateKey(pair))
            }
          >
            Forget the private key
          </button>
        )}
      </div>
      {action.status}
    </>
  );
}
