import { type FormEvent, useState } from 'react';
import type { KeySummary } from '../../kms/key-summary';
import { useLab } from '../../state/store';

/** Enable, disable, schedule and cancel deletion. */
export function KeyLifecycle({ summary }: { summary: KeySummary }) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const [windowDays, setWindowDays] = useState('7');
  const KeyId = summary.keyId;

  // The number inputs carry no min/max: an out-of-range value reaches the engine, whose
  // ValidationException (with AWS's message) is part of the lesson.
  function scheduleDeletion(event: FormEvent) {
    event.preventDefault();
    const input = { KeyId, PendingWindowInDays: Number(windowDays) };
    void run('ScheduleKeyDeletion', input, (kms) => kms.scheduleKeyDeletion(input));
  }

  return (
    <section className="group" aria-labelledby="lifecycle-heading">
      <h4 id="lifecycle-heading">State</h4>
      <div className="actions">
        {summary.state === 'Disabled' && (
          <button
            type="button"
            disabled={pending}
            onClick={() => void run('EnableKey', { KeyId }, (kms) => kms.enableKey({ KeyId }))}
          >
            Enable key
          </button>
        )}
        {summary.state === 'Enabled' && (
          <button
            type="button"
            disabled={pending}
            onClick={() => void run('DisableKey', { KeyId }, (kms) => kms.disableKey({ KeyId }))}
          >
            Disable key
          </button>
        )}
        {summary.state === 'PendingDeletion' && (
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              void run('CancelKeyDeletion', { KeyId }, (kms) => kms.cancelKeyDeletion({ KeyId }))
            }
          >
            Cancel key deletion
          </button>
        )}
      </div>
      {summary.state !== 'PendingDeletion' && (
        <form className="inline-form" onSubmit={scheduleDeletion}>
          <label>
            Waiting period (days)
            <input
              type="number"
              value={windowDays}
              onChange={(event) => setWindowDays(event.target.value)}
              className="days-input"
            />
          </label>
          <button type="submit" className="danger" disabled={pending}>
            Schedule key deletion
          </button>
        </form>
      )}
    </section>
  );
}
