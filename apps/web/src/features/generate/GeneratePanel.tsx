import type { SupportedDataKeyPairSpec } from '@kms-lab/core';
import { type FormEvent, useEffect, useId } from 'react';
import { rememberPair } from '../../crypto/session-pairs';
import { type ExplainedFailure, explainFailure } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { appNow } from '../../kms/clock';
import { getKms } from '../../kms/runtime';
import { fromUtf8, utf8 } from '../../lib/bytes';
import { pemBody } from '../../lib/pem';
import { useRemembered } from '../../lib/remembered';
import { Snippets } from '../../output/Snippets';
import { snippetsFor } from '../../snippets/for-operation';
import type { SnippetInput } from '../../snippets/types';
import { useLab } from '../../state/store';
import { AadInput } from '../shared/AadInput';
import { Busy } from '../shared/Busy';
import { ContextEditor, type ContextPair, contextOf } from '../shared/ContextEditor';
import { MasterKeyInput } from '../shared/MasterKeyInput';
import { GenerateOutput, type GenerateResult } from './GenerateOutput';
import {
  ALIBABA_OPERATIONS,
  ALIBABA_SPECS,
  AWS_OPERATIONS,
  AWS_SPECS,
  awsSpecOf,
  type GenerateOperation,
  isAlibaba,
} from './specs';

/** Alibaba's KeyFormat PEM returns the PEM text's bytes; the views work on DER. */
function derOf(bytes: Uint8Array, keyFormat: string): Uint8Array {
  if (keyFormat !== 'PEM') return bytes;
  const block = pemBody(fromUtf8(bytes));
  if (!block) throw new Error('The response was not the PEM text KeyFormat PEM asks for.');
  return block.der;
}

