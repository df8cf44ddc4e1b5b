import { formatDate } from '../../lib/format';
import { useLab } from '../../state/store';

/**
 * Keys a lab file brought without their material: what they were, and why blobs made under
 * them cannot be decrypted in this browser. Shown only when there are some.
 */
export function MissingKeys() {
  const missing = useLab((state) => state.missingKeys);
  if (missing.length === 0) return null;
  return (
    <section className="card" aria-labelledby="missing-keys-heading" data-testid="missing-keys">
      <h3 id="missing-keys-heading">Keys from a lab file, without their material</h3>
      <p className="muted">
        Their metadata came with an imported lab file, their key material did not (only an
        exportable master key's material travels, in a file exported with master keys). Blobs made
        under them cannot be decrypted here.
      </p>
      <ul>
        {missing.map((each) => (
          <li key={each.key.keyId} data-testid="missing-key">
            <strong>{each.aliases[0] ?? each.key.keyId}</strong> {each.key.keySpec} (
            {each.key.keyUsage}), <code>{each.key.keyId}</code>, imported{' '}
            {formatDate(new Date(each.importedAt))}
          </li>
        ))}
      </ul>
    </section>
  );
}
