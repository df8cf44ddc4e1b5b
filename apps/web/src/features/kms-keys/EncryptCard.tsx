import type { EncryptionAlgorithmSpec } from '@kms-lab/core';
import { useId } from 'react';
import { readBase64 } from '../../errors/explain';
import { fromUtf8, utf8 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import type { SnippetInput } from '../../snippets/types';
import { choiceAmong, NameSelect, TextAreaField } from '../shared/Fields';
import { DecryptedText } from '../shared/RoundTrip';
import { preferredEncryption } from './algorithms';
import type { AlgorithmCardProps } from './card-props';
import { KmsRoundTrip, useRoundTripCard } from './KmsRoundTrip';

/**
 * Encrypt and Decrypt with an RSA or SM2 ENCRYPT_DECRYPT key. The ciphertext is the raw
 * RSAES-OAEP or SM2 ciphertext, as AWS returns it: it names no key, so Decrypt must be told
 * the key and the algorithm, and no encryption context is allowed.
 */
export function EncryptCard(props: AlgorithmCardProps<EncryptionAlgorithmSpec>) {
  const { keyId, keyRef, algorithms } = props;
  const card = useRoundTripCard<string>(keyId, 'CiphertextBlob', 'A short secret');
  const preferred = preferredEncryption(algorithms) as EncryptionAlgorithmSpec;
  const algorithm = choiceAmong(algorithms, useRemembered(`${card.memory}.algorithm`, preferred));
  const headingId = useId();
  const keyAndAlgorithm = { KeyId: keyRef, EncryptionAlgorithm: algorithm.value };

  const encrypt = () =>
    card.make(async (kms) => {
      const response = await kms.encrypt({ ...keyAndAlgorithm, Plaintext: utf8(card.text) });
      return response.CiphertextBlob as Uint8Array;
    });
  const decrypt = () =>
    card.takeBack(async (kms) => {
      const ciphertext = readBase64(card.value, 'The ciphertext');
      const response = await kms.decrypt({ ...keyAndAlgorithm, CiphertextBlob: ciphertext });
      card.setFound(fromUtf8(response.Plaintext as Uint8Array));
    });

  const snippetInput: SnippetInput =
    card.shown === 'Encrypt'
      ? { KeyId: keyRef, Plaintext: { utf8: card.text }, EncryptionAlgorithm: algorithm.value }
      : { CiphertextBlob: { base64: card.value.replace(/\s/g, '') }, ...keyAndAlgorithm };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Encrypt and decrypt</h3>
      <p className="muted">
        Anyone with the public key can encrypt without KMS; only a Decrypt request to KMS opens the
        ciphertext. The plaintext is short: RSA_2048 with RSAES_OAEP_SHA_256 takes 190 bytes at
        most.
      </p>
      <NameSelect label="Encryption algorithm" {...algorithm} />
      <TextAreaField label="Plaintext to encrypt" value={card.text} onChange={card.setText} />
      <KmsRoundTrip card={card} make={encrypt} takeBack={decrypt} input={snippetInput}>
        <DecryptedText text={card.found} />
      </KmsRoundTrip>
    </section>
  );
}
