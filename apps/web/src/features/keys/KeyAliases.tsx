import { type FormEvent, useState } from 'react';
import type { KeySummary } from '../../kms/key-summary';
import { useLab } from '../../state/store';

export function KeyAliases({ summary }: { summary: KeySummary }) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const [aliasName, setAliasName] = useState('');

  async function addAlias(event: FormEvent) {
    event.preventDefault();
    const name = aliasName.trim();
    const input = {
      AliasName: name.startsWith('alias/') ? name : `alias/${name}`,
      TargetKeyId: summary.keyId,
    };
    if (await run('CreateAlias', input, (kms) => kms.createAlias(input))) setAliasName('');
  }

  return (
    <section className="group" aria-labelledby="aliases-heading">
      <h4 id="aliases-heading">Aliases</h4>
      {summary.aliases.length === 0 ? (
        <p className="muted">No aliases.</p>
      ) : (
        <ul className="alias-list">
          {summary.aliases.map((alias) => (
            <li key={alias}>
              <code>{alias}</code>{' '}
              <button
                type="button"
                disabled={pending}
                aria-label={`Delete alias ${alias}`}
                onClick={() =>
                  void run('DeleteAlias', { AliasName: alias }, (kms) =>
                    kms.deleteAlias({ AliasName: alias }),
                  )
                }
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={addAlias}>
        <label>
          New alias
          <input
            value={aliasName}
            placeholder="alias/another-name"
            autoComplete="off"
            spellCheck={false}
            required
            onChange={(event) => setAliasName(event.target.value)}
          />
        </label>
        <button type="submit" disabled={pending}>
          Add alias
        </button>
      </form>
    </section>
  );
}
