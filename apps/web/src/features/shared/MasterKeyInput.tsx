import { useId } from 'react';
import { useLab } from '../../state/store';

/** A master key by alias, key ID or ARN, with the app's symmetric keys suggested. */
export function MasterKeyInput({
  value,
  onChange,
  label = 'Master key',
}: {
  value: string;
  onChange: (value: string) => void;
  label?: string;
}) {
  const keys = useLab((state) => state.keys);
  const id = useId();
  const listId = useId();
  const symmetric = keys.filter((key) => key.keySpec === 'SYMMETRIC_DEFAULT');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        list={listId}
        value={value}
        placeholder="alias/demo or a key ID"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={listId}>
        {symmetric.flatMap((key) => [
          ...key.aliases.map((alias) => <option key={alias} value={alias} />),
          <option key={key.keyId} value={key.keyId}>
            {key.state}
          </option>,
        ])}
      </datalist>
    </div>
  );
}
