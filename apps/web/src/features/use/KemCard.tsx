/**
 * "Use the pair" for an ML-KEM data key pair: encapsulate to the public key, decapsulate with
 * the private key, and see both sides hold the same shared secret. ML-KEM neither signs nor
 * encrypts, so this card replaces the sign and encrypt cards for these pairs.
 */
import { KEY_PAIR_SPECS } from '@kms-lab/core';
import { useId, useState } from 'react';
import type { SessionPair } from '../../crypto/session-pairs';
import { callCrypto } from '../../crypto/worker-client';
import { inputError, readBase64 } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { toBase64 } from '../../lib/bytes';
import { fingerprintOf } from '../../lib/fingerprint';
import { Snippets } from '../../output/Snippets';
import { nodeEncapsulateDecapsulate } from '../../snippets/ml-kem';
import { RoundTrip } from '../shared/RoundTrip';
import { SecretComparison } from '../shared/SecretComparison';
import { useJourney, useWork } from './PairCards';

/** What a KEM is and why a data key pair of this kind exists, in one breath. */
export const KEM_EXPLANATION =
  'A key encapsulation mechanism (KEM) turns a public key into a fresh random secret plus a ciphertext that carries it: anyone can make one, and only the private key gets the secret back out. An ML-KEM data key pair gives you that with a post-quantum algorithm (FIPS 203), while KMS keeps the private key encrypted under your master key until you need it.';

/** The ciphertext length of a spec: a wrong one is refused here, before the worker. */
function ciphertextBytesOf(pair: SessionPair): number {
  const info = KEY_PAIR_SPECS[pair.spec];
  return info.family === 'ml-kem' ? info.ciphertextBytes : 0;
}

export function KemCard({ pair }: { pair: SessionPair }) {
  const [ciphertext, setCiphertext] = useState('');
  const [encapsulated, setEncapsulated] = useState<Uint8Array>();
  const [decapsulated, setDecapsulated] = useState<Uint8Array>();
  const { busy, failure, run } = useWork();
  const headingId = useId();
  const journey = useJourney(pair);
  const expected = ciphertextBytesOf(pair);

  function encapsulate() {
    run(async () => {
      setDecapsulated(undefined);
      const made = await callCrypto('encapsulate', pair.spec, pair.publicKey);
      const outputBase64 = toBase64(made.ciphertext);
      setEncapsulated(made.sharedSecret);
      setCiphertext(outputBase64);
      journey.publicKeyUsed({
        kind: 'encapsulate',
        algorithm: 'ML_KEM',
        outputBase64,
        secretFingerprint: await fingerprintOf(made.sharedSecret),
      });
    });
  }
  function decapsulate() {
    run(async () => {
      if (!pair.privateKey) throw inputError('This pair has no private key in this tab.');
      const bytes = readBase64(ciphertext, 'The ciphertext');
      if (bytes.length !== expected)
        throw inputError(
          `The ciphertext is ${bytes.length} bytes; an ${pair.spec} ciphertext is ${expected} bytes.`,
        );
      setDecapsulated(await callCrypto('decapsulate', pair.spec, pair.privateKey, bytes));
      journey.privateKeyUsed({ kind: 'decapsulate', algorithm: 'ML_KEM' });
    });
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Encapsulate and decapsulate</h3>
      <p className="muted" data-testid="kem-explanation">
        {KEM_EXPLANATION}
      </p>
      <p className="hint">
        Encapsulate to the public key, decapsulate with the private key: a 32-byte shared secret and
        a {expected}-byte ciphertext. Use the secret as a key (AES-256-GCM, or through HKDF) for
        your data, and keep the ciphertext beside it.
      </p>
      <RoundTrip
        make={{ label: 'Encapsulate', onClick: encapsulate }}
        takeBack={{
          label: 'Decapsulate with private key',
          onClick: decapsulate,
          disabled: !pair.privateKey,
        }}
        busy={busy && 'Working'}
        value={{
          label: 'Ciphertext (base64)',
          rows: 4,
          text: ciphertext,
          onChange: (text) => {
            setCiphertext(text);
            setDecapsulated(undefined);
          },
        }}
      >
        <SecretComparison
          encapsulated={encapsulated}
          decapsulated={decapsulated}
          decapsulatedBy="the pair's private key"
        />
      </RoundTrip>
      {failure && <FailureNotice failure={failure} />}
      <Snippets
        heading="Node.js encapsulate and decapsulate (public-key.pem, private-key.pem)"
        snippets={[
          {
            title: 'Node.js encapsulate and decapsulate',
            language: 'typescript',
            code: nodeEncapsulateDecapsulate(),
          },
        ]}
      />
    </section>
  );
}
