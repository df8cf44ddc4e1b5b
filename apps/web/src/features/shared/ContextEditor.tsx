import { useEffect, useRef } from 'react';

export interface ContextPair {
  key: string;
  value: string;
}

/** The pairs as AWS's EncryptionContext; undefined when there are none. */
export function contextOf(pairs: readonly ContextPair[]): Record<string, string> | undefined {
  const filled = pairs.filter((pair) => pair.key !== '' || pair.value !== '');
  if (filled.length === 0) return undefined;
  return Object.fromEntries(filled.map((pair) => [pair.key, pair.value]));
}

export function pairsOf(context: Record<string, string> | undefined): ContextPair[] {
  return Object.entries(context ?? {}).map(([key, value]) => ({ key, value }));
}

/**
 * AWS encryption context: key-value pairs bound to the ciphertext (not secret). `name`
 * words the labels, so two editors on one form stay apart: 'source context' gives
 * "Source context key 1" and "Add source context pair".
 */
export function ContextEditor({
  pairs,
  onChange,
  name = 'context',
  legend = 'Encryption context',
}: {
  pairs: readonly ContextPair[];
  onChange: (pairs: ContextPair[]) => void;
  name?: string;
  legend?: string;
}) {
  const labelStart = name.charAt(0).toUpperCase() + name.slice(1);
  const update = (index: number, change: Partial<ContextPair>) =>
    onChange(pairs.map((pair, at) => (at === index ? { ...pair, ...change } : pair)));

  // Adding or removing a pair moves focus to a key field (the new pair's, or the one now
  // where the removed pair was), so keyboard users are not left on a button that moved or
  // vanished; with no pair left, to the Add button.
  const keyInputs = useRef<(HTMLInputElement | null)[]>([]);
  const addButton = useRef<HTMLButtonElement>(null);
  const focusAfterChange = useRef<number | undefined>(undefined);
  useEffect(() => {
    const index = focusAfterChange.current;
    if (index === undefined) return;
    focusAfterChange.current = undefined;
    const target = pairs.length === 0 ? addButton.current : keyInputs.current[index];
    target?.focus();
  });
  function add() {
    focusAfterChange.current = pairs.length;
    onChange([...pairs, { key: '', value: '' }]);
  }
  function remove(index: number) {
    focusAfterChange.current = Math.min(index, pairs.length - 2);
    onChange(pairs.filter((_, at) => at !== index));
  }

  return (
    <fieldset className="context-editor">
      <legend>{legend}</legend>
      {pairs.length === 0 && <p className="muted">No encryption context.</p>}
      {pairs.map((pair, index) => (
        // Pairs have no identity but their position while editing.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="context-pair" key={index}>
          <label>
            {labelStart} key {index + 1}
            <input
              ref={(element) => {
                keyInputs.current[index] = element;
              }}
              value={pair.key}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => update(index, { key: event.target.value })}
            />
          </label>
          <label>
            {labelStart} value {index + 1}
            <input
              value={pair.value}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => update(index, { value: event.target.value })}
            />
          </label>
          <button type="button" onClick={() => remove(index)}>
            Remove {name} pair {index + 1}
          </button>
        </div>
      ))}
      <button type="button" ref={addButton} onClick={add}>
        Add {name} pair
      </button>
    </fieldset>
  );
}
