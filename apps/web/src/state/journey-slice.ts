import type { StateCreator } from 'zustand';
import type { LabState } from './store';

/**
 * What was done with a data key pair beyond the KMS requests the history records: the
 * public key used, the blob stored beside the data, the private key used and forgotten.
 * The screens (Use the pair, Generate) and the tour report it; the tour lights up from it.
 * Nothing secret: ciphertexts and signatures only, never a plaintext or a private key.
 * Each entry is keyed by the history entry that generated the pair.
 */
export interface PublicKeyUse {
  kind: 'encrypt' | 'verify' | 'encapsulate';
  algorithm: string;
  /**
   * The ciphertext (encrypt), the verified signature (verify), or the ML-KEM ciphertext that
   * carries the shared secret (encapsulate), base64.
   */
  outputBase64: string;
  /** encapsulate: the shared secret's fingerprint (lib/fingerprint.ts), never the secret. */
  secretFingerprint?: string | undefined;
}

export interface PrivateKeyUse {
  kind: 'decrypt' | 'sign' | 'decapsulate';
  algorithm: string;
}

export interface Journey {
  publicKeyUses: Readonly<Record<number, PublicKeyUse>>;
  /** Pairs whose blob was put beside the data (the tour's envelope, a downloaded response). */
  stored: readonly number[];
  privateKeyUses: Readonly<Record<number, PrivateKeyUse>>;
  /** Pairs whose plaintext private key this tab dropped after use. */
  forgotten: readonly number[];
}

export interface JourneySlice {
  journey: Journey;
  notePublicKeyUse(pairHistoryId: number, use: PublicKeyUse): void;
  noteStored(pairHistoryId: number): void;
  notePrivateKeyUse(pairHistoryId: number, use: PrivateKeyUse): void;
  noteForgotten(pairHistoryId: number): void;
  /**
   * The private key is back in this tab (a new Decrypt of the blob): it is no longer
   * forgotten, and what was done with it before belongs to the last round.
   */
  notePrivateKeyBack(pairHistoryId: number): void;
  /** Adds a journey read from a lab file (its history IDs already this lab's). */
  mergeJourney(imported: Journey): void;
}

const EMPTY: Journey = { publicKeyUses: {}, stored: [], privateKeyUses: {}, forgotten: [] };

const withId = (ids: readonly number[], id: number, present: boolean) =>
  present ? [...ids.filter((each) => each !== id), id] : ids.filter((each) => each !== id);

const union = (a: readonly number[], b: readonly number[]) => [...new Set([...a, ...b])];

export const createJourneySlice: StateCreator<LabState, [], [], JourneySlice> = (set) => ({
  journey: EMPTY,
  mergeJourney: (imported) =>
    set(({ journey }) => ({
      journey: {
        publicKeyUses: { ...journey.publicKeyUses, ...imported.publicKeyUses },
        stored: union(journey.stored, imported.stored),
        privateKeyUses: { ...journey.privateKeyUses, ...imported.privateKeyUses },
        forgotten: union(journey.forgotten, imported.forgotten),
      },
    })),
  notePublicKeyUse: (id, use) =>
    set(({ journey }) => ({
      journey: { ...journey, publicKeyUses: { ...journey.publicKeyUses, [id]: use } },
    })),
  noteStored: (id) =>
    set(({ journey }) => ({ journey: { ...journey, stored: withId(journey.stored, id, true) } })),
  notePrivateKeyUse: (id, use) =>
    set(({ journey }) => ({
      journey: { ...journey, privateKeyUses: { ...journey.privateKeyUses, [id]: use } },
    })),
  noteForgotten: (id) =>
    set(({ journey }) => ({
      journey: { ...journey, forgotten: withId(journey.forgotten, id, true) },
    })),
  notePrivateKeyBack: (id) =>
    set(({ journey }) => {
      const { [id]: _before, ...privateKeyUses } = journey.privateKeyUses;
      return {
        journey: { ...journey, privateKeyUses, forgotten: withId(journey.forgotten, id, false) },
      };
    }),
});
