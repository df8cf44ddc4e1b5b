import type { MacAlgorithmSpec } from '@kms-lab/core';
import { useId } from 'react';
import { readBase64 } from '../../errors/explain';
import { utf8 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import type { SnippetInput } from '../../snippets/types';
import { choiceAmong, NameSelect, TextAreaField } from '../shared/Fields';
import type { Verdict } from '../shared/RoundTrip';
import type { AlgorithmCardProps } from './card-props';
import { KmsRoundTrip, KmsVerdict, recordVerdict, useRoundTripCard } from './KmsRoundTrip';

/** GenerateMac and VerifyMac with an HMAC key, which never leaves KMS either. */
export function MacCard({ keyId, keyRef, algorithms }: AlgorithmCardProps<MacAlgorithmSpec>) {
  const card = useRoundTripCard<Verdict>(keyId, 'Mac', 'user=alice;expires=2030-01-01');
  const algorithm = choiceAmong(
    algorithms,
    useRemembered(`${card.memory}.algorithm`, algorithms[0] as MacAlgorithmSpec),
  );
  const headingId = useId();
  const request = { KeyId: keyRef, Message: utf8(card.text), MacAlgorithm: algorithm.value };

  const generate = () =>
    card.make(async (kms) => (await kms.generateMac(request)).Mac as Uint8Array);
  const verify = () =>
    card.takeBack((kms) => {
      const verifying = kms.verifyMac({ ...request, Mac: readBase64(card.value, 'The MAC') });
      return recordVerdict(verifying, 'KMSInvalidMacException', card.setFound);
    });

  const snippetInput: SnippetInput = {
    KeyId: keyRef,
    Message: { utf8: card.text },
    ...(card.shown === 'VerifyMac' && { Mac: { base64: card.value.replace(/\s/g, '') } }),
    MacAlgorithm: algorithm.value,
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Generate and verify a MAC</h3>
      <p className="muted">
        An HMAC proves a message came from someone who may use this key, and was not changed. Unlike
        a signature, checking it needs the key too: VerifyMac is a request to KMS.
      </p>
      <NameSelect label="MAC algorithm" {...algorithm} />
      <TextAreaField label="Message (UTF-8 text)" value={card.text} onChange={card.editText} />
      <KmsRoundTrip card={card} make={generate} takeBack={verify} input={snippetInput}>
        <KmsVerdict trip="Mac" verdict={card.found} />
      </KmsRoundTrip>
    </section>
  );
}