export default function GeneratePanel() {
  const keys = useLab((state) => state.keys);
  const recordHistory = useLab((state) => state.recordHistory);
  const openDecrypt = useLab((state) => state.openDecrypt);
  const openUse = useLab((state) => state.openUse);
  const [operation, setOperation] = useRemembered<GenerateOperation>(
    'generate.operation',
    'GenerateDataKeyPair',
  );
  const [spec, setSpec] = useRemembered<string>('generate.spec', 'ECC_NIST_P256');
  const [keyRef, setKeyRef] = useRemembered('generate.keyRef', '');
  const [pairs, setPairs] = useRemembered<ContextPair[]>('generate.pairs', []);
  const [aadText, setAadText] = useRemembered('generate.aadText', '');
  const [keyFormat, setKeyFormat] = useRemembered<'PEM' | 'DER'>('generate.keyFormat', 'PEM');
  const [dryRun, setDryRun] = useRemembered('generate.dryRun', false);
  const [pending, setPending] = useRemembered('generate.pending', false);
  const [failure, setFailure] = useRemembered<ExplainedFailure | undefined>(
    'generate.failure',
    undefined,
  );
  const [result, setResult] = useRemembered<GenerateResult | undefined>(
    'generate.result',
    undefined,
  );
  const [snippetInput, setSnippetInput] = useRemembered<
    { operation: string; input: SnippetInput } | undefined
  >('generate.snippetInput', undefined);
  const ids = { operation: useId(), spec: useId(), format: useId(), dryRun: useId() };
  const alibaba = isAlibaba(operation);

  // Start with the first usable master key, so the form works at once.
  useEffect(() => {
    if (keyRef !== '') return;
    const first = keys.find(
      (key) => key.keySpec === 'SYMMETRIC_DEFAULT' && key.state === 'Enabled',
    );
    if (first) setKeyRef(first.aliases[0] ?? first.keyId);
  }, [keys, keyRef, setKeyRef]);

  function changeOperation(next: GenerateOperation) {
    setOperation(next);
    const specs: readonly string[] = isAlibaba(next) ? ALIBABA_SPECS : AWS_SPECS;
    if (!specs.includes(spec)) setSpec(isAlibaba(next) ? 'EC_P256' : 'ECC_NIST_P256');
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setFailure(undefined);
    setResult(undefined);
    const encryptionContext = alibaba ? undefined : contextOf(pairs);
    const aad = alibaba && aadText !== '' ? utf8(aadText) : undefined;
    const input: SnippetInput = alibaba
      ? {
          KeyId: keyRef,
          KeyPairSpec: spec,
          KeyFormat: keyFormat,
          Aad: aad ? { utf8: aadText } : undefined,
        }
      : {
          KeyId: keyRef,
          KeyPairSpec: spec,
          EncryptionContext: encryptionContext,
          DryRun: dryRun || undefined,
        };
    setSnippetInput({ operation, input });
    try {
      const kms = await getKms();
      let generated: Omit<GenerateResult, 'pairId'>;
      if (alibaba) {
        const request = {
          KeyId: keyRef,
          KeyPairSpec: spec as never,
          KeyFormat: keyFormat,
          Aad: aad,
        };
        const response =
          operation === 'AdvanceGenerateDataKeyPair'
            ? await kms.advanceGenerateDataKeyPair(request)
            : await kms.advanceGenerateDataKeyPairWithoutPlaintext(request);
        generated = {
          operation,
          keyId: response.KeyId,
          keyPairSpec: response.KeyPairSpec,
          awsSpec: awsSpecOf(response.KeyPairSpec),
          keyVersionId: response.KeyVersionId,
          publicKey: derOf(response.PublicKey, keyFormat),
          privateKey:
            'PrivateKeyPlaintext' in response
              ? derOf(response.PrivateKeyPlaintext as Uint8Array, keyFormat)
              : undefined,
          // With PEM the API returned text: shown as returned beside the DER views.
          ...(keyFormat === 'PEM' && {
            publicKeyReturned: response.PublicKey,
            privateKeyReturned:
              'PrivateKeyPlaintext' in response
                ? (response.PrivateKeyPlaintext as Uint8Array)
                : undefined,
          }),
          blob: response.PrivateKeyCiphertextBlob,
          aadText: aad ? aadText : undefined,
        };
      } else {
        const request = {
          KeyId: keyRef,
          KeyPairSpec: spec as SupportedDataKeyPairSpec,
          EncryptionContext: encryptionContext,
          DryRun: dryRun || undefined,
        };
        const response =
          operation === 'GenerateDataKeyPair'
            ? await kms.generateDataKeyPair(request)
            : await kms.generateDataKeyPairWithoutPlaintext(request);
        generated = {
          operation,
          keyId: response.KeyId as string,
          keyPairSpec: response.KeyPairSpec as string,
          awsSpec: response.KeyPairSpec as SupportedDataKeyPairSpec,
          keyMaterialId: response.KeyMaterialId,
          publicKey: response.PublicKey as Uint8Array,
          privateKey:
            'PrivateKeyPlaintext' in response
              ? (response.PrivateKeyPlaintext as Uint8Array)
              : undefined,
          blob: response.PrivateKeyCiphertextBlob as Uint8Array,
          encryptionContext,
        };
      }
      const historyId = await recordHistory({
        at: appNow(),
        operation,
        keyId: generated.keyId,
        keyPairSpec: generated.keyPairSpec,
        publicKey: generated.publicKey,
        privateKeyCiphertextBlob: generated.blob,
        encryptionContext: generated.encryptionContext,
        aad,
        keyMaterialId: generated.keyMaterialId,
        keyVersionId: generated.keyVersionId,
      });
      const pair = rememberPair({
        id: crypto.randomUUID(),
        label: `${generated.keyPairSpec} · ${operation} · #${historyId}`,
        spec: generated.awsSpec,
        publicKey: generated.publicKey,
        privateKey: generated.privateKey,
        historyId,
      });
      setResult({ ...generated, pairId: pair.id });
    } catch (error) {
      const explained = explainFailure(error);
      setFailure(explained);
      if (explained.name !== 'DryRunOperationException')
        await recordHistory({
          at: appNow(),
          operation,
          keyId: keyRef,
          keyPairSpec: spec,
          errorName: explained.name,
        }).catch(() => undefined);
    } finally {
      setPending(false);
    }
  }

  const specs: readonly string[] = alibaba ? ALIBABA_SPECS : AWS_SPECS;
  return (
    <div className="generate-panel">
      <h2>Generate a data key pair</h2>
      <p className="lead">
        KMS Lab makes a key pair, encrypts its private key under your master key, and returns the
        public key and the encrypted private key (and, unless you ask for WithoutPlaintext, the
        private key itself).
      </p>
      <form className="card" aria-label="Generate a data key pair" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={ids.operation}>Operation</label>
          <select
            id={ids.operation}
            value={operation}
            onChange={(event) => changeOperation(event.target.value as GenerateOperation)}
          >
            <optgroup label="AWS KMS">
              {AWS_OPERATIONS.map((each) => (
                <option key={each}>{each}</option>
              ))}
            </optgroup>
            <optgroup label="Alibaba Cloud KMS">
              {ALIBABA_OPERATIONS.map((each) => (
                <option key={each}>{each}</option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.spec}>Key pair spec</label>
          <select id={ids.spec} value={spec} onChange={(event) => setSpec(event.target.value)}>
            {specs.map((each) => (
              <option key={each}>{each}</option>
            ))}
          </select>
        </div>
        <MasterKeyInput value={keyRef} onChange={setKeyRef} />
        {alibaba ? (
          <>
            <AadInput value={aadText} onChange={setAadText} />
            <div className="field">
              <label htmlFor={ids.format}>Key format</label>
              <select
                id={ids.format}
                value={keyFormat}
                onChange={(event) => setKeyFormat(event.target.value as 'PEM' | 'DER')}
              >
                <option>PEM</option>
                <option>DER</option>
              </select>
            </div>
          </>
        ) : (
          <>
            <ContextEditor pairs={pairs} onChange={setPairs} />
            <div className="field checkbox">
              <input
                id={ids.dryRun}
                type="checkbox"
                checked={dryRun}
                onChange={(event) => setDryRun(event.target.checked)}
              />
              <label htmlFor={ids.dryRun}>DryRun</label>
            </div>
          </>
        )}
        <button type="submit" className="primary" disabled={pending}>
          Generate
        </button>
        {pending && <Busy label={`Generating a ${spec} key pair`} />}
      </form>
      {failure && <FailureNotice failure={failure} />}
      {result && <GenerateOutput result={result} onDecrypt={openDecrypt} onUse={openUse} />}
      {snippetInput && (
        <Snippets
          heading="Equivalent commands"
          snippets={snippetsFor(snippetInput.operation, snippetInput.input)}
        />
      )}
    </div>
  );
}
