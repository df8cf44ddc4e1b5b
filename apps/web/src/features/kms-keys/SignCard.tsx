import type { SigningAlgorithmSpec } from '@kms-lab/core';
import { useEffect, useId, useState } from 'react';
import { readBase64 } from '../../errors/explain';
import { toBase64, toHex, utf8 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import type { SnippetInput } from '../../snippets/types';
import { type Choice, choiceAmong, NameSelect, TextAreaField } from '../shared/Fields';
import type { Verdict } from '../shared/RoundTrip';
import { messageTypesFor, type SignMessageType } from './algorithms';
import type { AlgorithmCardProps } from './card-props';
import { digestDescription, messageDigest } from './digest';
import { externalMu, readMu } from './external-mu';
import { KmsRoundTrip, KmsVerdict, recordVerdict, useRoundTripCard } from './KmsRoundTrip';
import { publicKeyOf } from './public-keys';

/** What μ is, in one line, beside its field. */
const MU_EXPLANATION =
  'μ is the 64-byte SHAKE256 hash of the public key’s hash and the message that ML-DSA actually signs (FIPS 204): with EXTERNAL_MU you compute it yourself, so a large message never leaves your side, and the signature is the one RAW would make of that message.';

/**
 * Sign and Verify with a SIGN_VERIFY key: RAW sends the text, DIGEST its hash made here, and
 * EXTERNAL_MU (ML-DSA) the 64-byte μ the user gives or the page computes from the text.
 */
export function SignCard({ keyId, keyRef, algorithms }: AlgorithmCardProps<SigningAlgorithmSpec>) {
  const card = useRoundTripCard<Verdict>(keyId, 'Signature', 'Release 1.0 of my app');
  const { text } = card;
  const algorithm = choiceAmong(
    algorithms,
    useRemembered(`${card.memory}.algorithm`, algorithms[0] as SigningAlgorithmSpec),
  );
  // Ed25519's algorithms each take one MessageType: the select offers only what is allowed.
  const messageType = choiceAmong(
    messageTypesFor(algorithm.value),
    useRemembered<SignMessageType>(`${card.memory}.type`, 'RAW'),
  );
  const [digest, setDigest] = useState<Uint8Array>();
  const [muHex, setMuHex] = useRemembered(`${card.memory}.mu`, '');
  const headingId = useId();
  const externalMuChosen = messageType.value === 'EXTERNAL_MU';

  // The digest DIGEST sends, shown beside the text and in the snippets.
  const digesting = messageType.value === 'DIGEST';
  useEffect(() => {
    if (!digesting) {
      setDigest(undefined);
      return;
    }
    let current = true;
    messageDigest(algorithm.value, utf8(text), () => publicKeyOf(keyId)).then(
      (bytes) => current && setDigest(bytes),
      () => current && setDigest(undefined),
    );
    return () => {
      current = false;
    };
  }, [digesting, algorithm.value, text, keyId]);

  // The request but its Message, which DIGEST computes (and awaits) first.
  const request = {
    KeyId: keyRef,
    MessageType: messageType.value,
    SigningAlgorithm: algorithm.value,
  };
  const message = async () => {
    if (externalMuChosen) return readMu(muHex);
    return digesting
      ? messageDigest(algorithm.value, utf8(text), () => publicKeyOf(keyId))
      : utf8(text);
  };

  function computeMu() {
    void card.call.run(async () => {
      setMuHex(toHex(externalMu(await publicKeyOf(keyId), utf8(text))));
      card.setFound(undefined);
    });
  }

  const sign = () =>
    card.make(async (kms) => {
      const response = await kms.sign({ ...request, Message: await message() });
      return response.Signature as Uint8Array;
    });
  const verify = () =>
    card.takeBack(async (kms) => {
      const signature = readBase64(card.value, 'The signature');
      const verifying = kms.verify({ ...request, Message: await message(), Signature: signature });
      await recordVerdict(verifying, 'KMSInvalidSignatureException', card.setFound);
    });

  // Another algorithm or message type makes the last verdict stale, as an edit does.
  const choose =
    <Name extends string>(choice: Choice<Name>) =>
    (name: Name) => {
      choice.onChange(name);
      card.setFound(undefined);
    };

  const muBase64 = (() => {
    try {
      return toBase64(readMu(muHex));
    } catch {
      return '';
    }
  })();
  const snippetInput: SnippetInput = {
    KeyId: keyRef,
    Message: externalMuChosen
      ? { base64: muBase64 }
      : digesting && digest
        ? { base64: toBase64(digest) }
        : { utf8: text },
    MessageType: messageType.value,
    ...(card.shown === 'Verify' && { Signature: { base64: card.value.replace(/\s/g, '') } }),
    SigningAlgorithm: algorithm.value,
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Sign and verify</h3>
      <NameSelect label="Signing algorithm" {...algorithm} onChange={choose(algorithm)} />
      <NameSelect label="Message type" {...messageType} onChange={choose(messageType)} />
      <TextAreaField label="Message (UTF-8 text)" value={text} onChange={card.editText} />
      {externalMuChosen && (
        <>
          <p className="hint" data-testid="mu-explanation">
            {MU_EXPLANATION}
          </p>
          <TextAreaField
            label="μ (64 bytes, hex)"
            rows={2}
            value={muHex}
            spellCheck={false}
            placeholder="128 hex digits"
            onChange={(edited) => {
              setMuHex(edited);
              card.setFound(undefined);
            }}
          />
          <div className="actions">
            <button type="button" onClick={computeMu} disabled={card.call.busy}>
              Compute μ from the message
            </button>
          </div>
        </>
      )}
      {digesting && (
        <p className="hint" data-testid="message-digest">
          MessageType DIGEST: the page computes {digestDescription(algorithm.value)} and sends that
          as the Message, so the text itself never reaches KMS:{' '}
          <code className="wrap">{digest ? toHex(digest) : '…'}</code>
        </p>
      )}
      <KmsRoundTrip card={card} make={sign} takeBack={verify} input={snippetInput}>
        <KmsVerdict trip="Signature" verdict={card.found} />
      </KmsRoundTrip>
    </section>
  );
}
