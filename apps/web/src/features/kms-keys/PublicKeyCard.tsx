import { useId } from 'react';
import { FailureNotice } from '../../errors/FailureNotice';
import { useRemembered } from '../../lib/remembered';
import { KeyField } from '../../output/KeyField';
import { Busy } from '../shared/Busy';
import { CardSnippets } from './CardSnippets';
import type { KeyCardProps } from './card-props';
import { useKmsCall } from './use-kms-call';

interface PublicKeyResult {
  publicKey: Uint8Array;
  keySpec: string;
  keyUsage: string;
  algorithms: string[];
}

/** GetPublicKey: the one half of the key pair that leaves KMS, as PEM, base64, hex, ASN.1. */
export function PublicKeyCard({ keyId, keyRef }: KeyCardProps) {
  const memory = `kms.${keyId}.publicKey`;
  const [result, setResult] = useRemembered<PublicKeyResult | undefined>(memory, undefined);
  const call = useKmsCall(`${memory}.failure`);
  const headingId = useId();

  function getPublicKey() {
    void call.run(async (kms) => {
      const response = await kms.getPublicKey({ KeyId: keyRef });
      setResult({
        publicKey: response.PublicKey as Uint8Array,
        keySpec: response.KeySpec ?? '',
        keyUsage: response.KeyUsage ?? '',
        algorithms: [
          ...(response.SigningAlgorithms ?? []),
          ...(response.EncryptionAlgorithms ?? []),
          ...(response.KeyAgreementAlgorithms ?? []),
          ...(response.EncapsulationAlgorithms ?? []),
        ],
      });
    });
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Get the public key</h3>
      <p className="muted">
        Anyone may have the public key: to verify signatures offline, to encrypt to the key, to
        agree on a secret with it, or to encapsulate a secret to it. Its private key stays in KMS.
      </p>
      <div className="actions">
        <button type="button" onClick={getPublicKey} disabled={call.busy}>
          Get public key
        </button>
      </div>
      {call.busy && <Busy label="Getting the public key" />}
      {call.failure && <FailureNotice failure={call.failure} />}
      {result && (
        <>
          <dl className="facts">
            <dt>KeySpec</dt>
            <dd data-testid="public-key-spec">{result.keySpec}</dd>
            <dt>KeyUsage</dt>
            <dd>{result.keyUsage}</dd>
            <dt>Algorithms</dt>
            <dd>{result.algorithms.join(', ')}</dd>
          </dl>
          <KeyField
            half="public"
            field="PublicKey"
            bytes={result.publicKey}
            fileBase="kms-public-key"
          />
        </>
      )}
      <CardSnippets operation="GetPublicKey" input={{ KeyId: keyRef }} />
    </section>
  );
}
