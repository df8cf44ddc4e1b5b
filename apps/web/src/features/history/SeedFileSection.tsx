import { type ChangeEvent, useId, useState } from 'react';
import { describeSeedImport, importSeedFile, SeedFileError } from '../../seed-file/import';

/**
 * "Seed file": the keys and aliases of a seed file (local-kms's seed.yaml, or KMS Lab's
 * format) created in this lab, so the tab holds the same keys, with the same material, as a
 * test suite's `kms-lab serve --seed` or `createKms({ seed })`: their ciphertexts decrypt
 * here. Keys and aliases already here are left alone.
 */
export function SeedFileSection() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const ids = { heading: useId(), input: useId() };

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    setBusy(true);
    setResult(undefined);
    setFailure(undefined);
    try {
      setResult(describeSeedImport(await importSeedFile(chosen)));
    } catch (error) {
      setFailure(
        error instanceof SeedFileError
          ? `${chosen.name}: ${error.message}`
          : `The seed file could not be imported: ${error instanceof Error ? error.message : String(error)}.`,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card seed-file" aria-labelledby={ids.heading}>
      <h3 id={ids.heading}>Seed file</h3>
      <p className="muted">
        The keys and aliases of a seed file, local-kms&apos;s <code>seed.yaml</code> or KMS
        Lab&apos;s format (YAML or JSON), with their key material: the same keys as a{' '}
        <code>kms-lab serve --seed</code> started from it, so its ciphertexts decrypt here. Keys and
        aliases already here are left as they are.
      </p>
      <div className="field">
        <label htmlFor={ids.input}>Import a seed file</label>
        <input
          id={ids.input}
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          disabled={busy}
          onChange={(event) => void importFile(event)}
        />
      </div>
      <p role="status">{result}</p>
      {failure && (
        <p role="alert" className="notice failure">
          {failure}
        </p>
      )}
    </section>
  );
}
