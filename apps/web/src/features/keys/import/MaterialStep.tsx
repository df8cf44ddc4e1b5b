import { type RefObject, useId, useRef, useState } from 'react';
import { download } from '../../../lib/download';
import { toPem } from '../../../lib/pem';
import { generateMaterial, isRawMaterial, materialKind, readPastedMaterial } from './key-material';

/** What the page holds of the material, for the view: never the bytes themselves. */
export interface HeldMaterial {
  source: 'generated' | 'pasted';
  length: number;
}

/**
 * Step 2: the key material, generated in the page or pasted. The bytes live only in
 * `materialRef` (not React state, not the store), until step 3 wraps and zeroes them.
 */
export function MaterialStep({
  keySpec,
  materialRef,
  held,
  onHeld,
}: {
  keySpec: string;
  materialRef: RefObject<Uint8Array | undefined>;
  held: HeldMaterial | undefined;
  onHeld: (held: HeldMaterial | undefined) => void;
}) {
  const pasteRef = useRef<HTMLTextAreaElement>(null);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ids = { paste: useId(), pasteNote: useId() };
  const raw = isRawMaterial(keySpec);

  function hold(bytes: Uint8Array, source: HeldMaterial['source']) {
    materialRef.current?.fill(0);
    materialRef.current = bytes;
    setProblem(undefined);
    onHeld({ source, length: bytes.length });
  }

  async function generate() {
    setBusy(true);
    try {
      hold(await generateMaterial(keySpec), 'generated');
    } catch (error) {
      setProblem(`The browser could not make the material: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  function takePasted() {
    const field = pasteRef.current;
    if (!field) return;
    try {
      hold(readPastedMaterial(keySpec, field.value), 'pasted');
      // The text is dropped from the page as soon as it is read.
      field.value = '';
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  // An explicit action: AWS never gives imported material back, so a re-import needs a copy.
  function save() {
    const bytes = materialRef.current;
    if (!bytes) return;
    if (raw) download('key-material.bin', bytes);
    else download('key-material.pem', toPem(bytes, 'PRIVATE KEY'), 'application/x-pem-file');
  }

  return (
    <li data-testid="import-step-material">
      <h4>2. The key material</h4>
      <p>
        A {keySpec} key's material is {materialKind(keySpec)}. Make it here with the browser's own
        cryptography, or paste yours. The page holds it in memory only until step 3 wraps it, then
        erases it: it is never stored, logged or sent anywhere unwrapped.
      </p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void generate()}>
          Generate the material in this page
        </button>
      </div>
      <div className="field">
        <label htmlFor={ids.paste}>
          {raw
            ? 'Or paste your material (hex or base64)'
            : 'Or paste your private key (PEM, PKCS #8)'}
        </label>
        <textarea
          id={ids.paste}
          ref={pasteRef}
          rows={raw ? 2 : 6}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={ids.pasteNote}
        />
        <p id={ids.pasteNote} className="muted hint">
          To bring back material you deleted, paste the same material: KMS recognises it by its
          KeyMaterialId, and refuses any other (IncorrectKeyMaterialException).
        </p>
        <div className="actions">
          <button type="button" onClick={takePasted}>
            Use the pasted material
          </button>
        </div>
      </div>
      {problem && (
        <p role="alert" className="notice failure" data-testid="import-material-problem">
          {problem}
        </p>
      )}
      <p role="status" data-testid="import-material-held">
        {held
          ? `The page holds ${held.length} bytes of ${held.source} material, not yet wrapped.`
          : 'No material held.'}
      </p>
      {held?.source === 'generated' && (
        <div className="actions">
          <button type="button" onClick={save}>
            Download the material you generated
          </button>
          <span className="muted">
            KMS cannot give it back: keep a copy only if you want to import it again after deleting
            it, and keep it as you would the key.
          </span>
        </div>
      )}
    </li>
  );
}
