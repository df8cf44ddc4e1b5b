import { useId, useState } from 'react';
import type { Field } from '../asn1/der-tree';
import { toBase64, toHex } from '../lib/bytes';
import { download } from '../lib/download';
import { type PemLabel, toPem } from '../lib/pem';
import { Asn1View } from './Asn1View';
import { BlobView } from './BlobView';
import { CopyButton } from './CopyButton';

export interface BytesFieldProps {
  /** The response field's name, e.g. PublicKey: the region's name and the test ids' prefix. */
  field: string;
  /** The bytes the views work on: for a key, its DER. */
  bytes: Uint8Array;
  /**
   * The bytes exactly as the API returned them, when they are not `bytes`: Alibaba's
   * KeyFormat PEM returns the PEM text's bytes, whose DER is `bytes`. The base64 and hex
   * views and their copy buttons show these, so they match the API response.
   */
  returned?: Uint8Array | undefined;
  /** Keys: PEM label and schema. Absent for a ciphertext blob. */
  pemLabel?: PemLabel | undefined;
  schema?: Field | undefined;
  /** File name without extension. */
  fileBase: string;
  /** A secret: masked until revealed, never spell-checked or autocompleted. */
  secret?: boolean;
  /**
   * Bytes with no structure to show (a signature, a MAC, a shared secret, an RSA
   * ciphertext): no ASN.1 or blob view. Without a schema the view is the blob layout.
   */
  plain?: boolean;
}

function Encoded({
  field,
  kind,
  text,
  secret,
}: {
  field: string;
  kind: string;
  text: string;
  secret: boolean;
}) {
  const id = useId();
  return (
    <div className="encoded">
      <div className="encoded-head">
        <label htmlFor={id}>
          {field} {kind}
        </label>
        <CopyButton text={text} label={`${field} ${kind}`} />
      </div>
      <textarea
        id={id}
        readOnly
        value={text}
        rows={kind === 'PEM' ? Math.min(12, text.split('\n').length) : 3}
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        data-testid={`${field}-${kind.toLowerCase()}`}
        data-secret={secret ? 'true' : undefined}
      />
    </div>
  );
}

/** One byte field of a response: PEM, base64, hex, copy, download, and its structure. */
export function BytesField({
  field,
  bytes,
  returned,
  pemLabel,
  schema,
  fileBase,
  secret = false,
  plain = false,
}: BytesFieldProps) {
  const headingId = useId();
  const [revealed, setRevealed] = useState(!secret);
  const [showStructure, setShowStructure] = useState(true);
  const pem = pemLabel ? toPem(bytes, pemLabel) : undefined;

  return (
    <section className="bytes-field" aria-labelledby={headingId}>
      <h4 id={headingId}>{field}</h4>
      <p className="muted">
        {returned
          ? `${returned.length} bytes as returned (the PEM text, which KeyFormat PEM asks for: base64 and hex show them); the DER inside is ${bytes.length} bytes (the ASN.1 view and the .der file)`
          : `${bytes.length} bytes`}
        {secret &&
          `${returned ? '. It is' : ':'} the plaintext private key. It is never stored; it is gone when this tab closes.`}
      </p>
      {secret && (
        <button type="button" onClick={() => setRevealed(!revealed)} aria-pressed={revealed}>
          {revealed ? `Hide ${field}` : `Reveal ${field}`}
        </button>
      )}
      {!revealed ? (
        <p className="masked" data-testid={`${field}-masked`}>
          ••••••••••••••••••••••••
        </p>
      ) : (
        <>
          {pem && <Encoded field={field} kind="PEM" text={pem} secret={secret} />}
          <Encoded field={field} kind="base64" text={toBase64(returned ?? bytes)} secret={secret} />
          <Encoded field={field} kind="hex" text={toHex(returned ?? bytes)} secret={secret} />
          <div className="actions">
            {pem && (
              <button
                type="button"
                onClick={() => download(`${fileBase}.pem`, pem, 'application/x-pem-file')}
              >
                Download {field} .pem
              </button>
            )}
            {pem ? (
              <button type="button" onClick={() => download(`${fileBase}.der`, bytes)}>
                Download {field} .der
              </button>
            ) : (
              <button type="button" onClick={() => download(`${fileBase}.bin`, bytes)}>
                Download {field} .bin
              </button>
            )}
            {!plain && (
              <button
                type="button"
                aria-expanded={showStructure}
                onClick={() => setShowStructure(!showStructure)}
              >
                {showStructure ? `Hide ${field} structure` : `Show ${field} structure`}
              </button>
            )}
          </div>
          {showStructure &&
            !plain &&
            (schema ? (
              <Asn1View der={bytes} schema={schema} field={field} />
            ) : (
              <BlobView blob={bytes} field={field} />
            ))}
        </>
      )}
    </section>
  );
}
