import type { StateCreator } from 'zustand';
import type { LabState } from './store';

/**
 * The "Use a KMS key" screen's shared state: which asymmetric or HMAC key it works with, so
 * the Keys screen can hand a key over. Only a key ID: the engine keeps the private halves,
 * and a peer key pair made on the screen stays in that screen's memory.
 */
export interface KmsKeysSlice {
  /** Undefined: the screen takes the newest asymmetric or HMAC key. */
  kmsKeyId: string | undefined;
  chooseKmsKey(keyId: string | undefined): void;
  /** Opens the "Use a KMS key" screen with this key chosen. */
  openKmsKey(keyId: string): void;
}

export const createKmsKeysSlice: StateCreator<LabState, [], [], KmsKeysSlice> = (set) => ({
  kmsKeyId: undefined,
  chooseKmsKey: (keyId) => set({ kmsKeyId: keyId }),
  openKmsKey: (keyId) => set({ kmsKeyId: keyId, view: 'kms-keys' }),
});
