import type { MacAlgorithmSpec } from '@kms-lab/core';
import { useId } from 'react';
import { FailureNotice } from '../../errors/FailureNotice';
import { toBase64, utf8 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import type { SnippetInput } from '../../snippets/types';
import { Busy } from '../shared/Busy';
import { CardSnippets } from './CardSnippets';
import type { KeyCardProps } from './card-props';
import { readBase64, useKmsCall } from './use-kms-call';

type Verdict = 'valid' | 'invalid' | undefined;

/** GenerateMac and VerifyMac with an HMAC key, which never leaves KMS either. */
export function MacCard({
  keyId,
  keyRef,
  algorithms,
}: KeyCardProps & { algorithms: readonly MacAlgorithmSpec[] }) {
  const memory = `kms.${keyId}.mac`;
  const [algorithm, setAlgorithm] = useRemembered<MacAlgorithmSpec>(
    `${memory}.algorithm`,
    algorithms[0] as MacAlgorithmSpec,
  );
  const [text, setText] = useRemembered(`${memory}.text`, 'user=alice;expires=2030-01-01');
  const [mac, setMac] = useRemembered(`${memory}.mac`, '');
  const [verdict, setVerdict] = useRemembered<Verdict>(`${memory}.verdict`, undefined);
  const [shown, setShown] = useRemembered<'GenerateMac' | 'VerifyMac'>(
    `${memory}.shown`,
    'GenerateMac',
  );
  const call = useKmsCall(`${memory}.failure`);
  const ids = { heading: useId(), algorithm: useId(), text: useId(), mac: useId() };

  function generate() {
    setShown('GenerateMac');
    setVerdict(undefined);
    void call.run(async (kms) => {
      const response = await kms.generateMac({
        KeyId: keyRef,
        Message: utf8(text),
        MacAlgorithm: algorithm,
      });
      setMac(toBase64(response.Mac as Uint8Array));
    });
  }

  function verify() {
    setShown('VerifyMac');
    setVerdict(undefined);
    void call.run(async (kms) => {
      const request = {
        KeyId: keyRef,
        Message: utf8(text),
        Mac: readBase64(mac, 'The MAC'),
        MacAlgorithm: algorithm,
      };
      try {
        await kms.verifyMac(request);
        setVerdict('valid');
      } catch (error) {
        // KMS answers a MAC that does not verify with an exception, not with false.
        if ((error as Error).name === 'KMSInvalidMacException') setVerdict('invalid');
        throw error;
      }
    });
  }

  const snippetInput: SnippetInput =
    shown === 'GenerateMac'
      ? { KeyId: keyRef, Message: { utf8: text }, MacAlgorithm: algorithm }
      : {
          KeyId: keyRef,
          Message: { utf8: text },
          Mac: { base64: mac.replace(/\s/g, '') },
          MacAlgorithm: algorithm,
        };

  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>Generate and verify a MAC</h3>
      <p className="muted">
        An HMAC proves a message came from someone who may use this key, and was not changed. Unlike
        a signature, checking it needs the key too: VerifyMac is a request to KMS.
      </p>
      <div className="field">
        <label htmlFor={ids.algorithm}>MAC algorithm</label>
        <select
          id={ids.algorithm}
          value={algorithm}
          onChange={(event) => setAlgorithm(event.target.value as MacAlgorithmSpec)}
        >
          {algorithms.map((each) => (
            <option key={each}>{each}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.text}>Message (UTF-8 text)</label>
        <textarea
          id={ids.text}
          rows={2}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setVerdict(undefined);
          }}
        />
      </div>
      <div className="actions">
        <button type="button" onClick={generate} disabled={call.busy}>
          Generate MAC
        </button>
        <button type="button" onClick={verify} disabled={call.busy || mac.trim() === ''}>
          Verify MAC
        </button>
      </div>
      {call.busy && <Busy label="Waiting for KMS Lab" />}
      <div className="field">
        <label htmlFor={ids.mac}>MAC (base64)</label>
        <textarea
          id={ids.mac}
          rows={2}
          value={mac}
          spellCheck={false}
          onChange={(event) => {
            setMac(event.target.value);
            setVerdict(undefined);
          }}
        />
      </div>
      <p
        role="status"
        data-testid="mac-valid"
        className={verdict === 'valid' ? 'good' : verdict === 'invalid' ? 'bad' : ''}
      >
        {verdict === 'valid'
          ? 'Valid MAC (MacValid: true)'
          : verdict === 'invalid'
            ? 'Invalid MAC'
            : ''}
      </p>
      {call.failure && <FailureNotice failure={call.failure} />}
      <CardSnippets operation={shown} input={snippetInput} />
    </section>
  );
}
