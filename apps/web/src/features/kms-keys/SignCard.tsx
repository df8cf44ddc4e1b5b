import type { SigningAlgorithmSpec } from '@kms-lab/core';
import { useEffect, useId, useState } from 'react';
import { FailureNotice } from '../../errors/FailureNotice';
import { toBase64, toHex, utf8 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import type { SnippetInput } from '../../snippets/types';
import { Busy } from '../shared/Busy';
import { messageTypesFor, type SignMessageType } from './algorithms';
import { CardSnippets } from './CardSnippets';
import type { KeyCardProps } from './card-props';
import { digestDescription, messageDigest } from './digest';
import { publicKeyOf } from './public-keys';
import { readBase64, useKmsCall } from './use-kms-call';

type Verdict = 'valid' | 'invalid' | undefined;

/** Sign and Verify with a SIGN_VERIFY key: RAW sends the text, DIGEST its hash made here. */
export function SignCard({
  keyId,
  keyRef,
  algorithms,
}: KeyCardProps & { algorithms: readonly SigningAlgorithmSpec[] }) {
  const memory = `kms.${keyId}.sign`;
  const [algorithm, setAlgorithm] = useRemembered<SigningAlgorithmSpec>(
    `${memory}.algorithm`,
    algorithms[0] as SigningAlgorithmSpec,
  );
  const [chosenType, setChosenType] = useRemembered<SignMessageType>(`${memory}.type`, 'RAW');
  const [text, setText] = useRemembered(`${memory}.text`, 'Release 1.0 of my app');
  const [signature, setSignature] = useRemembered(`${memory}.signature`, '');
  const [verdict, setVerdict] = useRemembered<Verdict>(`${memory}.verdict`, undefined);
  const [shown, setShown] = useRemembered<'Sign' | 'Verify'>(`${memory}.shown`, 'Sign');
  const [digest, setDigest] = useState<Uint8Array>();
  const call = useKmsCall(`${memory}.failure`);
  const ids = { heading: useId(), algorithm: useId(), type: useId(), text: useId(), sig: useId() };

  // Ed25519's algorithms each take one MessageType: the select offers only what is allowed.
  const types = messageTypesFor(algorithm);
  const messageType = types.includes(chosenType) ? chosenType : (types[0] as SignMessageType);

  // The digest DIGEST sends, shown beside the text and in the snippets.
  useEffect(() => {
    if (messageType !== 'DIGEST') {
      setDigest(undefined);
      return;
    }
    let current = true;
    messageDigest(algorithm, utf8(text), () => publicKeyOf(keyId)).then(
      (bytes) => current && setDigest(bytes),
      () => current && setDigest(undefined),
    );
    return () => {
      current = false;
    };
  }, [messageType, algorithm, text, keyId]);

  const message = () =>
    messageType === 'DIGEST'
      ? messageDigest(algorithm, utf8(text), () => publicKeyOf(keyId))
      : Promise.resolve(utf8(text));
  const messageValue =
    messageType === 'DIGEST' && digest ? { base64: toBase64(digest) } : { utf8: text };

  function sign() {
    setShown('Sign');
    setVerdict(undefined);
    void call.run(async (kms) => {
      const response = await kms.sign({
        KeyId: keyRef,
        Message: await message(),
        MessageType: messageType,
        SigningAlgorithm: algorithm,
      });
      setSignature(toBase64(response.Signature as Uint8Array));
    });
  }

  function verify() {
    setShown('Verify');
    setVerdict(undefined);
    void call.run(async (kms) => {
      const request = {
        KeyId: keyRef,
        Message: await message(),
        MessageType: messageType,
        Signature: readBase64(signature, 'The signature'),
        SigningAlgorithm: algorithm,
      };
      try {
        await kms.verify(request);
        setVerdict('valid');
      } catch (error) {
        // KMS answers a signature that does not verify with an exception, not with false.
        if ((error as Error).name === 'KMSInvalidSignatureException') setVerdict('invalid');
        throw error;
      }
    });
  }

  const snippetInput: SnippetInput =
    shown === 'Sign'
      ? {
          KeyId: keyRef,
          Message: messageValue,
          MessageType: messageType,
          SigningAlgorithm: algorithm,
        }
      : {
          KeyId: keyRef,
          Message: messageValue,
          MessageType: messageType,
          Signature: { base64: signature.replace(/\s/g, '') },
          SigningAlgorithm: algorithm,
        };

  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>Sign and verify</h3>
      <div className="field">
        <label htmlFor={ids.algorithm}>Signing algorithm</label>
        <select
          id={ids.algorithm}
          value={algorithm}
          onChange={(event) => {
            setAlgorithm(event.target.value as SigningAlgorithmSpec);
            setVerdict(undefined);
          }}
        >
          {algorithms.map((each) => (
            <option key={each}>{each}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.type}>Message type</label>
        <select
          id={ids.type}
          value={messageType}
          onChange={(event) => {
            setChosenType(event.target.value as SignMessageType);
            setVerdict(undefined);
          }}
        >
          {types.map((each) => (
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
      {messageType === 'DIGEST' && (
        <p className="hint" data-testid="message-digest">
          MessageType DIGEST: the page computes {digestDescription(algorithm)} and sends that as the
          Message, so the text itself never reaches KMS:{' '}
          <code className="wrap">{digest ? toHex(digest) : '…'}</code>
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={sign} disabled={call.busy}>
          Sign
        </button>
        <button type="button" onClick={verify} disabled={call.busy || signature.trim() === ''}>
          Verify
        </button>
      </div>
      {call.busy && <Busy label="Waiting for KMS Lab" />}
      <div className="field">
        <label htmlFor={ids.sig}>Signature (base64)</label>
        <textarea
          id={ids.sig}
          rows={3}
          value={signature}
          spellCheck={false}
          onChange={(event) => {
            setSignature(event.target.value);
            setVerdict(undefined);
          }}
        />
      </div>
      <p
        role="status"
        data-testid="signature-valid"
        className={verdict === 'valid' ? 'good' : verdict === 'invalid' ? 'bad' : ''}
      >
        {verdict === 'valid'
          ? 'Valid signature (SignatureValid: true)'
          : verdict === 'invalid'
            ? 'Invalid signature'
            : ''}
      </p>
      {call.failure && <FailureNotice failure={call.failure} />}
      <CardSnippets operation={shown} input={snippetInput} />
    </section>
  );
}
