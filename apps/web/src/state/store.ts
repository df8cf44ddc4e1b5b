import { create } from 'zustand';
import { type ClockSlice, createClockSlice } from './clock-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createJourneySlice, type JourneySlice } from './journey-slice';
import { createKeysSlice, type KeysSlice } from './keys-slice';
import { createKmsKeysSlice, type KmsKeysSlice } from './kms-keys-slice';
import { createMissingKeysSlice, type MissingKeysSlice } from './missing-keys-slice';
import { createPresenterSlice, type PresenterSlice } from './presenter-slice';
import { createTourSlice, type TourSlice } from './tour-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/**
 * The app's state: small slices with their actions. No CryptoKey and no plaintext private
 * key is ever put here (those stay in crypto/session-pairs.ts and component state; a KMS
 * key's private half never leaves the engine).
 */
export type LabState = KeysSlice &
  ClockSlice &
  HistorySlice &
  UiSlice &
  KmsKeysSlice &
  TourSlice &
  JourneySlice &
  PresenterSlice &
  MissingKeysSlice;

export const useLab = create<LabState>()((...a) => ({
  ...createKeysSlice(...a),
  ...createClockSlice(...a),
  ...createHistorySlice(...a),
  ...createUiSlice(...a),
  ...createKmsKeysSlice(...a),
  ...createTourSlice(...a),
  ...createJourneySlice(...a),
  ...createPresenterSlice(...a),
  ...createMissingKeysSlice(...a),
}));
