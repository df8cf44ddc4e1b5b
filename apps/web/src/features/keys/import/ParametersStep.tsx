import { useId } from 'react';
import { formatDate } from '../../../lib/format';
import { toPem } from '../../../lib/pem';
import {
  isRsaAesKeyWrap,
  type RsaWrappingKeySpec,
  WRAPPING_ALGORITHMS,
  WRAPPING_KEY_SPECS,
  type WrappingAlgorithm,
} from './wrap-material';

/** GetParametersForImport's answer, as the next steps need it. */
export interface ImportParameters {
  publicKey: Uint8Array;
  importToken: Uint8Array;
  validTo: Date;
  wrappingAlgorithm: WrappingAlgorithm;
  wrappingKeySpec: RsaWrappingKeySpec;
}

/** Step 1: the wrapping algorithm and key spec chosen, GetParametersForImport, its answer. */
export function ParametersStep({
  algorithm,
  onAlgorithm,
  wrappingKeySpec,
  onWrappingKeySpec,
  parameters,
  pending,
  onGet,
}: {
  algorithm: WrappingAlgorithm;
  onAlgorithm: (algorithm: WrappingAlgorithm) => void;
  wrappingKeySpec: RsaWrappingKeySpec;
  onWrappingKeySpec: (spec: RsaWrappingKeySpec) => void;
  parameters: ImportParameters | undefined;
  pending: boolean;
  onGet: () => void;
}) {
  const ids = { algorithm: useId(), spec: useId() };
  return (
    <li data-testid="import-step-parameters">
      <h4>1. Get the wrapping key and an import token</h4>
      <p>
        GetParametersForImport answers an RSA public key to wrap the material with, and an import
        token that binds the wrapped material to this key. Both are good for 24 hours.
      </p>
      <div className="field">
        <label htmlFor={ids.algorithm}>Wrapping algorithm</label>
        <select
          id={ids.algorithm}
          value={algorithm}
          onChange={(event) => onAlgorithm(event.target.value as WrappingAlgorithm)}
        >
          {WRAPPING_ALGORITHMS.map((name) => (
            <option key={name} value={name}>
              {name}
              {isRsaAesKeyWrap(name) ? ' (RSA-OAEP, then AES key wrap: any length)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.spec}>Wrapping key spec</label>
        <select
          id={ids.spec}
          value={wrappingKeySpec}
          onChange={(event) => onWrappingKeySpec(event.target.value as RsaWrappingKeySpec)}
        >
          {WRAPPING_KEY_SPECS.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="button" disabled={pending} onClick={onGet}>
          Get parameters for import
        </button>
      </div>
      {parameters && (
        <div data-testid="import-parameters">
          <p>
            Import token: {parameters.importToken.length} bytes, valid until{' '}
            {formatDate(parameters.validTo)}. Wrapping public key ({parameters.wrappingKeySpec}, for{' '}
            {parameters.wrappingAlgorithm}):
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section className="policy-view" aria-label="Wrapping public key" tabIndex={0}>
            <pre data-testid="wrapping-public-key">{toPem(parameters.publicKey, 'PUBLIC KEY')}</pre>
          </section>
        </div>
      )}
    </li>
  );
}
