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
      {failure.message && (
        <p className="failure-message">
          Message: <span data-testid="failure-message">{failure.message}</span>
        </p>
      )}
    </div>
  );
}
