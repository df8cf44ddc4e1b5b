import { useCallback, useEffect, useId, useState } from 'react';
import { FailureNotice } from '../../errors/FailureNotice';
import type { KeySummary } from '../../kms/key-summary';
import { getKms } from '../../kms/runtime';
import { useLab } from '../../state/store';
import { checkPolicyJson, prettyPolicy } from './policy-json';

/** The key policy: GetKeyPolicy to read it, PutKeyPolicy to replace it, JSON checked first. */
export function KeyPolicy({ summary }: { summary: KeySummary }) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const lastRequest = useLab((state) => state.recentKeyOperations[0]);
  const KeyId = summary.keyId;
  const [policy, setPolicy] = useState<string>();
  const [draft, setDraft] = useState('');
  const [bypass, setBypass] = useState(false);
  const [putSent, setPutSent] = useState(false);
  const editorId = useId();
  const checkId = useId();
  const bypassNoteId = useId();

  // Read quietly: this keeps the view current; the learner's own requests are recorded.
  const read = useCallback(async () => {
    const response = await (await getKms())
      .getKeyPolicy({ KeyId, PolicyName: 'default' })
      .catch(() => undefined);
    const text = prettyPolicy(response?.Policy ?? '');
    setPolicy(text);
    return text;
  }, [KeyId]);
  // Read when the disclosure first opens: the Keys screen loads the engine only for a request.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open && policy === undefined)
      // The editor starts as the policy read, unless something was typed meanwhile.
      void read().then((text) => setDraft((typed) => typed || text));
  }, [open, policy, read]);

  // The learner's own GetKeyPolicy: recorded, with its snippets and any failure.
  async function getPolicy() {
    const input = { KeyId, PolicyName: 'default' };
    const response = await run('GetKeyPolicy', input, (kms) => kms.getKeyPolicy(input));
    if (response?.Policy !== undefined) setPolicy(prettyPolicy(response.Policy));
  }

  const check = checkPolicyJson(draft);

  async function put() {
    if (!check.ok) return;
    setPutSent(true);
    const input = {
      KeyId,
      PolicyName: 'default',
      Policy: draft,
      BypassPolicyLockoutSafetyCheck: bypass || undefined,
    };
    if ((await run('PutKeyPolicy', input, (kms) => kms.putKeyPolicy(input))) !== undefined)
      await read();
  }

  const putFailure =
    putSent && lastRequest?.operation === 'PutKeyPolicy' ? lastRequest.failure : undefined;

  return (
    <details
      className="group key-access"
      data-testid="key-policy"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Key policy</summary>
      <p>
        The key policy says who may do what with this key. KMS Lab stores and returns it as AWS
        does, but does not enforce it in the browser: only{' '}
        <code>kms-lab serve --enforce-policies</code> checks each request against it (and against
        the grants).
      </p>
      <div className="actions">
        <button type="button" disabled={pending} onClick={() => void getPolicy()}>
          Get key policy
        </button>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="policy-view" aria-label="Current key policy" tabIndex={0}>
        <pre data-testid="key-policy-text">
          <code className="language-json">{policy ?? 'Reading…'}</code>
        </pre>
      </section>
      <div className="field">
        <label htmlFor={editorId}>Edit the policy (JSON)</label>
        <textarea
          id={editorId}
          className="policy-editor"
          rows={12}
          spellCheck={false}
          value={draft}
          aria-describedby={checkId}
          aria-invalid={!check.ok}
          onChange={(event) => setDraft(event.target.value)}
        />
      </div>
      <p id={checkId} role="status" data-testid="policy-json-check">
        {check.ok
          ? 'Check JSON: valid JSON, ready to send.'
          : `Check JSON: line ${check.line}, column ${check.column}: ${check.message}.`}
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={bypass}
          aria-describedby={bypassNoteId}
          onChange={(event) => setBypass(event.target.checked)}
        />
        BypassPolicyLockoutSafetyCheck
      </label>
      <p id={bypassNoteId} className="muted">
        Without it, PutKeyPolicy refuses a policy that would stop the caller (here the account's
        root) from changing the policy again, so a key cannot be locked for good by mistake. Set it
        only when you mean to give that control away.
      </p>
      <div className="actions">
        <button type="button" disabled={pending || !check.ok} onClick={() => void put()}>
          Put key policy
        </button>
        <button type="button" disabled={pending} onClick={() => setDraft(policy ?? '')}>
          Reset the editor
        </button>
      </div>
      {putFailure && <FailureNotice failure={putFailure} />}
    </details>
  );
}
