import type { SupportedDataKeyPairSpec } from '@kms-lab/core';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { type ExplainedFailure, explainFailure } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { appNow } from '../../kms/clock';
import { useRemembered } from '../../lib/remembered';
import { Snippets } from '../../output/Snippets';
import { useArrivalFocus } from '../../output/use-arrival-focus';
import { useLab } from '../../state/store';
import { NeedsMasterKey } from '../generate/NeedsMasterKey';
import { AWS_SPECS } from '../generate/specs';
import { Busy } from '../shared/Busy';
import { MasterKeyInput } from '../shared/MasterKeyInput';
import { AttestationView } from './AttestationView';
import { type DecodedAttestation, decodeAttestation } from './attestation-view';
import { callEnclave } from './enclave-client';
import type { EnclaveFacts } from './enclave-protocol';
import { enclaveSnippets } from './enclave-snippets';
import { FactsView } from './FactsView';
import { RecipientResponseView } from './RecipientResponseView';
import { generateForRecipient, type RecipientResponse } from './run-enclave';

type Step = 'attest' | 'generate' | 'open';

interface Attestation {
  document: Uint8Array;
  decoded: DecodedAttestation;
}

/** A result's heading, focused and scrolled to when that result first arrives. */
function ResultHeading({ result, children }: { result: object; children: string }) {
  const heading = useArrivalFocus<HTMLHeadingElement>(result);
  return (
    <h4 ref={heading} tabIndex={-1}>
      {children}
    </h4>
  );
}

