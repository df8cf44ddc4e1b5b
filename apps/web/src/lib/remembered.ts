import { type Dispatch, type SetStateAction, useCallback, useState } from 'react';

/**
 * useState whose value outlives the component, in this tab's memory only: a screen's
 * form and last response are there again after a look at another screen. Nothing here
 * is written to storage or the URL, so it may hold a plaintext private key for the
 * session, as the component itself would.
 */
const memory = new Map<string, unknown>();

export function useRemembered<T>(
  key: string,
  initial: T | (() => T),
): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => {
    if (memory.has(key)) return memory.get(key) as T;
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) => {
      setValue((before) => {
        const value = typeof next === 'function' ? (next as (before: T) => T)(before) : next;
        memory.set(key, value);
        return value;
      });
    },
    [key],
  );
  return [value, set];
}

/** Forgets everything remembered (for tests). */
export function forgetRemembered(): void {
  memory.clear();
}
