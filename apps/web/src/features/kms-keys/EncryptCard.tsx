import type { EncryptionAlgorithmSpec } from '@kms-lab/core';
import { useId } from 'react';
import { FailureNotice } from '../../errors/FailureNotice';
import { fromUtf8, toBase64, utf8 } from '../../lib/bytes';
import { useRemembered } from '../../lib/remembered';
import type { SnippetInput } from '../../snippets/types';
import { Busy } from '../shared/Busy';
import { preferredEncryption } from './algorithms';
import { CardSnippets } from './CardSnippets';
import type { KeyCardProps } from './card-props';
import { readBase64, useKmsCall } from './use-kms-call';

/**
 * Encrypt and Decrypt with an RSA or SM2 ENCRYPT_DECRYPT key. The ciphertext is the raw
 * RSAES-OAEP or SM2 ciphertext, as AWS returns it: it names no key, so Decrypt must be told
 * the key and the algorithm, and no encryption context is allowed.
 */
export function EncryptCard({
  keyId,
  keyRef,
  algorithms,
}: KeyCardProps & { algorithms: readonly EncryptionAlgorithmSpec[] }) {
  const memory = `kms.${keyId}.encrypt`;
  const [algorithm, setAlgorithm] = useRemembered<EncryptionAlgorithmSpec>(
    `${memory}.algorithm`,
    preferredEncryption(algorithms) as EncryptionAlgorithmSpec,
  );
  const [plaintext, setPlaintext] = useRemembered(`${memory}.plaintext`, 'A short secret');
  const [ciphertext, setCiphertext] = useRemembered(`${memory}.ciphertext`, '');
  const [decrypted, setDecrypted] = useRemembered<string | undefined>(`${memory}.out`, undefined);
  const [shown, setShown] = useRemembered<'Encrypt' | 'Decrypt'>(`${memory}.shown`, 'Encrypt');
  const call = useKmsCall(`${memory}.failure`);
  const ids = { heading: useId(), algorithm: useId(), plaintext: useId(), ciphertext: useId() };

  function encrypt() {
    setShown('Encrypt');
    setDecrypted(undefined);
    void call.run(async (kms) => {
      const response = await kms.encrypt({
        KeyId: keyRef,
        Plaintext: utf8(plaintext),
        EncryptionAlgorithm: algorithm,
      });
      setCiphertext(toBase64(response.CiphertextBlob as Uint8Array));
    });
  }

  function decrypt() {
    setShown('Decrypt');
    setDecrypted(undefined);
    void call.run(async (kms) => {
      const response = await kms.decrypt({
        CiphertextBlob: readBase64(ciphertext, 'The ciphertext'),
        KeyId: keyRef,
        EncryptionAlgorithm: algorithm,
      });
      setDecrypted(fromUtf8(response.Plaintext as Uint8Array));
    });
  }

  const snippetInput: SnippetInput =
    shown === 'Encrypt'
      ? { KeyId: keyRef, Plaintext: { utf8: plaintext }, EncryptionAlgorithm: algorithm }
      : {
          CiphertextBlob: { base64: ciphertext.replace(/\s/g, '') },
          KeyId: keyRef,
          EncryptionAlgorithm: algorithm,
        };

  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>Encrypt and decrypt</h3>
      <p className="muted">
        Anyone with the public key can encrypt without KMS; only a Decrypt request to KMS opens the
        ciphertext. The plaintext is short: RSA_2048 with RSAES_OAEP_SHA_256 takes 190 bytes at
        most.
      </p>
      <div className="field">
        <label htmlFor={ids.algorithm}>Encryption algorithm</label>
        <select
          id={ids.algorithm}
          value={algorithm}
          onChange={(event) => setAlgorithm(event.target.value as EncryptionAlgorithmSpec)}
        >
          {algorithms.map((each) => (
            <option key={each}>{each}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.plaintext}>Plaintext to encrypt</label>
        <textarea
          id={ids.plaintext}
          rows={2}
          value={plaintext}
          onChange={(event) => setPlaintext(event.target.value)}
        />
      </div>
      <div className="actions">
        <button type="button" onClick={encrypt} disabled={call.busy}>
          Encrypt
        </button>
        <button type="button" onClick={decrypt} disabled={call.busy || ciphertext.trim() === ''}>
          Decrypt
        </button>
      </div>
      {call.busy && <Busy label="Waiting for KMS Lab" />}
      <div className="field">
        <label htmlFor={ids.ciphertext}>Ciphertext (base64)</label>
        <textarea
          id={ids.ciphertext}
          rows={3}
          value={ciphertext}
          spellCheck={false}
          onChange={(event) => {
            setCiphertext(event.target.value);
            setDecrypted(undefined);
          }}
        />
      </div>
      <p>
        Decrypted: <output data-testid="decrypted-text">{decrypted ?? ''}</output>
      </p>
      {call.failure && <FailureNotice failure={call.failure} />}
      <CardSnippets operation={shown} input={snippetInput} />
    </section>
  );
}