export default function EnclavePanel() {
  const keys = useLab((state) => state.keys);
  const keysLoaded = useLab((state) => state.keysLoaded);
  const [spec, setSpec] = useRemembered<SupportedDataKeyPairSpec>('enclave.spec', 'ECC_NIST_P256');
  const [keyRef, setKeyRef] = useRemembered('enclave.keyRef', '');
  const [attestation, setAttestation] = useRemembered<Attestation | undefined>(
    'enclave.attestation',
    undefined,
  );
  const [response, setResponse] = useRemembered<RecipientResponse | undefined>(
    'enclave.response',
    undefined,
  );
  const [facts, setFacts] = useRemembered<EnclaveFacts | undefined>('enclave.facts', undefined);
  const [failure, setFailure] = useRemembered<
    { step: Step; failure: ExplainedFailure } | undefined
  >('enclave.failure', undefined);
  const [pending, setPending] = useState<Step>();
  const specId = useId();

  const firstUsable = keys.find(
    (key) => key.keySpec === 'SYMMETRIC_DEFAULT' && key.state === 'Enabled',
  );
  useEffect(() => {
    if (keyRef === '' && firstUsable) setKeyRef(firstUsable.aliases[0] ?? firstUsable.keyId);
  }, [firstUsable, keyRef, setKeyRef]);

  async function run(step: Step, work: () => Promise<void>) {
    setPending(step);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure({ step, failure: explainFailure(error) });
    } finally {
      setPending(undefined);
    }
  }

  const attest = () =>
    run('attest', async () => {
      setAttestation(undefined);
      setResponse(undefined);
      setFacts(undefined);
      // A fresh nonce per document, as an enclave proves its document is not a replay.
      const nonce = crypto.getRandomValues(new Uint8Array(16));
      const { document } = await callEnclave('attest', { nowMs: appNow().getTime(), nonce });
      setAttestation({ document, decoded: await decodeAttestation(document, appNow()) });
    });

  const generate = (event: FormEvent) => {
    event.preventDefault();
    if (!attestation) return;
    void run('generate', async () => {
      setResponse(undefined);
      setFacts(undefined);
      setResponse(
        await generateForRecipient({ keyRef, spec, attestationDocument: attestation.document }),
      );
    });
  };

  const open = () =>
    response &&
    run('open', async () => {
      setFacts(
        await callEnclave('open', {
          ciphertextForRecipient: response.ciphertextForRecipient,
          publicKey: response.publicKey,
        }),
      );
    });

  const failed = (step: Step) =>
    failure?.step === step && <FailureNotice failure={failure.failure} />;

  return (
    <div className="enclave-panel">
      <h2>Enclave</h2>
      <p className="lead">
        A Web Worker plays an AWS Nitro enclave. It makes an RSA key pair, gets an attestation
        document for its public key, and asks KMS for a data key pair with that document as the
        Recipient. KMS returns the private key enveloped for the enclave, and only the worker opens
        it.
      </p>
      <section className="card" aria-labelledby="enclave-why">
        <h3 id="enclave-why">Why the private key never reaches this page</h3>
        <p data-testid="enclave-why">
          An enclave has no network and no disk: its parent EC2 instance relays every request to KMS
          and every answer back. With a Recipient, KMS checks the attestation document (signed by
          the Nitro hypervisor's chain of certificates, measuring the enclave's code in its PCRs),
          leaves PrivateKeyPlaintext out, and returns CiphertextForRecipient: the private key
          encrypted to the RSA public key in that document, whose private half never leaves the
          enclave. So the parent instance, played here by this page, and KMS Lab's own storage
          (IndexedDB, which keeps only the public key and PrivateKeyCiphertextBlob in the History)
          never see the private key. KMS itself makes the key, as AWS's HSMs do: here that is the
          engine and its crypto worker. PrivateKeyCiphertextBlob still comes back for storing beside
          the data, and whoever may call Decrypt gets the key from it, so in AWS a key policy
          condition such as kms:RecipientAttestation:ImageSha384 keeps the parent from decrypting it
          without a Recipient.
        </p>
      </section>

      <section className="card" aria-labelledby="enclave-step-1">
        <h3 id="enclave-step-1">1. The enclave attests</h3>
        <p>
          The worker makes an RSA-2048 key pair (its private key a non-extractable CryptoKey) and an
          attestation document for the public key, signed under KMS Lab's development root as a
          Nitro Secure Module signs one. PCR0 to PCR2 are zero, as in a debug enclave.
        </p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={pending !== undefined}
            onClick={() => void attest()}
          >
            {attestation ? 'Start a new enclave' : 'Start the enclave'}
          </button>
        </div>
        {pending === 'attest' && <Busy label="Making the enclave's key pair and document" />}
        {failed('attest')}
        {attestation && (
          <>
            <ResultHeading result={attestation}>The attestation document, decoded</ResultHeading>
            <AttestationView document={attestation.document} decoded={attestation.decoded} />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="enclave-step-2">
        <h3 id="enclave-step-2">2. GenerateDataKeyPair with a Recipient</h3>
        {keysLoaded && !firstUsable && <NeedsMasterKey onCreated={setKeyRef} />}
        <form aria-label="GenerateDataKeyPair for the enclave" onSubmit={generate}>
          <div className="field">
            <label htmlFor={specId}>Key pair spec</label>
            <select
              id={specId}
              value={spec}
              onChange={(event) => setSpec(event.target.value as SupportedDataKeyPairSpec)}
            >
              {AWS_SPECS.map((each) => (
                <option key={each}>{each}</option>
              ))}
            </select>
          </div>
          <MasterKeyInput value={keyRef} onChange={setKeyRef} />
          <p className="muted">
            Recipient: KeyEncryptionAlgorithm RSAES_OAEP_SHA_256, AttestationDocument{' '}
            {attestation ? `the enclave's (${attestation.document.length} bytes)` : 'none yet'}.
          </p>
          <button
            type="submit"
            className="primary"
            disabled={pending !== undefined || !attestation}
          >
            Generate for the enclave
          </button>
          {!attestation && <p className="muted">Start the enclave first (step 1).</p>}
        </form>
        {pending === 'generate' && <Busy label={`Generating a ${spec} key pair`} />}
        {failed('generate')}
        {response && (
          <>
            <ResultHeading result={response}>Response</ResultHeading>
            <RecipientResponseView response={response} />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="enclave-step-3">
        <h3 id="enclave-step-3">3. The enclave opens it</h3>
        <p>
          The page hands CiphertextForRecipient and PublicKey to the worker. The worker opens the
          envelope with its private key, checks the private key inside against PublicKey, wipes it,
          and answers with facts only: never the key.
        </p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={pending !== undefined || !response}
            onClick={() => void open()}
          >
            Send it to the enclave
          </button>
        </div>
        {pending === 'open' && <Busy label="The enclave is opening CiphertextForRecipient" />}
        {failed('open')}
        {facts && (
          <>
            <ResultHeading result={facts}>What the enclave reports</ResultHeading>
            <FactsView facts={facts} />
          </>
        )}
      </section>

      <Snippets heading="Equivalent code" snippets={enclaveSnippets({ keyRef, spec })} />
      <p className="muted" data-testid="no-cli">
        The AWS CLI has no way to send a local attestation document as Recipient, so the equivalents
        are the SDK v3 call the enclave makes and OpenSSL opening what it gets back.
      </p>
    </div>
  );
}
