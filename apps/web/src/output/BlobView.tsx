import { useMemo, useState } from 'react';
import { blobLayout, hexPreview, sealedAad } from '../asn1/blob-layout';
import { toHex } from '../lib/bytes';
import { HexView } from './HexView';

/** The context (or Aad) a blob was sealed with, when the response that made it is known. */
export interface SealedWith {
  encryptionContext?: Record<string, string> | undefined;
  aadText?: string | undefined;
}

/**
 * The ciphertext blob explained byte by byte: each field's bytes, what they say and why the
 * field is there, each linked to its bytes in the hex dump; then what AES-GCM authenticated.
 */
export function BlobView({
  blob,
  field,
  sealedWith,
}: {
  blob: Uint8Array;
  field: string;
  sealedWith?: SealedWith | undefined;
}) {
  const layout = useMemo(() => {
    try {
      return { fields: blobLayout(blob) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [blob]);
  const [selected, setSelected] = useState<number>();
  if ('error' in layout) return <p className="muted">Not a KMS Lab blob: {layout.error}</p>;
  const marked = selected === undefined ? undefined : layout.fields[selected];
  const aad = sealedWith && sealedAad(blob, sealedWith);
  return (
    <div className="blob-view">
      <p className="muted hint">
        KMS Lab&apos;s blob format, version 1 (docs/ciphertext-format.md): integers are big-endian.
        Press a field to mark its bytes in the hex dump below.
      </p>
      {/* biome-ignore lint/a11y/noRedundantRoles: display:block (the cards) can drop a table's role */}
      <table className="blob-fields" role="table">
        <caption>Ciphertext blob fields</caption>
        <thead>
          {/* biome-ignore lint/a11y/noRedundantRoles: see the table */}
          <tr role="row">
            {COLUMNS.map((column) => (
              // biome-ignore lint/a11y/noRedundantRoles: see the table
              <th scope="col" role="columnheader" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {layout.fields.map((each, index) => (
            <tr
              key={each.name}
              // biome-ignore lint/a11y/noRedundantRoles: see the table
              role="row"
              aria-selected={selected === index}
              className={selected === index ? 'selected' : ''}
              data-testid="blob-field"
              data-field={each.name}
            >
              {/* biome-ignore lint/a11y/noRedundantRoles: see the table */}
              <th scope="row" role="rowheader" data-label={COLUMNS[0]}>
                <button
                  type="button"
                  className="link"
                  aria-label={`Show ${each.name} bytes`}
                  aria-pressed={selected === index}
                  onClick={() => setSelected(index)}
                >
                  {each.name}
                </button>
              </th>
              {/* biome-ignore lint/a11y/noRedundantRoles: see the table */}
              <td role="cell" data-label={COLUMNS[1]}>
                <span className="muted">
                  {each.start}..{each.end} ({each.end - each.start})
                </span>{' '}
                <code data-testid="blob-field-bytes">{hexPreview(blob, each)}</code>
              </td>
              {/* biome-ignore lint/a11y/noRedundantRoles: see the table */}
              <td role="cell" className="wrap" data-label={COLUMNS[2]}>
                <code data-testid="blob-field-value">{each.value}</code>
              </td>
              {/* biome-ignore lint/a11y/noRedundantRoles: see the table */}
              <td role="cell" data-label={COLUMNS[3]} data-testid="blob-field-why">
                {each.why}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {aad && (
        <p className="blob-aad" data-testid="blob-aad">
          What the tag authenticates besides the ciphertext, the AAD: the header (the first{' '}
          {aad.headerEnd} bytes, CRC-32 included) followed by the {aad.kind}&apos;s{' '}
          {aad.contextBytes.length} bytes
          {aad.contextBytes.length > 0 && (
            <>
              {' '}
              <code>{toHex(aad.contextBytes, ' ')}</code>
            </>
          )}
          {aad.kind === 'encryption context'
            ? ' (the canonical encoding: a count, then each pair sorted by key, every key and value length-prefixed). Decrypt rebuilds them from the context it is given: one different pair and the tag no longer matches.'
            : '. AdvanceDecrypt rebuilds them from the Aad it is given: a different Aad and the tag no longer matches.'}
        </p>
      )}
      <HexView
        bytes={blob}
        marked={marked}
        testId={`${field}-hexview`}
        label={`${field} bytes in hex`}
      />
    </div>
  );
}

const COLUMNS = ['Field', 'Bytes', 'What it says', 'Why it is there'] as const;
