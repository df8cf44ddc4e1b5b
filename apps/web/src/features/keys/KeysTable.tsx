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
  // The table scrolls inside its own box, so a narrow screen never scrolls the whole page.
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" aria-label="Master keys table" tabIndex={0}>
      <table className="keys-table" data-testid="keys-table">
        <caption>Master keys ({keys.length})</caption>
        <thead>
          <tr>
            <th scope="col">Alias and key ID</th>
            <th scope="col">Spec and usage</th>
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
                  <div>
                    <code className="key-id muted">{key.keyId}</code>
                  </div>
                  {key.multiRegion && (
                    // A multi-Region key's replicas are listed with it, by Region.
                    <div className="muted" data-testid="key-row-regions">
                      Regions:{' '}
                      {key.multiRegion.regions
                        .map((region) =>
                          region === key.multiRegion?.primaryRegion
                            ? `${region} (primary)`
                            : region,
                        )
                        .join(', ')}
                    </div>
                  )}
                </td>
                <td>
                  <code data-testid="key-spec">{key.keySpec}</code>
                  <div className="muted" data-testid="key-usage">
                    {key.keyUsage}
                  </div>
                </td>
                <td data-testid="key-state">{key.state}</td>
                <td>
                  {key.keySpec !== 'SYMMETRIC_DEFAULT'
                    ? 'does not rotate'
                    : key.rotation.enabled
                      ? `every ${key.rotation.periodDays} d`
                      : 'off'}
                </td>
                <td data-testid="key-material-count">{key.materials.length}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
