import type { Kms } from '@kms-lab/core';
import type { StateCreator } from 'zustand';
import { type ExplainedFailure, explainFailure } from '../errors/explain';
import { appNow } from '../kms/clock';
import { type KeySummary, summariseKeys } from '../kms/key-summary';
import { getKms, getKmsIn, getRuntime } from '../kms/runtime';
import type { SnippetInput } from '../snippets/types';
import type { LabState } from './store';

/** The last key management request, for its CLI/SDK snippets and its outcome. */
export interface KeyOperationRecord {
  operation: string;
  input: SnippetInput;
  /** Where it was sent, when not the default Region. */
  region?: string | undefined;
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
   * Resolves to the response, or undefined when the operation failed. `region`: the engine
   * of that Region (multi-Region keys); absent, the app's default Region.
   */
  runKeyOperation<T>(
    operation: string,
    input: SnippetInput,
    call: (kms: Kms) => Promise<T>,
    region?: string,
  ): Promise<T | undefined>;
  /**
   * Creates a SYMMETRIC_DEFAULT key (the kind that wraps data key pairs) with the alias
   * `alias/<aliasBase>`, or `alias/<aliasBase>-2`… when that one is taken. Resolves to the
   * alias, or undefined when a request failed (the failure is in recentKeyOperations).
   */
  createSymmetricKey(aliasBase: string, description: string): Promise<string | undefined>;
}

/** The first of alias/<base>, alias/<base>-2, alias/<base>-3… that no key has. */
export function freeAlias(keys: readonly KeySummary[], base: string): string {
  const taken = new Set(keys.flatMap((key) => key.aliases));
  let alias = `alias/${base}`;
  for (let n = 2; taken.has(alias); n++) alias = `alias/${base}-${n}`;
  return alias;
}

const RECENT_OPERATIONS = 3;

export const createKeysSlice: StateCreator<LabState, [], [], KeysSlice> = (set, get) => ({
  keys: [],
  keysLoaded: false,
  selectedKeyId: undefined,
  recentKeyOperations: [],
  keyOperationPending: false,

  async refreshKeys() {
    const { keyStore, regionalStores } = await getRuntime();
    const read = async () => {
      // Replicas in other Regions, shown with the key they replicate.
      await regionalStores.reload();
      const otherRegions = new Map<string, string[]>();
      for (const { keyId, region } of await regionalStores.otherRegionsKeys())
        otherRegions.set(keyId, [...(otherRegions.get(keyId) ?? []), region]);
      return summariseKeys(
        await keyStore.listKeys(),
        await keyStore.listAliases(),
        appNow(),
        otherRegions,
      );
    };
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

  async runKeyOperation(operation, input, call, region) {
    set({ keyOperationPending: true });
    let failure: ExplainedFailure | undefined;
    let result: Awaited<ReturnType<typeof call>> | undefined;
    try {
      result = await call(await (region === undefined ? getKms() : getKmsIn(region)));
    } catch (error) {
      failure = explainFailure(error);
    }
    set({
      recentKeyOperations: [
        { operation, input, failure, region },
        ...get().recentKeyOperations,
      ].slice(0, RECENT_OPERATIONS),
      keyOperationPending: false,
    });
    await get().refreshKeys();
    return result;
  },

  async createSymmetricKey(aliasBase, description) {
    const { runKeyOperation, selectKey } = get();
    const input = { Description: description, KeySpec: 'SYMMETRIC_DEFAULT' as const };
    const created = await runKeyOperation('CreateKey', input, (kms) => kms.createKey(input));
    const keyId = created?.KeyMetadata?.KeyId;
    if (!keyId) return undefined;
    selectKey(keyId);
    const aliasInput = { AliasName: freeAlias(get().keys, aliasBase), TargetKeyId: keyId };
    const aliased = await runKeyOperation('CreateAlias', aliasInput, (kms) =>
      kms.createAlias(aliasInput),
    );
    // Without its alias the key still works: name it by its ID.
    return aliased === undefined ? keyId : aliasInput.AliasName;
  },
});
