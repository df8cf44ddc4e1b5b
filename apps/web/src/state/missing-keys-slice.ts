import type { StateCreator } from 'zustand';
import { type MissingKey, readMissingKeys } from '../kms/missing-keys';
import { getRuntime } from '../kms/runtime';
import type { LabState } from './store';

/**
 * Keys a lab file brought without their material (kms/missing-keys.ts): listed on the Keys
 * screen, and named when a blob under one fails to decrypt. Metadata only.
 */
export interface MissingKeysSlice {
  missingKeys: MissingKey[];
  refreshMissingKeys(): Promise<void>;
}

export const createMissingKeysSlice: StateCreator<LabState, [], [], MissingKeysSlice> = (set) => ({
  missingKeys: [],
  async refreshMissingKeys() {
    const { db, keyStore } = await getRuntime();
    // A key that came later with its material is no longer missing.
    const here = new Set((await keyStore.listKeys()).map((key) => key.keyId));
    set({ missingKeys: (await readMissingKeys(db)).filter((each) => !here.has(each.key.keyId)) });
  },
});
