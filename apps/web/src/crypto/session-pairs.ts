import type { SupportedDataKeyPairSpec } from '@kms-lab/core';
import { useSyncExternalStore } from 'react';

/**
 * Key pairs the user works with in this tab. Plaintext private keys live here only: a
 * module-level map, never in zustand, the URL or IndexedDB, gone when the tab closes.
 */
export interface SessionPair {
  id: string;
  label: string;
  spec: SupportedDataKeyPairSpec;
  /** DER SubjectPublicKeyInfo. */
  publicKey: Uint8Array;
  /** DER PKCS #8; absent when only the public key is known. */
  privateKey?: Uint8Array | undefined;
  historyId?: number | undefined;
}

let pairs: readonly SessionPair[] = [];
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

/** Adds a pair, or completes the one with the same history entry or public key. */
export function rememberPair(pair: SessionPair): SessionPair {
  const same = pairs.find(
    (each) =>
      (pair.historyId !== undefined && each.historyId === pair.historyId) ||
      sameBytes(each.publicKey, pair.publicKey),
  );
  const merged: SessionPair = same
    ? {
        ...same,
        privateKey: pair.privateKey ?? same.privateKey,
        historyId: same.historyId ?? pair.historyId,
      }
    : pair;
  pairs = same ? pairs.map((each) => (each === same ? merged : each)) : [merged, ...pairs];
  emit();
  return merged;
}

export function forgetPairs(): void {
  pairs = [];
  emit();
}

export const sessionPairs = (): readonly SessionPair[] => pairs;

export function subscribePairs(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSessionPairs(): readonly SessionPair[] {
  return useSyncExternalStore(subscribePairs, sessionPairs);
}

function sameBytes(a: Uint8Array, b: Uint8Array) {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/**
 * Drops the plaintext private key of the pair `historyId` generated ("use, then forget"):
 * the pair keeps its public key, and a Decrypt of its blob brings the private key back.
 */
export function forgetPrivateKey(historyId: number): void {
  pairs = pairs.map((each) =>
    each.historyId === historyId ? { ...each, privateKey: undefined } : each,
  );
  emit();
}
