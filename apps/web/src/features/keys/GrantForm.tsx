import type { GrantOperation } from '@kms-lab/core';
import { type FormEvent, useState } from 'react';
import type { KeySummary } from '../../kms/key-summary';
import { CopyButton } from '../../output/CopyButton';
import { useLab } from '../../state/store';
import { ContextEditor, type ContextPair, contextOf } from '../shared/ContextEditor';
import {
  type ConstraintKind,
  grantOperationsFor,
  takesContextConstraints,
} from './grant-operations';

/** CreateGrant on this key: who, which operations, and an optional context constraint. */
export function GrantForm({ summary, onCreated }: { summary: KeySummary; onCreated: () => void }) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const offered = grantOperationsFor(summary.keySpec, summary.keyUsage);
  const [grantee, setGrantee] = useState('');
  const [retiring, setRetiring] = useState('');
  const [name, setName] = useState('');
  const [operations, setOperations] = useState<GrantOperation[]>([]);
  const [constraintKind, setConstraintKind] = useState<ConstraintKind>('EncryptionContextSubset');
  const [pairs, setPairs] = useState<ContextPair[]>([]);
  const [created, setCreated] = useState<{ grantId: string; grantToken: string }>();

  function toggle(operation: GrantOperation, on: boolean) {
    setOperations((chosen) =>
      on ? [...chosen, operation] : chosen.filter((each) => each !== operation),
    );
  }

  async function createGrant(event: FormEvent) {
    event.preventDefault();
    const context = takesContextConstraints(summary.keySpec) ? contextOf(pairs) : undefined;
    const constraints = context && { [constraintKind]: context };
    // Listed in the order offered, whatever order they were ticked in.
    const chosen = offered.filter((operation) => operations.includes(operation));
    const request = {
      KeyId: summary.keyId,
      GranteePrincipal: grantee.trim(),
      RetiringPrincipal: retiring.trim() || undefined,
      Operations: chosen,
      Name: name.trim() || undefined,
      Constraints: constraints,
    };
    const snippetInput = {
      ...request,
      Operations: { json: chosen },
      Constraints: constraints && { json: constraints },
    };
    setCreated(undefined);
    const response = await run('CreateGrant', snippetInput, (kms) => kms.createGrant(request));
    if (response?.GrantId && response.GrantToken) {
      setCreated({ grantId: response.GrantId, grantToken: response.GrantToken });
      onCreated();
    }
  }

  return (
    <form className="grant-form" aria-label="Create a grant" onSubmit={createGrant}>
      <label>
        Grantee principal
        <input
          value={grantee}
          placeholder="arn:aws:iam::111122223333:role/Worker"
          autoComplete="off"
          spellCheck={false}
          required
          onChange={(event) => setGrantee(event.target.value)}
        />
      </label>
      <label>
        Retiring principal (optional)
        <input
          value={retiring}
          placeholder="arn:aws:iam::111122223333:role/Admin"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setRetiring(event.target.value)}
        />
      </label>
      <fieldset className="grant-operations">
        <legend>Operations the grant allows (for a {summary.keySpec} key)</legend>
        {offered.map((operation) => (
          <label key={operation} className="checkbox">
            <input
              type="checkbox"
              checked={operations.includes(operation)}
              onChange={(event) => toggle(operation, event.target.checked)}
            />
            {operation}
          </label>
        ))}
      </fieldset>
      <label>
        Name (optional)
        <input
          value={name}
          placeholder="worker-data-keys"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      {takesContextConstraints(summary.keySpec) ? (
        <>
          <label>
            Encryption context constraint
            <select
              value={constraintKind}
              onChange={(event) => setConstraintKind(event.target.value as ConstraintKind)}
            >
              <option value="EncryptionContextSubset">
                EncryptionContextSubset (includes these pairs)
              </option>
              <option value="EncryptionContextEquals">
                EncryptionContextEquals (exactly these pairs)
              </option>
            </select>
          </label>
          <ContextEditor
            pairs={pairs}
            onChange={setPairs}
            name="constraint"
            legend="Constraint pairs (none: no constraint)"
          />
        </>
      ) : (
        <p className="muted">
          Encryption context constraints apply to symmetric encryption keys only: this key's
          operations take no encryption context.
        </p>
      )}
      <button type="submit" disabled={pending}>
        Create grant
      </button>
      {created && (
        <dl className="facts" data-testid="created-grant">
          <dt>GrantId</dt>
          <dd>
            <code data-testid="created-grant-id">{created.grantId}</code>
          </dd>
          <dt>GrantToken</dt>
          <dd>
            <code data-testid="created-grant-token">{created.grantToken}</code>{' '}
            <CopyButton text={created.grantToken} label="GrantToken" />
          </dd>
        </dl>
      )}
    </form>
  );
}
