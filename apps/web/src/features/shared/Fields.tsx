import { type ComponentProps, type ReactNode, useId } from 'react';

/** A field's label and its control, tied by an id. */
function LabelledField({ label, control }: { label: string; control: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control(id)}
    </div>
  );
}

/**
 * A labelled text area, two rows unless told otherwise; every other prop (spellCheck,
 * placeholder…) is the textarea's own.
 */
export function TextAreaField({
  label,
  onChange,
  rows = 2,
  ...textarea
}: Omit<ComponentProps<'textarea'>, 'id' | 'onChange'> & {
  label: string;
  onChange: (text: string) => void;
}) {
  return (
    <LabelledField
      label={label}
      control={(id) => (
        <textarea
          id={id}
          rows={rows}
          {...textarea}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    />
  );
}

/** A select's names (algorithms, message types), the one chosen, and how to choose another. */
export interface Choice<Name extends string> {
  names: readonly Name[];
  value: Name;
  onChange: (name: Name) => void;
}

/**
 * A choice among names that may change under it (another key, another algorithm): the
 * chosen name while it is among them, `fallback` (the first name by default) otherwise.
 * The chosen name and its setter come from useState or useRemembered.
 */
export function choiceAmong<Name extends string>(
  names: readonly Name[],
  [chosen, choose]: readonly [Name, (name: Name) => void],
  fallback: Name | undefined = names[0],
): Choice<Name> {
  return { names, value: names.includes(chosen) ? chosen : (fallback ?? chosen), onChange: choose };
}

/** A labelled select of a Choice's names: each option is its own value. */
export function NameSelect<Name extends string>({
  label,
  names,
  value,
  onChange,
}: Choice<Name> & { label: string }) {
  return (
    <LabelledField
      label={label}
      control={(id) => (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value as Name)}>
          {names.map((each) => (
            <option key={each}>{each}</option>
          ))}
        </select>
      )}
    />
  );
}
