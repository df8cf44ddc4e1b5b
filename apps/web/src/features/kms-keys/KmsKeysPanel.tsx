import type { KeySpec } from '@kms-lab/core';
import { useEffect, useId, useState } from 'react';
import { type ExplainedFailure, explainFailure } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import type { KeySummary } from '../../kms/key-summary';
import { getKms } from '../../kms/runtime';
import { useRemembered } from '../../lib/remembered';
import { Breakable } from '../../output/Breakable';
import { useLab } from '../../state/store';
import { AgreementCard } from './AgreementCard';
import type { KeyAlgorithms } from './algorithms';
import { Comparison } from './Comparison';
import { EncapsulateCard } from './EncapsulateCard';
import { EncryptCard } from './EncryptCard';
import { keyRefOf } from './key-ref';
import { MacCard } from './MacCard';
import { PublicKeyCard } from './PublicKeyCard';
import { isAgreementSpec } from './peer';
import { ReEncryptCard } from './ReEncryptCard';
import { SignCard } from './SignCard';

const keyLabel = (key: KeySummary) =>
  [keyRefOf(key), key.keySpec, key.keyUsage, key.state === 'Enabled' ? '' : key.state]
    .filter(Boolean)
    .join(' · ');

/** Asymmetric and HMAC KMS keys: every operation whose private half stays in KMS. */
export default function KmsKeysPanel() {
  const keys = useLab((state) => state.keys);
  const loaded = useLab((state) => state.keysLoaded);
  const wanted = useLab((state) => state.kmsKeyId);
  const chooseKmsKey = useLab((state) => state.chooseKmsKey);
  const setView = useLab((state) => state.setView);
  const selectId = useId();
  // Newest first, so a key just made on the Keys screen is the one chosen.
  const usable = keys.filter((key) => key.keySpec !== 'SYMMETRIC_DEFAULT').reverse();
  const chosen = usable.find((key) => key.keyId === wanted) ?? usable[0];

  return (
    <div className="kms-keys-panel">
      <h2>Use a KMS key</h2>
      <p className="lead">
        Sign, verify, decrypt, agree on a secret, encapsulate one (ML-KEM) and make MACs with
        asymmetric and HMAC KMS keys, post-quantum ML-DSA and ML-KEM keys included: each one a
        request to KMS, with the private key kept inside. And re-encrypt any ciphertext under
        another key.
      </p>
      <Comparison />
      <section className="card" aria-labelledby={`${selectId}-heading`}>
        <h3 id={`${selectId}-heading`}>Choose a KMS key</h3>
        {!loaded ? (
          <p role="status">Loading keys…</p>
        ) : usable.length === 0 ? (
          <div className="actions">
            <p className="empty" data-testid="no-kms-keys">
              No asymmetric or HMAC key yet: create one on the Keys screen (pick a key spec such as
              ECC_NIST_P256, ML_DSA_65 or ML_KEM_768, and its key usage).
            </p>
            <button type="button" onClick={() => setView('keys')}>
              Open the Keys screen
            </button>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={selectId}>KMS key</label>
            <select
              id={selectId}
              value={chosen?.keyId}
              onChange={(event) => chooseKmsKey(event.target.value)}
            >
              {usable.map((key) => (
                <option key={key.keyId} value={key.keyId}>
                  {keyLabel(key)}
                </option>
              ))}
            </select>
          </div>
        )}
        {chosen && <KeyFacts key={chosen.keyId} summary={chosen} />}
      </section>
      {chosen && <KeyCards key={chosen.keyId} summary={chosen} />}
      <ReEncryptCard />
    </div>
  );
}

function KeyFacts({ summary }: { summary: KeySummary }) {
  return (
    <dl className="facts" data-testid="kms-key-facts">
      <dt>Key ID</dt>
      <dd>
        <code data-testid="kms-key-id">
          <Breakable text={summary.keyId} />
        </code>
      </dd>
      <dt>KeySpec</dt>
      <dd data-testid="kms-key-spec">{summary.keySpec}</dd>
      <dt>KeyUsage</dt>
      <dd data-testid="kms-key-usage">{summary.keyUsage}</dd>
      <dt>State</dt>
      <dd>{summary.state}</dd>
    </dl>
  );
}

/** The key's algorithm lists, as DescribeKey gives them (they follow its spec and usage). */
function useKeyAlgorithms(keyId: string) {
  const [algorithms, setAlgorithms] = useRemembered<KeyAlgorithms | undefined>(
    `kms.${keyId}.algorithms`,
    undefined,
  );
  const [failure, setFailure] = useState<ExplainedFailure>();
  useEffect(() => {
    if (algorithms) return;
    let current = true;
    getKms()
      .then((kms) => kms.describeKey({ KeyId: keyId }))
      .then(
        ({ KeyMetadata }) =>
          current &&
          setAlgorithms({
            signing: KeyMetadata?.SigningAlgorithms ?? [],
            encryption: KeyMetadata?.EncryptionAlgorithms ?? [],
            keyAgreement: KeyMetadata?.KeyAgreementAlgorithms ?? [],
            mac: KeyMetadata?.MacAlgorithms ?? [],
            encapsulation: KeyMetadata?.EncapsulationAlgorithms ?? [],
          }),
        (error: unknown) => current && setFailure(explainFailure(error)),
      );
    return () => {
      current = false;
    };
  }, [keyId, algorithms, setAlgorithms]);
  return { algorithms, failure };
}

/** The cards of the key's usage. */
function KeyCards({ summary }: { summary: KeySummary }) {
  const { algorithms, failure } = useKeyAlgorithms(summary.keyId);
  const props = { keyId: summary.keyId, keyRef: keyRefOf(summary) };
  const spec = summary.keySpec as KeySpec;
  if (failure) return <FailureNotice failure={failure} />;
  if (!algorithms) return <p role="status">Reading the key&apos;s algorithms (DescribeKey)…</p>;
  switch (summary.keyUsage) {
    case 'SIGN_VERIFY':
      return (
        <>
          <PublicKeyCard {...props} />
          <SignCard {...props} algorithms={algorithms.signing} />
        </>
      );
    case 'ENCRYPT_DECRYPT':
      return (
        <>
          <PublicKeyCard {...props} />
          <EncryptCard {...props} algorithms={algorithms.encryption} />
        </>
      );
    case 'KEY_AGREEMENT':
      return (
        <>
          <PublicKeyCard {...props} />
          {isAgreementSpec(spec) && (
            <AgreementCard {...props} spec={spec} algorithms={algorithms.keyAgreement} />
          )}
        </>
      );
    case 'ENCAPSULATE_DECAPSULATE':
      return (
        <>
          <PublicKeyCard {...props} />
          <EncapsulateCard {...props} spec={spec} algorithms={algorithms.encapsulation} />
        </>
      );
    case 'GENERATE_VERIFY_MAC':
      return (
        <>
          <p className="muted">An HMAC key is secret through and through: it has no public key.</p>
          <MacCard {...props} algorithms={algorithms.mac} />
        </>
      );
    default:
      return <p className="muted">KMS Lab has no card for {summary.keyUsage} keys.</p>;
  }
}
