import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { type ExplainedFailure, explainFailure } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { useRemembered } from '../../lib/remembered';
import { Snippets } from '../../output/Snippets';
import { snippetsFor } from '../../snippets/for-operation';
import type { SnippetInput } from '../../snippets/types';
import { useLab } from '../../state/store';
import { AadInput } from '../shared/AadInput';
import { Busy } from '../shared/Busy';
import { ContextEditor, type ContextPair, contextOf } from '../shared/ContextEditor';
import { GrantTokensInput, grantTokensOf } from '../shared/GrantTokensInput';
import { MasterKeyInput } from '../shared/MasterKeyInput';
import { GenerateOutput, type GenerateResult } from './GenerateOutput';
import { generatePair } from './generate-pair';
import { NeedsMasterKey } from './NeedsMasterKey';
import {
  ALIBABA_OPERATIONS,
  ALIBABA_SPECS,
  AWS_OPERATIONS,
  AWS_SPECS,
  type GenerateOperation,
  isAlibaba,
} from './specs';

export default function GeneratePanel() {
  const keys = useLab((state) => state.keys);
  const keysLoaded = useLab((state) => state.keysLoaded);
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
  const [grantTokensText, setGrantTokensText] = useRemembered('generate.grantTokens', '');
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
  const generateButton = useRef<HTMLButtonElement>(null);
  const [createdKey, setCreatedKey] = useState<string>();
  const alibaba = isAlibaba(operation);

  // Start with the first usable master key, so the form works at once.
  const firstUsable = keys.find(
    (key) => key.keySpec === 'SYMMETRIC_DEFAULT' && key.state === 'Enabled',
  );
  useEffect(() => {
    if (keyRef === '' && firstUsable) setKeyRef(firstUsable.aliases[0] ?? firstUsable.keyId);
  }, [firstUsable, keyRef, setKeyRef]);

  // The prompt's button is gone once the key exists: focus moves on to the next thing to press.
  function onKeyCreated(alias: string) {
    setKeyRef(alias);
    setCreatedKey(alias);
    generateButton.current?.focus();
  }

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
    const grantTokens = alibaba ? undefined : grantTokensOf(grantTokensText);
    const input: SnippetInput = alibaba
      ? {
          KeyId: keyRef,
          KeyPairSpec: spec,
          KeyFormat: keyFormat,
          Aad: aadText !== '' ? { utf8: aadText } : undefined,
        }
      : {
          KeyId: keyRef,
          KeyPairSpec: spec,
          EncryptionContext: encryptionContext,
          DryRun: dryRun || undefined,
          GrantTokens: grantTokens && { json: grantTokens },
        };
    setSnippetInput({ operation, input });
    try {
      setResult(
        await generatePair(
          alibaba
            ? { operation, spec, keyRef, aadText, keyFormat }
            : { operation, spec, keyRef, encryptionContext, dryRun, grantTokens },
        ),
      );
    } catch (error) {
      setFailure(explainFailure(error));
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
      {keysLoaded && !firstUsable && <NeedsMasterKey onCreated={onKeyCreated} />}
      {createdKey && (
        <p role="status" className="notice note" data-testid="master-key-created">
          Created {createdKey}: it is the master key below. Next: press Generate.
        </p>
      )}
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
            <GrantTokensInput value={grantTokensText} onChange={setGrantTokensText} />
          </>
        )}
        <button type="submit" className="primary" disabled={pending} ref={generateButton}>
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
