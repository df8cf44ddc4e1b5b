import { lazy, Suspense } from 'react';
import type { KeySummary } from '../../kms/key-summary';
import { formatDate } from '../../lib/format';
import { Breakable } from '../../output/Breakable';
import { useLab } from '../../state/store';
import { KeyAliases } from './KeyAliases';
import { KeyGrants } from './KeyGrants';
import { KeyInspect } from './KeyInspect';
import { KeyLifecycle } from './KeyLifecycle';
import { KeyPolicy } from './KeyPolicy';
import { KeyRotation } from './KeyRotation';

// Loaded with the first key that needs them: they are not in the start bundle.
const ImportKeyMaterial = lazy(() => import('./import/ImportKeyMaterial'));
const KeyTryEncrypt = lazy(() => import('./KeyTryEncrypt'));
const KeyReplicas = lazy(() => import('./KeyReplicas'));

/** One master key: metadata, and every change the AWS API allows. */
export function KeyDetails({ summary }: { summary: KeySummary }) {
  const name = summary.aliases[0] ?? summary.keyId;
  const openKmsKey = useLab((state) => state.openKmsKey);
  const symmetric = summary.keySpec === 'SYMMETRIC_DEFAULT';
  return (
    <section
      className="card key-details"
      aria-labelledby="key-details-heading"
      data-testid="key-details"
    >
      <h3 id="key-details-heading">Key {name}</h3>
      <dl className="facts">
        <dt>Key ID</dt>
        <dd>
          <code data-testid="selected-key-id">
            <Breakable text={summary.keyId} />
          </code>
        </dd>
        <dt>ARN</dt>
        <dd>
          <code>
            <Breakable text={summary.arn} />
          </code>
        </dd>
        <dt>State</dt>
        <dd data-testid="selected-key-state">{summary.state}</dd>
        <dt>Key spec</dt>
        <dd>
          {summary.keySpec} ({summary.keyUsage})
        </dd>
        {symmetric && (
          <>
            <dt>Key material</dt>
            <dd data-testid="selected-key-exportable">
              {summary.exportable
                ? 'Exportable: a lab file exported with master keys carries it'
                : 'Not exportable: it never leaves this browser'}
            </dd>
          </>
        )}
        {summary.origin === 'EXTERNAL' && (
          <>
            <dt>Origin</dt>
            <dd data-testid="selected-key-origin">
              EXTERNAL (imported key material)
              {summary.imported &&
                `: ${summary.imported.expirationModel}${summary.imported.validTo ? ` until ${formatDate(summary.imported.validTo)}` : ''}`}
            </dd>
          </>
        )}
        {summary.multiRegion && (
          <>
            <dt>Regions</dt>
            <dd data-testid="selected-key-regions">
              {summary.multiRegion.regions
                .map((region) =>
                  region === summary.multiRegion?.primaryRegion ? `${region} (primary)` : region,
                )
                .join(', ')}
            </dd>
          </>
        )}
        <dt>Description</dt>
        <dd>{summary.description || '—'}</dd>
        <dt>Created</dt>
        <dd>{formatDate(summary.createdAt)}</dd>
        {summary.deletionDate && (
          <>
            <dt>Deletion date</dt>
            <dd>{formatDate(summary.deletionDate)}</dd>
          </>
        )}
      </dl>
      {!symmetric && (
        <div className="actions">
          <button type="button" onClick={() => openKmsKey(summary.keyId)}>
            Use this key
          </button>
          <span className="muted">
            {summary.keyUsage} on the Use a KMS key screen (it does not wrap data key pairs).
          </span>
        </div>
      )}
      <Suspense fallback={null}>
        {summary.origin === 'EXTERNAL' && <ImportKeyMaterial summary={summary} />}
        {symmetric && summary.origin === 'EXTERNAL' && !summary.multiRegion && (
          <KeyTryEncrypt summary={summary} />
        )}
        {summary.multiRegion && <KeyReplicas summary={summary} />}
      </Suspense>
      <KeyInspect summary={summary} />
      <KeyLifecycle summary={summary} />
      <KeyAliases summary={summary} />
      {symmetric && <KeyRotation summary={summary} />}
      <KeyGrants summary={summary} />
      <KeyPolicy summary={summary} />
    </section>
  );
}
