import { type FormEvent, useState } from 'react';
import type { KeySummary } from '../../kms/key-summary';
import { formatDate } from '../../lib/format';
import { useLab } from '../../state/store';

/** Automatic and on-demand rotation, and the key materials rotation has made. */
export function KeyRotation({ summary }: { summary: KeySummary }) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const [periodDays, setPeriodDays] = useState(String(summary.rotation.periodDays));
  const KeyId = summary.keyId;

  // The number inputs carry no min/max: an out-of-range value reaches the engine, whose
  // ValidationException (with AWS's message) is part of the lesson.
  function saveRotation(event: FormEvent) {
    event.preventDefault();
    const input = { KeyId, RotationPeriodInDays: Number(periodDays) };
    void run('EnableKeyRotation', input, (kms) => kms.enableKeyRotation(input));
  }

  return (
    <section className="group" aria-labelledby="rotation-heading">
      <h4 id="rotation-heading">Rotation</h4>
      <p data-testid="rotation-status">
        Automatic rotation is <strong>{summary.rotation.enabled ? 'on' : 'off'}</strong>
        {summary.rotation.enabled &&
          `: every ${summary.rotation.periodDays} days, next on ${formatDate(summary.rotation.nextRotationDate)}`}
        . On-demand rotations: {summary.rotation.onDemandCount} of 25.
      </p>
      <form className="inline-form" onSubmit={saveRotation}>
        <label>
          Rotation period (days)
          <input
            type="number"
            value={periodDays}
            onChange={(event) => setPeriodDays(event.target.value)}
            className="days-input"
          />
        </label>
        <button type="submit" disabled={pending}>
          {summary.rotation.enabled ? 'Update automatic rotation' : 'Enable automatic rotation'}
        </button>
        {summary.rotation.enabled && (
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              void run('DisableKeyRotation', { KeyId }, (kms) => kms.disableKeyRotation({ KeyId }))
            }
          >
            Disable automatic rotation
          </button>
        )}
      </form>
      <div className="actions">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            void run('RotateKeyOnDemand', { KeyId }, (kms) => kms.rotateKeyOnDemand({ KeyId }))
          }
        >
          Rotate now
        </button>
      </div>
      {/* The table scrolls inside its own box, so a narrow screen never scrolls the page. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="table-scroll" aria-label="Key materials table" tabIndex={0}>
        <table className="rotations" data-testid="rotations-table">
          <caption>Key materials (ListKeyRotations, ALL_KEY_MATERIAL)</caption>
          <thead>
            <tr>
              <th scope="col">KeyMaterialId</th>
              <th scope="col">Made</th>
              <th scope="col">RotationType</th>
              <th scope="col">KeyMaterialState</th>
            </tr>
          </thead>
          <tbody>
            {summary.materials.map((material) => (
              <tr key={material.keyMaterialId} data-testid="rotation-row">
                <td>
                  <code title={material.keyMaterialId}>{material.keyMaterialId.slice(0, 16)}…</code>
                </td>
                <td>{formatDate(material.createdAt)}</td>
                <td data-testid="rotation-type">{material.rotationType ?? '(initial)'}</td>
                <td>{material.current ? 'CURRENT' : 'NON_CURRENT'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
