import type { GrantListEntry } from '@kms-lab/core';
import { useCallback, useEffect, useState } from 'react';
import type { KeySummary } from '../../kms/key-summary';
import { getKms } from '../../kms/runtime';
import { useLab } from '../../state/store';
import { GrantForm } from './GrantForm';

/** A short description of a grant's constraint, or undefined without one. */
function constraintText(grant: GrantListEntry): string | undefined {
  const { EncryptionContextEquals: equals, EncryptionContextSubset: subset } =
    grant.Constraints ?? {};
  const [kind, context] = equals ? ['Equals', equals] : subset ? ['Subset', subset] : [];
  if (!kind || !context) return undefined;
  const pairs = Object.entries(context).map(([key, value]) => `${key}=${value}`);
  return `EncryptionContext${kind} ${pairs.join(', ')}`;
}

/** Grants on this key: CreateGrant, ListGrants, RetireGrant and RevokeGrant. */
export function KeyGrants({ summary }: { summary: KeySummary }) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const KeyId = summary.keyId;
  const [grants, setGrants] = useState<GrantListEntry[]>();

  // ListGrants is read without recording it: it is how the list stays current, not a
  // request the learner made (the snippet of CreateGrant, RetireGrant or RevokeGrant is).
  const list = useCallback(async () => {
    const kms = await getKms();
    const response = await kms.listGrants({ KeyId }).catch(() => undefined);
    setGrants(response?.Grants ?? []);
  }, [KeyId]);
  // Read when the disclosure opens: the Keys screen reads keys from the store and loads the
  // engine only for a request.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) void list();
  }, [open, list]);

  async function remove(operation: 'RetireGrant' | 'RevokeGrant', GrantId: string) {
    const input = { KeyId, GrantId };
    await run(operation, input, (kms) =>
      operation === 'RetireGrant' ? kms.retireGrant(input) : kms.revokeGrant(input),
    );
    await list();
  }

  return (
    <details
      className="group key-access"
      data-testid="key-grants"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Grants</summary>
      <p>
        A grant lets a principal (a role, a user, a service) use this key for the operations it
        names, without editing the key policy. Its grant token lets the grantee use it at once,
        before the new grant has reached every KMS host (AWS grants are eventually consistent): pass
        the token in a request's GrantTokens, as Generate and Decrypt can.
      </p>
      <GrantForm summary={summary} onCreated={() => void list()} />
      {/* A list rather than a table: principals and IDs are long, and each entry wraps on a
          phone instead of widening the page. */}
      <p className="grants-heading" data-testid="grants-count">
        Grants on this key (ListGrants): {grants?.length ?? '…'}
      </p>
      {grants?.length === 0 && (
        <p className="muted" data-testid="no-grants">
          No grants on this key.
        </p>
      )}
      <ul className="grant-list" aria-label="Grants on this key">
        {grants?.map((grant) => {
          const label = grant.Name || grant.GrantId || '';
          const constraint = constraintText(grant);
          return (
            <li key={grant.GrantId} data-testid="grant-row">
              {grant.Name && <strong>{grant.Name}</strong>}
              <div>
                GrantId <code data-testid="grant-id">{grant.GrantId}</code>
              </div>
              <div>
                Grantee <code>{grant.GranteePrincipal}</code>
              </div>
              <div data-testid="grant-operations">{grant.Operations?.join(', ')}</div>
              {constraint && <div className="muted">{constraint}</div>}
              <div className="actions">
                <button
                  type="button"
                  disabled={pending}
                  aria-label={`Retire grant ${label}`}
                  onClick={() => void remove('RetireGrant', grant.GrantId as string)}
                >
                  Retire
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={pending}
                  aria-label={`Revoke grant ${label}`}
                  onClick={() => void remove('RevokeGrant', grant.GrantId as string)}
                >
                  Revoke
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <p className="muted">
        Retire is the grantee's or retiring principal's way to end a grant it no longer needs;
        Revoke is the key administrator's. Both delete it, and its tokens stop working.
      </p>
    </details>
  );
}
