import type { StateCreator } from 'zustand';
import type { LabState } from './store';

export const VIEWS = [
  'keys',
  'generate',
  'decrypt',
  'use',
  'kms-keys',
  'enclave',
  'history',
] as const;
export type View = (typeof VIEWS)[number];

/** A ciphertext handed to the Decrypt screen (from Generate or History): nothing secret. */
export interface DecryptDraft {
  blobBase64: string;
  encryptionContext?: Record<string, string> | undefined;
  aadText?: string | undefined;
  /** Bumped on every hand-off so the form takes it even when the blob is the same. */
  serial: number;
}

export interface UiSlice {
  view: View;
  decryptDraft: DecryptDraft | undefined;
  /** The session pair the "Use the pair" screen works with. */
  usePairId: string | undefined;
  persistentStorage: boolean | undefined;
  setView(view: View): void;
  openDecrypt(draft: Omit<DecryptDraft, 'serial'>): void;
  openUse(pairId: string): void;
  setPersistentStorage(value: boolean | undefined): void;
}

export const createUiSlice: StateCreator<LabState, [], [], UiSlice> = (set, get) => ({
  view: 'keys',
  decryptDraft: undefined,
  usePairId: undefined,
  persistentStorage: undefined,
  setView: (view) => set({ view }),
  openDecrypt: (draft) =>
    set({
      view: 'decrypt',
      decryptDraft: { ...draft, serial: (get().decryptDraft?.serial ?? 0) + 1 },
    }),
  openUse: (pairId) => set({ view: 'use', usePairId: pairId }),
  setPersistentStorage: (value) => set({ persistentStorage: value }),
});
