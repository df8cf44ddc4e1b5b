import type { EncapsulationAlgorithmSpec, KeySpec } from '@kms-lab/core';
import { useId } from 'react';
import { readBase64 } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { toBase64 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import type { SnippetInput } from '../../snippets/types';
import { Busy } from '../shared/Busy';
import { choiceAmong, NameSelect, TextAreaField } from '../shared/Fields';
import { SecretComparison } from '../shared/SecretComparison';
import { CardSnippets } from './CardSnippets';
import type { AlgorithmCardProps } from './card-props';
import { useKmsCall } from './use-kms-call';

/** FIPS 203, Table 3: the ciphertext of each ML-KEM KMS key spec, in bytes. */
const CIPHERTEXT_BYTES: Partial<Record<KeySpec, number>> = {
  ML_KEM_512: 768,
  ML_KEM_768: 1088,
  ML_KEM_1024: 1568,
};

/**
 * Encapsulate and Decapsulate with an ML-KEM KMS key (ENCAPSULATE_DECAPSULATE): KMS makes a
 * shared secret and the ciphertext that carries it, and only KMS, holding the private key,
 * gets the secret back out of the ciphertext. The ciphertext stays editable: an altered one
 * of the right length gives another secret (implicit rejection), one of the wrong length
 * InvalidCiphertextException, as AWS documents.
 */
export function EncapsulateCard({
  keyId,
  keyRef,
  spec,
  algorithms,
}: AlgorithmCardProps<EncapsulationAlgorithmSpec> & { spec: KeySpec }) {
  const memory = `kms.${keyId}.kem`;
  const algorithm = choiceAmong(algorithms, useRemembered(`${memory}.algorithm`, 'ML_KEM'));
  const [ciphertext, setCiphertext] = useRemembered(`${memory}.ciphertext`, '');
  const [encapsulated, setEncapsulated] = useRemembered<Uint8Array | undefined>(
    `${memory}.encapsulated`,
    undefined,
  );
  const [decapsulated, setDecapsulated] = useRemembered<Uint8Array | undefined>(
    `${memory}.decapsulated`,
    undefined,
  );
  const [shown, setShown] = useRemembered<'Encapsulate' | 'Decapsulate'>(
    `${memory}.shown`,
    'Encapsulate',
  );
  const call = useKmsCall(`${memory}.failure`);
  const headingId = useId();

  function encapsulate() {
    setShown('Encapsulate');
    setDecapsulated(undefined);
    void call.run(async (kms) => {
      const response = await kms.encapsulate({
        KeyId: keyRef,
        EncapsulationAlgorithm: algorithm.value,
      });
      setEncapsulated(response.SharedSecret as Uint8Array);
      setCiphertext(toBase64(response.SharedSecretCiphertextBlob as Uint8Array));
    });
  }
  function decapsulate() {
    setShown('Decapsulate');
    setDecapsulated(undefined);
    void call.run(async (kms) => {
      const response = await kms.decapsulate({
        KeyId: keyRef,
        SharedSecretCiphertextBlob: readBase64(ciphertext, 'The ciphertext'),
        EncapsulationAlgorithm: algorithm.value,
      });
      setDecapsulated(response.SharedSecret as Uint8Array);
    });
  }

  const snippetInput: SnippetInput =
    shown === 'Encapsulate'
      ? { KeyId: keyRef, EncapsulationAlgorithm: algorithm.value }
      : {
          KeyId: keyRef,
          SharedSecretCiphertextBlob: { base64: ciphertext.replace(/\s/g, '') },
          EncapsulationAlgorithm: algorithm.value,
        };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Encapsulate and decapsulate</h3>
      <p className="muted">
        A key encapsulation mechanism (KEM) makes a fresh shared secret and a ciphertext that
        carries it; only the private key gets the secret back. Encapsulate asks KMS for both (or
        anyone encapsulates offline to the public key); Decapsulate sends the ciphertext to KMS,
        where the private key stays, and returns the 32-byte secret.
      </p>
      <NameSelect label="Encapsulation algorithm" {...algorithm} />
      <div className="actions">
        <button type="button" onClick={encapsulate} disabled={call.busy}>
          Encapsulate
        </button>
        <button
          type="button"
          onClick={decapsulate}
          disabled={call.busy || ciphertext.trim() === ''}
        >
          Decapsulate
        </button>
      </div>
      {call.busy && <Busy label="Waiting for KMS Lab" />}
      <TextAreaField
        label="SharedSecretCiphertextBlob (base64)"
        rows={4}
        value={ciphertext}
        spellCheck={false}
        onChange={(text) => {
          setCiphertext(text);
          setDecapsulated(undefined);
        }}
      />
      <p className="hint">
        {spec} ciphertexts are {CIPHERTEXT_BYTES[spec] ?? '?'} bytes; KMS answers another length
        with InvalidCiphertextException.
      </p>
      <SecretComparison
        encapsulated={encapsulated}
        decapsulated={decapsulated}
        decapsulatedBy="KMS (Decapsulate)"
      />
      {call.failure && <FailureNotice failure={call.failure} />}
      <CardSnippets operation={shown} input={snippetInput} />
    </section>
  );
}
