import type { ReactNode } from 'react';

/**
 * What to do first when a screen lacks what it needs (no master key, no pair, no blob, an
 * empty history): the reason in plain words and the buttons that get it. No screen is a
 * dead end.
 */
export function NextStep({
  testId,
  children,
  actions,
  footer,
}: {
  testId: string;
  /** One or two sentences: what is missing, and why the screen needs it. */
  children: ReactNode;
  actions: ReactNode;
  /** Below the buttons: progress, or what went wrong. */
  footer?: ReactNode;
}) {
  return (
    <div className="card next-step" data-testid={testId}>
      <p>{children}</p>
      <div className="actions">{actions}</div>
      {footer}
    </div>
  );
}
