import { useId, useRef, useState } from 'react';
import { FailureNotice } from '../../../errors/FailureNotice';
import { appNow, DAY_MS } from '../../../kms/clock';
import type { KeySummary } from '../../../kms/key-summary';
import { Snippets } from '../../../output/Snippets';
import { useLab } from '../../../state/store';
import { type ImportChoices, importCliSnippet, importSdkSnippet } from './import-snippets';
import { type HeldMaterial, MaterialStep } from './MaterialStep';
import { type ImportParameters, ParametersStep } from './ParametersStep';
import {
  isRsaAesKeyWrap,
  type RsaWrappingKeySpec,
  type WrappedMaterial,
  type WrappingAlgorithm,
  wrapKeyMaterial,
} from './wrap-material';

type ExpirationModel = ImportChoices['expirationModel'];

/** datetime-local's value (minutes, UTC here so the screen says UTC) for a date. */
const toInputDate = (date: Date) => date.toISOString().slice(0, 16);

/**
 * Importing key material into an EXTERNAL key, step by step: GetParametersForImport, the
 * material made or pasted in the page, wrapped in the page with WebCrypto, ImportKeyMaterial;
 * and DeleteImportedKeyMaterial. Loaded with the first EXTERNAL key shown (KeyDetails).
 */
export default function ImportKeyMaterial({ summary }: { summary: KeySummary }) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const lastRequest = useLab((state) => state.recentKeyOperations[0]);
  const KeyId = summary.keyId;
  const symmetric = summary.keySpec === 'SYMMETRIC_DEFAULT';
  const [algorithm, setAlgorithm] = useState<WrappingAlgorithm>(
    symmetric || summary.keySpec.startsWith('HMAC_')
      ? 'RSAES_OAEP_SHA_256'
      : 'RSA_AES_KEY_WRAP_SHA_256',
  );
  const [wrappingKeySpec, setWrappingKeySpec] = useState<RsaWrappingKeySpec>('RSA_2048');
  const [parameters, setParameters] = useState<ImportParameters>();
  const materialRef = useRef<Uint8Array | undefined>(undefined);
  const [held, setHeld] = useState<HeldMaterial>();
  // With the parameters it was wrapped for: their token goes with it, whatever came since.
  const [wrapped, setWrapped] = useState<
    WrappedMaterial & { source: HeldMaterial['source']; parameters: ImportParameters }
  >();
  const [wrapProblem, setWrapProblem] = useState<string>();
  const [expirationModel, setExpirationModel] = useState<ExpirationModel>(
    'KEY_MATERIAL_DOES_NOT_EXPIRE',
  );
  const [validTo, setValidTo] = useState(() =>
    toInputDate(new Date(appNow().getTime() + 30 * DAY_MS)),
  );
  const [description, setDescription] = useState('');
  const [newMaterial, setNewMaterial] = useState(false);
  const [done, setDone] = useState<{ choices: ImportChoices; keyMaterialId: string }>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [sent, setSent] = useState<string>();
  const hasMaterial = summary.state !== 'PendingImport';
  // Open at first while the key waits for its material; then as the user leaves it.
  const [open, setOpen] = useState(!hasMaterial);
  const ids = {
    expiration: useId(),
    validTo: useId(),
    description: useId(),
  };

  async function getParameters() {
    const input = { KeyId, WrappingAlgorithm: algorithm, WrappingKeySpec: wrappingKeySpec };
    setSent('GetParametersForImport');
    const response = await run('GetParametersForImport', input, (kms) =>
      kms.getParametersForImport(input),
    );
    if (!response?.PublicKey || !response.ImportToken || !response.ParametersValidTo) return;
    setParameters({
      publicKey: response.PublicKey,
      importToken: response.ImportToken,
      validTo: response.ParametersValidTo,
      wrappingAlgorithm: algorithm,
      wrappingKeySpec,
    });
  }

  async function wrap() {
    const material = materialRef.current;
    if (!parameters || !material || !held) return;
    setWrapProblem(undefined);
    try {
      const result = await wrapKeyMaterial(
        parameters.publicKey,
        parameters.wrappingKeySpec,
        parameters.wrappingAlgorithm,
        material,
      );
      setWrapped({ ...result, source: held.source, parameters });
      // Wrapped: the page has no more use for the plaintext material.
      material.fill(0);
      materialRef.current = undefined;
      setHeld(undefined);
    } catch (error) {
      setWrapProblem((error as Error).message);
    }
  }

  const choicesOf = (params: ImportParameters, source: HeldMaterial['source']): ImportChoices => ({
    keyId: KeyId,
    keySpec: summary.keySpec,
    wrappingAlgorithm: params.wrappingAlgorithm,
    wrappingKeySpec: params.wrappingKeySpec,
    material: source,
    expirationModel,
    validTo: expirationModel === 'KEY_MATERIAL_EXPIRES' ? new Date(`${validTo}Z`) : undefined,
    description: symmetric && description ? description : undefined,
    importType: symmetric && newMaterial ? 'NEW_KEY_MATERIAL' : undefined,
  });

  async function importMaterial() {
    if (!wrapped) return;
    const choices = choicesOf(wrapped.parameters, wrapped.source);
    const terms = {
      ExpirationModel: choices.expirationModel,
      ImportType: choices.importType,
      KeyMaterialDescription: choices.description,
    };
    setSent('ImportKeyMaterial');
    const response = await run(
      'ImportKeyMaterial',
      {
        KeyId,
        ImportToken: { file: 'import-token.bin' },
        EncryptedKeyMaterial: { file: 'material.wrapped' },
        ...terms,
        ValidTo: choices.validTo?.toISOString(),
      },
      (kms) =>
        kms.importKeyMaterial({
          KeyId,
          ImportToken: wrapped.parameters.importToken,
          EncryptedKeyMaterial: wrapped.encryptedKeyMaterial,
          ...terms,
          ValidTo: choices.validTo,
        }),
    );
    if (response?.KeyMaterialId) {
      setDone({ choices, keyMaterialId: response.KeyMaterialId });
      setWrapped(undefined);
    }
  }

  async function deleteMaterial() {
    setConfirmingDelete(false);
    setSent('DeleteImportedKeyMaterial');
    const input = { KeyId };
    await run('DeleteImportedKeyMaterial', input, (kms) => kms.deleteImportedKeyMaterial(input));
  }

  const failure =
    sent !== undefined && lastRequest?.operation === sent ? lastRequest.failure : undefined;
  return (
    <details
      className="group key-access"
      data-testid="key-import"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Import key material</summary>
      <p>
        This key was made with Origin EXTERNAL: its key material is yours, and it is{' '}
        <strong data-testid="import-key-state">{summary.state}</strong>
        {hasMaterial ? '.' : ' until you import it.'} Importing takes four steps; the page does the
        wrapping itself, as your own machine would.
      </p>
      <ol className="import-steps">
        <ParametersStep
          algorithm={algorithm}
          onAlgorithm={setAlgorithm}
          wrappingKeySpec={wrappingKeySpec}
          onWrappingKeySpec={setWrappingKeySpec}
          parameters={parameters}
          pending={pending}
          onGet={() => void getParameters()}
        />
        <MaterialStep
          keySpec={summary.keySpec}
          materialRef={materialRef}
          held={held}
          onHeld={setHeld}
        />
        <li data-testid="import-step-wrap">
          <h4>3. Wrap the material in this page</h4>
          <p>
            {isRsaAesKeyWrap(parameters?.wrappingAlgorithm ?? algorithm)
              ? 'WebCrypto encrypts a fresh AES-256 key with RSA-OAEP under the wrapping key; the material is wrapped under that AES key with AES Key Wrap with Padding (RFC 5649); the two are joined.'
              : 'WebCrypto encrypts the material with RSA-OAEP under the wrapping public key. Only KMS, holding the private half, can open it.'}
          </p>
          <div className="actions">
            <button type="button" disabled={!parameters || !held} onClick={() => void wrap()}>
              Wrap the material
            </button>
          </div>
          {wrapProblem && (
            <p role="alert" className="notice failure" data-testid="import-wrap-problem">
              {wrapProblem}
            </p>
          )}
          {wrapped && (
            <p data-testid="import-wrapped">
              EncryptedKeyMaterial: {wrapped.encryptedKeyMaterial.length} bytes (
              {wrapped.parts.aesKeyWrap === undefined
                ? `RSA-OAEP ${wrapped.parts.oaep}`
                : `RSA-OAEP ${wrapped.parts.oaep} + AES key wrap ${wrapped.parts.aesKeyWrap}`}
              ). The plaintext material has been erased from the page.
            </p>
          )}
        </li>
        <li data-testid="import-step-import">
          <h4>4. Import it</h4>
          <p>
            ImportKeyMaterial sends the token and the wrapped material. KMS unwraps it with the
            private half of the wrapping key; the key becomes Enabled.
          </p>
          <div className="field">
            <label htmlFor={ids.expiration}>Expiration model</label>
            <select
              id={ids.expiration}
              value={expirationModel}
              onChange={(event) => setExpirationModel(event.target.value as ExpirationModel)}
            >
              <option>KEY_MATERIAL_DOES_NOT_EXPIRE</option>
              <option>KEY_MATERIAL_EXPIRES</option>
            </select>
          </div>
          {expirationModel === 'KEY_MATERIAL_EXPIRES' && (
            <div className="field">
              <label htmlFor={ids.validTo}>Valid to (UTC)</label>
              <input
                id={ids.validTo}
                type="datetime-local"
                value={validTo}
                onChange={(event) => setValidTo(event.target.value)}
              />
              <p className="muted hint">
                At this time KMS deletes the material and the key is PendingImport again: move the
                clock (Clock, on this screen) past it to watch.
              </p>
            </div>
          )}
          {symmetric && (
            <>
              <div className="field">
                <label htmlFor={ids.description}>Key material description (optional)</label>
                <input
                  id={ids.description}
                  value={description}
                  autoComplete="off"
                  onChange={(event) => setDescription(event.target.value)}
                />
              </div>
              {summary.materials.length > 0 && (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={newMaterial}
                    onChange={(event) => setNewMaterial(event.target.checked)}
                  />
                  ImportType NEW_KEY_MATERIAL (other material, made current by Rotate now)
                </label>
              )}
            </>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={pending || !wrapped}
              onClick={() => void importMaterial()}
            >
              Import key material
            </button>
          </div>
          {done && (
            <p role="status" data-testid="import-result">
              Imported key material {done.keyMaterialId.slice(0, 16)}…; the key is {summary.state}.
            </p>
          )}
        </li>
      </ol>
      {failure && <FailureNotice failure={failure} />}
      {hasMaterial && (
        <div className="actions">
          <button
            type="button"
            className="danger"
            disabled={pending}
            aria-expanded={confirmingDelete}
            onClick={() => setConfirmingDelete(true)}
          >
            Delete imported key material
          </button>
        </div>
      )}
      {confirmingDelete && (
        <fieldset className="notice note" aria-label="Confirm the deletion">
          <p>
            The key becomes PendingImport: nothing encrypts or decrypts under it until the same
            material is imported again, and KMS cannot give the material back.
          </p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void deleteMaterial()}>
              Yes, delete the key material
            </button>
            <button type="button" onClick={() => setConfirmingDelete(false)}>
              Cancel
            </button>
          </div>
        </fieldset>
      )}
      {done && (
        <Snippets
          headingLevel={4}
          heading="This import elsewhere"
          snippets={[
            {
              title: 'AWS CLI and openssl',
              language: 'shell',
              code: importCliSnippet(done.choices),
            },
            {
              title: 'AWS SDK for JavaScript v3 and node:crypto',
              language: 'typescript',
              code: importSdkSnippet(done.choices),
            },
          ]}
        />
      )}
    </details>
  );
}
