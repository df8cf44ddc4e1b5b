import { useMemo, useState } from 'react';
import { blobLayout } from '../asn1/blob-layout';
import { HexView } from './HexView';

/** The ciphertext blob's own fields, each linked to its bytes in the hex dump. */
export function BlobView({ blob, field }: { blob: Uint8Array; field: string }) {
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
  return (
    <div className="asn1">
      <table className="blob-fields">
        <caption>Ciphertext blob fields</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Bytes</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {layout.fields.map((each, index) => (
            <tr
              key={each.name}
              aria-selected={selected === index}
              className={selected === index ? 'selected' : ''}
            >
              <th scope="row">
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
              <td>
                {each.start}..{each.end} ({each.end - each.start})
              </td>
              <td className="wrap">
                <code>{each.value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <HexView
        bytes={blob}
        marked={marked}
        testId={`${field}-hexview`}
        label={`${field} bytes in hex`}
      />
    </div>
  );
}
