import { useId } from 'react';

export type Encoding = 'PEM' | 'base64' | 'hex';

/**
 * Which one encoding of a field is shown: native radio buttons in a radiogroup, so arrow
 * keys move between them and a screen reader says "PEM, 1 of 3".
 */
export function EncodingSwitch({
  field,
  encodings,
  value,
  onChange,
}: {
  field: string;
  encodings: readonly Encoding[];
  value: Encoding;
  onChange: (encoding: Encoding) => void;
}) {
  const name = useId();
  return (
    <div role="radiogroup" aria-label={`${field} encoding`} className="encoding-switch">
      {encodings.map((each) => (
        <label key={each} className="encoding-option">
          <input
            type="radio"
            name={name}
            value={each}
            checked={each === value}
            onChange={() => onChange(each)}
          />
          <span>{each}</span>
        </label>
      ))}
    </div>
  );
}
