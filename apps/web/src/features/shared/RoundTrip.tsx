import type { ReactNode } from 'react';
import { Busy } from './Busy';
import { TextAreaField } from './Fields';

/** One of a round trip's two buttons; it is also disabled while a request runs. */
export interface RoundTripButton {
  label: string;
  onClick: () => void;
  disabled?: boolean;
}

/**
 * The working half of a card whose one request makes a value that its other takes back:
 * Sign and Verify, Encrypt and Decrypt, Generate MAC and Verify MAC, with a KMS key or a
 * data key pair. The value stays editable, so a changed signature or ciphertext can be
 * tried; `children` shows what the way back found.
 */
export function RoundTrip({
  make,
  takeBack,
  busy,
  value,
  children,
}: {
  make: RoundTripButton;
  /** Needs a value: disabled while the field is empty. */
  takeBack: RoundTripButton;
  /** While a request runs: the progress bar's label. */
  busy: string | false;
  value: { label: string; rows: number; text: string; onChange: (text: string) => void };
  children: ReactNode;
}) {
  return (
    <>
      <div className="actions">
        <button type="button" onClick={make.onClick} disabled={busy !== false || make.disabled}>
          {make.label}
        </button>
        <button
          type="button"
          onClick={takeBack.onClick}
          disabled={busy !== false || takeBack.disabled || value.text.trim() === ''}
        >
          {takeBack.label}
        </button>
      </div>
      {busy !== false && <Busy label={busy} />}
      <TextAreaField
        label={value.label}
        rows={value.rows}
        value={value.text}
        spellCheck={false}
        onChange={value.onChange}
      />
      {children}
    </>
  );
}

/** Whether a signature or MAC verified. */
export type Verdict = 'valid' | 'invalid';

/**
 * The verdict in words, as a status line (empty before Verify). An invalid verdict may carry
 * its explanation in plain words, shown under it (test id `<testId>-explanation`) and
 * announced with it.
 */
export function VerdictStatus({
  testId,
  verdict,
  valid,
  invalid,
  invalidExplanation,
}: {
  testId: string;
  /** Undefined until Verify has answered. */
  verdict: Verdict | undefined;
  valid: string;
  invalid: string;
  invalidExplanation?: string;
}) {
  return (
    <div role="status" className="verdict">
      <p
        data-testid={testId}
        className={verdict === undefined ? '' : verdict === 'valid' ? 'good' : 'bad'}
      >
        {verdict === undefined ? '' : verdict === 'valid' ? valid : invalid}
      </p>
      {verdict === 'invalid' && invalidExplanation && (
        <p className="verdict-explanation" data-testid={`${testId}-explanation`}>
          {invalidExplanation}
        </p>
      )}
    </div>
  );
}

/** What Decrypt gave back, as UTF-8 text (empty before Decrypt). */
export function DecryptedText({ text }: { text: string | undefined }) {
  return (
    <p>
      Decrypted: <output data-testid="decrypted-text">{text ?? ''}</output>
    </p>
  );
}
