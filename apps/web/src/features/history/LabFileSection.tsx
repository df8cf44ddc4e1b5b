import { type ChangeEvent, useId, useState } from 'react';
import { exportLabFile } from '../../lab-file/export';
import { LabFileError, parseLabFile } from '../../lab-file/format';
import { type ImportReport, importLabFile } from '../../lab-file/import';
import { download } from '../../lib/download';
import { useLab } from '../../state/store';

/** 2026-11-29T12-34-56 from a date: a file name's part, in UTC. */
const stamp = (date: Date) => date.toISOString().slice(0, 19).replace(/:/g, '-');

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** The outcome of an import in one paragraph. */
function describeImport(report: ImportReport): string {
  const parts = [
    `${plural(report.historyAdded, 'History entry', 'History entries')} added`,
    report.historyAlreadyHere > 0 &&
      `${plural(report.historyAlreadyHere, 'entry', 'entries')} already here`,
    report.keysWithMaterial.length > 0 &&
      `with their key material: ${report.keysWithMaterial.join(', ')}`,
    report.keysWithoutMaterial.length > 0 &&
      `without key material (blobs under them cannot be decrypted here): ${report.keysWithoutMaterial.join(', ')}`,
    report.keysAlreadyHere.length > 0 &&
      `kept as they are here: ${report.keysAlreadyHere.join(', ')}`,
    report.aliasesTaken.length > 0 &&
      `aliases used here by another key, left as they are: ${report.aliasesTaken.join(', ')}`,
  ].filter(Boolean);
  return `Imported. ${parts.join('; ')}.`;
}

/**
 * "Lab file": the lab's public state to a JSON file and back (lab-file/, described in
 * docs/lab-state-format.md), so a demo prepared once replays on another machine. "Export
 * with master keys" is there only when a key was made exportable, and asks first.
 */
export function LabFileSection() {
  const hasExportable = useLab((state) => state.keys.some((key) => key.exportable));
  const exportableCount = useLab((state) => state.keys.filter((key) => key.exportable).length);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const ids = { heading: useId(), hint: useId(), importInput: useId(), warning: useId() };

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setResult(undefined);
    setFailure(undefined);
    try {
      setResult(await work());
    } catch (error) {
      setFailure(
        error instanceof LabFileError
          ? error.message
          : `The lab file could not be imported or exported: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
      );
    } finally {
      setBusy(false);
    }
  }

  const exportFile = (withMasterKeys: boolean) =>
    run(async () => {
      setConfirming(false);
      const file = await exportLabFile(withMasterKeys);
      const name = `kms-lab-${stamp(new Date())}${withMasterKeys ? '-with-master-keys' : ''}.json`;
      download(name, `${JSON.stringify(file, null, 2)}\n`, 'application/json');
      const carried = file.keys.filter((key) => key.materials.some((each) => each.material));
      return `Exported ${plural(file.keys.length, 'key')}, ${plural(file.aliases.length, 'alias', 'aliases')} and ${plural(file.history.length, 'History entry', 'History entries')} to ${name}${withMasterKeys ? `, with the key material of ${plural(carried.length, 'exportable key')}` : ', without key material'}.`;
    });

  function importFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    void run(async () => describeImport(await importLabFile(parseLabFile(await chosen.text()))));
  }

  return (
    <section className="card lab-file" aria-labelledby={ids.heading} data-testid="lab-file">
      <h3 id={ids.heading}>Lab file</h3>
      <p className="muted">
        Prepare a demo once, replay it on another machine: a JSON file of this lab's public state
        (History, the tour's progress, key metadata and aliases; never a plaintext private key).
        Import adds it to this lab and replaces nothing.
      </p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void exportFile(false)}>
          Export
        </button>
        <button
          type="button"
          disabled={busy || !hasExportable}
          aria-expanded={confirming}
          aria-describedby={hasExportable ? undefined : ids.hint}
          onClick={() => setConfirming(true)}
        >
          Export with master keys
        </button>
      </div>
      <div className="field">
        <label htmlFor={ids.importInput}>Import a lab file</label>
        <input
          id={ids.importInput}
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={importFile}
        />
      </div>
      {!hasExportable && (
        <p id={ids.hint} className="muted hint" data-testid="lab-file-no-exportable">
          Export with master keys needs a key made exportable (the Keys screen's Create form).
        </p>
      )}
      {confirming && (
        <fieldset aria-labelledby={ids.warning} className="notice note">
          <p id={ids.warning}>
            The file will contain the key material of {plural(exportableCount, 'exportable key')}:
            whoever has it can decrypt every blob made under them. Keep it as you would the keys.
          </p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void exportFile(true)}>
              Yes, export with master keys
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </fieldset>
      )}
      <p role="status" data-testid="lab-file-result">
        {result}
      </p>
      {failure && (
        <p role="alert" className="notice failure" data-testid="lab-file-error">
          {failure}
        </p>
      )}
    </section>
  );
}
