import { useId } from 'react';

/** Alibaba Cloud's Aad, typed as UTF-8 text (sent as its bytes). */
export function AadInput({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Aad (UTF-8 text)</label>
      <input
        id={id}
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
