import type { MultiRegionConfiguration } from '@kms-lab/core';
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { FailureNotice } from '../../errors/FailureNotice';
import type { KeySummary } from '../../kms/key-summary';
import { getKms } from '../../kms/runtime';
import { Breakable } from '../../output/Breakable';
import { useLab } from '../../state/store';

const KeyTryEncrypt = lazy(() => import('./KeyTryEncrypt'));

/** The Regions a replica can go to, beside the app's own (us-east-1): a few, on three continents. */
export const REPLICA_REGIONS = ['us-west-2', 'eu-west-1', 'ap-southeast-2'] as const;

/**
 * A multi-Region key's Regions: DescribeKey's MultiRegionConfiguration, ReplicateKey to
 * another Region, UpdatePrimaryRegion, and (symmetric keys) encrypting in one Region and
 * decrypting in another. Loaded with the first multi-Region key shown.
 */
export default function KeyReplicas({ summary }: { summary: KeySummary }) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const lastRequest = useLab((state) => state.recentKeyOperations[0]);
  const KeyId = summary.keyId;
  const { primaryRegion, regions } = summary.multiRegion ?? { primaryRegion: '', regions: [] };
  const replicable = REPLICA_REGIONS.filter((region) => !regions.includes(region));
  const others = regions.filter((region) => region !== primaryRegion);
  const [replicaRegion, setReplicaRegion] = useState<string>();
  const [newPrimary, setNewPrimary] = useState<string>();
  const [configuration, setConfiguration] = useState<MultiRegionConfiguration>();
  const [sent, setSent] = useState<string>();
  const ids = { heading: useId(), replica: useId(), primary: useId() };
  const regionsKey = `${primaryRegion} ${regions.join(' ')}`;

  // Read quietly each time the key's Regions change: the learner's own requests are recorded.
  useEffect(() => {
    void regionsKey;
    let current = true;
    void getKms()
      .then((kms) => kms.describeKey({ KeyId }))
      .then(
        (described) => current && setConfiguration(described.KeyMetadata?.MultiRegionConfiguration),
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [KeyId, regionsKey]);

  async function replicate() {
    const ReplicaRegion =
      replicaRegion && replicable.includes(replicaRegion as never) ? replicaRegion : replicable[0];
    if (!ReplicaRegion) return;
    setSent('ReplicateKey');
    const input = { KeyId, ReplicaRegion };
    // Asked of the primary key, in its Region.
    await run('ReplicateKey', input, (kms) => kms.replicateKey(input), primaryRegion);
  }

  async function updatePrimary() {
    const PrimaryRegion = newPrimary && others.includes(newPrimary) ? newPrimary : others[0];
    if (!PrimaryRegion) return;
    setSent('UpdatePrimaryRegion');
    const input = { KeyId, PrimaryRegion };
    await run('UpdatePrimaryRegion', input, (kms) => kms.updatePrimaryRegion(input), primaryRegion);
  }

  const failure =
    sent !== undefined && lastRequest?.operation === sent ? lastRequest.failure : undefined;
  const entries = configuration
    ? [
        { role: 'Primary', ...configuration.PrimaryKey },
        ...(configuration.ReplicaKeys ?? []).map((replica) => ({ role: 'Replica', ...replica })),
      ]
    : [];

  return (
    <section className="group" aria-labelledby={ids.heading} data-testid="key-regions">
      <h4 id={ids.heading}>Regions of this multi-Region key</h4>
      <p>
        The primary key and its replicas are related keys: one key ID and the same key material in
        each Region, each with its own ARN, state, aliases and policy. This page's key is the one in{' '}
        us-east-1; the primary is in <strong data-testid="primary-region">{primaryRegion}</strong>.
      </p>
      <ul className="region-list" aria-label="MultiRegionConfiguration">
        {entries.map((entry) => (
          <li key={entry.Region} data-testid="region-entry" data-region={entry.Region}>
            <strong>{entry.role}</strong> in {entry.Region}:{' '}
            <code>
              <Breakable text={entry.Arn ?? ''} />
            </code>
          </li>
        ))}
      </ul>
      {replicable.length > 0 && (
        <div className="field">
          <label htmlFor={ids.replica}>Replicate to Region</label>
          <select
            id={ids.replica}
            value={
              replicaRegion && replicable.includes(replicaRegion as never)
                ? replicaRegion
                : replicable[0]
            }
            onChange={(event) => setReplicaRegion(event.target.value)}
          >
            {replicable.map((region) => (
              <option key={region}>{region}</option>
            ))}
          </select>
          <div className="actions">
            <button type="button" disabled={pending} onClick={() => void replicate()}>
              Replicate key
            </button>
          </div>
        </div>
      )}
      {others.length > 0 && (
        <div className="field">
          <label htmlFor={ids.primary}>New primary Region</label>
          <select
            id={ids.primary}
            value={newPrimary && others.includes(newPrimary) ? newPrimary : others[0]}
            onChange={(event) => setNewPrimary(event.target.value)}
          >
            {others.map((region) => (
              <option key={region}>{region}</option>
            ))}
          </select>
          <p className="muted hint">
            UpdatePrimaryRegion makes that Region's replica the primary, and this one a replica.
            Only the primary can be replicated, or have its rotation changed.
          </p>
          <div className="actions">
            <button type="button" disabled={pending} onClick={() => void updatePrimary()}>
              Update primary Region
            </button>
          </div>
        </div>
      )}
      {failure && <FailureNotice failure={failure} />}
      {summary.keySpec === 'SYMMETRIC_DEFAULT' && regions.length > 1 && (
        <Suspense fallback={null}>
          <KeyTryEncrypt key={regions.join(' ')} summary={summary} regions={regions} />
        </Suspense>
      )}
    </section>
  );
}
