import { useId } from 'react';
import type { KeySummary } from '../../kms/key-summary';
import { useLab } from '../../state/store';

const isSymmetric = (key: KeySummary) => key.keySpec === 'SYMMETRIC_DEFAULT';

/**
 * A master key by alias, key ID or ARN, with the app's keys suggested: the symmetric ones
 * unless `suggest` picks others.
 */
export function MasterKeyInput({
  value,
  onChange,
  label = 'Master key',
  suggest = isSymmetric,
  placeholder = 'alias/demo or a key ID',
}: {
  value: string;
  onChange: (value: string) => void;
  label?: string;
  suggest?: (key: KeySummary) => boolean;
  placeholder?: string;
}) {
  const keys = useLab((state) => state.keys);
  const id = useId();
  const listId = useId();
  const suggested = keys.filter(suggest);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        list={listId}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={listId}>
        {suggested.flatMap((key) => [
          ...key.aliases.map((alias) => <option key={alias} value={alias} />),
          <option key={key.keyId} value={key.keyId}>
            {key.state}
          </option>,
        ])}
      </datalist>
    </div>
  );
}
