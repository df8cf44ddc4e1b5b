import { useLab } from '../../state/store';

export function KeysTable() {
  const keys = useLab((state) => state.keys);
  const loaded = useLab((state) => state.keysLoaded);
  const selectedKeyId = useLab((state) => state.selectedKeyId);
  const selectKey = useLab((state) => state.selectKey);

  if (!loaded) return <p role="status">Loading keys…</p>;
  if (keys.length === 0)
    return (
      <p className="empty" data-testid="no-keys">
        No master keys yet. Create one to start.
      </p>
    );
  return (
    <table className="keys-table" data-testid="keys-table">
      <caption>Master keys ({keys.length})</caption>
      <thead>
        <tr>
          <th scope="col">Alias</th>
          <th scope="col">Key ID</th>
          <th scope="col">State</th>
          <th scope="col">Rotation</th>
          <th scope="col">Materials</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const name = key.aliases[0] ?? key.keyId;
          return (
            <tr
              key={key.keyId}
              data-testid="key-row"
              data-key-id={key.keyId}
              aria-current={key.keyId === selectedKeyId ? 'true' : undefined}
            >
              <td>
                <button
                  type="button"
                  className="link"
                  aria-label={`Manage key ${name}`}
                  onClick={() => selectKey(key.keyId)}
                >
                  {key.aliases.join(', ') || '(no alias)'}
                </button>
              </td>
              <td>
                <code className="key-id">{key.keyId}</code>
                <div className="muted">{key.keySpec}</div>
              </td>
              <td data-testid="key-state">{key.state}</td>
              <td>{key.rotation.enabled ? `every ${key.rotation.periodDays} d` : 'off'}</td>
              <td data-testid="key-material-count">{key.materials.length}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
