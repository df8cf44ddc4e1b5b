import { useId, useState } from 'react';
import type { Field } from '../asn1/der-tree';
import { toBase64, toHex } from '../lib/bytes';
import { download } from '../lib/download';
import { type PemLabel, toPem } from '../lib/pem';
import { Asn1View } from './Asn1View';
import { BlobView, type SealedWith } from './BlobView';
import { CopyButton } from './CopyButton';
import { type Encoding, EncodingSwitch } from './EncodingSwitch';
import type { ArtifactRole } from './roles';

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
  /** What to do with it (share, store beside the data, use then forget), said beside it. */
  role?: ArtifactRole | undefined;
  /** A blob's context or Aad, for the explanation of what its tag authenticates. */
  sealedWith?: SealedWith | undefined;
  /** Said after the size: why it is this size (an ML-KEM private key is 86 bytes at every level). */
  sizeNote?: string | undefined;
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

/**
 * One byte field of a response: its role, one encoding at a time (PEM, base64 or hex, with a
 * switch), copy, download, and its structure (ASN.1 tree or blob layout with the hex dump),
 * collapsed until asked for: the first look is the value and what to do with it.
 */
export function BytesField({
  field,
  bytes,
  returned,
  pemLabel,
  schema,
  fileBase,
  secret = false,
  plain = false,
  role,
  sealedWith,
  sizeNote,
}: BytesFieldProps) {
  const headingId = useId();
  const [revealed, setRevealed] = useState(!secret);
  const [showStructure, setShowStructure] = useState(false);
  const pem = pemLabel ? toPem(bytes, pemLabel) : undefined;
  const encodings: readonly Encoding[] = pem ? ['PEM', 'base64', 'hex'] : ['base64', 'hex'];
  const [chosen, setEncoding] = useState<Encoding>(encodings[0] as Encoding);
  const encoding = encodings.includes(chosen) ? chosen : (encodings[0] as Encoding);
  const shown = returned ?? bytes;
  const text =
    encoding === 'PEM' && pem ? pem : encoding === 'hex' ? toHex(shown) : toBase64(shown);

  return (
    <section className="bytes-field" aria-labelledby={headingId}>
      <div className="field-head">
        <h4 id={headingId}>{field}</h4>
        {role && (
          <span className="role-badge" data-testid={`${field}-role`}>
            {role.label}
          </span>
        )}
      </div>
      {role && <p className="role-note">{role.note}</p>}
      <p className="muted" data-testid={`${field}-size`}>
        {returned
          ? `${returned.length} bytes as returned (the PEM text, which KeyFormat PEM asks for: base64 and hex show them); the DER inside is ${bytes.length} bytes (the ASN.1 view and the .der file)`
          : `${bytes.length} bytes`}
        {sizeNote && `: ${sizeNote}`}
        {secret &&
          `${returned || sizeNote ? '. It is' : ':'} the plaintext private key. It is never stored; it is gone when this tab closes.`}
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
          <EncodingSwitch
            field={field}
            encodings={encodings}
            value={encoding}
            onChange={setEncoding}
          />
          <Encoded field={field} kind={encoding} text={text} secret={secret} />
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
            ) : schema ? (
              // DER with no PEM label of its own (CiphertextForRecipient's CMS): .der, as
              // `openssl cms -inform DER` reads it.
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
              <BlobView blob={bytes} field={field} sealedWith={sealedWith} />
            ))}
        </>
      )}
    </section>
  );
}
