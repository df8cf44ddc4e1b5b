import type { ContextCheck } from './context-difference';
import type { ExplainedFailure } from './explain';

/** A failure: the exception name, what it means in plain words, and the engine's message. */
export function FailureNotice({ failure }: { failure: ExplainedFailure }) {
  const dryRun = failure.name === 'DryRunOperationException';
  return (
    <div
      role="alert"
      className={dryRun ? 'notice dry-run' : 'notice failure'}
      data-testid="failure"
    >
      <p className="failure-name">
        <code data-testid="failure-name">{failure.name}</code>
      </p>
      <p className="failure-explanation" data-testid="failure-explanation">
        {failure.explanation}
      </p>
      {failure.contextCheck && <ContextCheckNote check={failure.contextCheck} />}
      {failure.message && (
        <p className="failure-message">
          Message: <span data-testid="failure-message">{failure.message}</span>
        </p>
      )}
    </div>
  );
}

/** Which pair of the encryption context (or the Aad) differs from the blob's original one. */
function ContextCheckNote({ check }: { check: ContextCheck }) {
  if (check.differences.length === 0)
    return (
      <p className="context-check" data-testid="failure-context-diff">
        History entry #{check.entryId} made this blob with the context you gave, so the context is
        not what differs.
      </p>
    );
  return (
    <div className="context-check" data-testid="failure-context-diff">
      <p>History entry #{check.entryId} made this blob. What you gave differs from its context:</p>
      <ul>
        {check.differences.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
