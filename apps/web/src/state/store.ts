import { create } from 'zustand';
import { type ClockSlice, createClockSlice } from './clock-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createKeysSlice, type KeysSlice } from './keys-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/**
 * The app's state: small slices with their actions. No CryptoKey and no plaintext private
 * key is ever put here (those stay in crypto/session-pairs.ts and component state).
 */
export type LabState = KeysSlice & ClockSlice & HistorySlice & UiSlice;

export const useLab = create<LabState>()((...a) => ({
  ...createKeysSlice(...a),
  ...createClockSlice(...a),
  ...createHistorySlice(...a),
  ...createUiSlice(...a),
}));
