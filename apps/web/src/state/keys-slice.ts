import type { Kms } from '@kms-lab/core';
import type { StateCreator } from 'zustand';
import { type ExplainedFailure, explainFailure } from '../errors/explain';
import { appNow } from '../kms/clock';
import { type KeySummary, summariseKeys } from '../kms/key-summary';
import { getKms, getRuntime } from '../kms/runtime';
import type { SnippetInput } from '../snippets/types';
import type { LabState } from './store';

/** The last key management request, for its CLI/SDK snippets and its outcome. */
export interface KeyOperationRecord {
  operation: string;
  input: SnippetInput;
  failure?: ExplainedFailure | undefined;
}

export interface KeysSlice {
  keys: KeySummary[];
  keysLoaded: boolean;
  selectedKeyId: string | undefined;
  /** Newest first, a few at most. */
  recentKeyOperations: KeyOperationRecord[];
  keyOperationPending: boolean;
  refreshKeys(): Promise<void>;
  selectKey(keyId: string | undefined): void;
  /**
   * Runs one AWS operation on the engine, records it, and refreshes the key list.
   * Resolves to the response, or undefined when the operation failed.
   */
  runKeyOperation<T>(
    operation: string,
    input: SnippetInput,
    call: (kms: Kms) => Promise<T>,
  ): Promise<T | undefined>;
}

const RECENT_OPERATIONS = 3;

export const createKeysSlice: StateCreator<LabState, [], [], KeysSlice> = (set, get) => ({
  keys: [],
  keysLoaded: false,
  selectedKeyId: undefined,
  recentKeyOperations: [],
  keyOperationPending: false,

  async refreshKeys() {
    const { keyStore } = await getRuntime();
    const read = async () =>
      summariseKeys(await keyStore.listKeys(), await keyStore.listAliases(), appNow());
    let keys = await read();
    // Rotations or deletions the clock made due are applied by the engine (ListKeys
    // settles every key), loaded only when there is something to settle.
    if (keys.some((key) => key.due)) {
      await (await getKms()).listKeys({});
      keys = await read();
    }
    const selected = get().selectedKeyId;
    set({
      keys,
      keysLoaded: true,
      selectedKeyId: keys.some((key) => key.keyId === selected) ? selected : undefined,
    });
  },

  selectKey(keyId) {
    set({ selectedKeyId: keyId });
  },

  async runKeyOperation(operation, input, call) {
    set({ keyOperationPending: true });
    let failure: ExplainedFailure | undefined;
    let result: Awaited<ReturnType<typeof call>> | undefined;
    try {
      result = await call(await getKms());
    } catch (error) {
      failure = explainFailure(error);
    }
    set({
      recentKeyOperations: [{ operation, input, failure }, ...get().recentKeyOperations].slice(
        0,
        RECENT_OPERATIONS,
      ),
      keyOperationPending: false,
    });
    await get().refreshKeys();
    return result;
  },
});
