import type { StateCreator } from 'zustand';
import type { HistoryRecord } from '../kms/history-types';
import { getRuntime } from '../kms/runtime';
import type { LabState } from './store';

export interface HistorySlice {
  /** Newest first; public keys and ciphertexts only. */
  history: HistoryRecord[];
  /** The history has been read from IndexedDB at least once. */
  historyLoaded: boolean;
  refreshHistory(): Promise<void>;
  recordHistory(record: HistoryRecord): Promise<number>;
  clearHistory(): Promise<void>;
}

export const createHistorySlice: StateCreator<LabState, [], [], HistorySlice> = (set, get) => ({
  history: [],
  historyLoaded: false,
  async refreshHistory() {
    const { history } = await getRuntime();
    set({ history: await history.list(), historyLoaded: true });
  },
  async recordHistory(record) {
    const { history } = await getRuntime();
    const id = await history.add(record);
    await get().refreshHistory();
    return id;
  },
  async clearHistory() {
    const { history } = await getRuntime();
    await history.clear();
    await get().refreshHistory();
  },
});
