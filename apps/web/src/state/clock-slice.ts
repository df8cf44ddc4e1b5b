import type { StateCreator } from 'zustand';
import { clockOffset, DAY_MS, setClockOffset } from '../kms/clock';
import { readClockOffset, writeClockOffset } from '../kms/meta-store';
import { getRuntime } from '../kms/runtime';
import type { LabState } from './store';

export interface ClockSlice {
  /** How far the app clock runs ahead of real time. */
  clockOffsetMs: number;
  advanceClock(days: number): Promise<void>;
  resetClock(): Promise<void>;
  /** Re-reads the offset another tab may have changed. */
  loadClock(): Promise<void>;
}

export const createClockSlice: StateCreator<LabState, [], [], ClockSlice> = (set, get) => {
  async function setOffset(offsetMs: number) {
    const { db, sync } = await getRuntime();
    await writeClockOffset(db, offsetMs);
    setClockOffset(offsetMs);
    set({ clockOffsetMs: offsetMs });
    sync.publish('clock');
    await get().refreshKeys();
  }
  return {
    clockOffsetMs: 0,
    advanceClock: (days) => setOffset(clockOffset() + days * DAY_MS),
    resetClock: () => setOffset(0),
    async loadClock() {
      const { db } = await getRuntime();
      const offsetMs = await readClockOffset(db);
      setClockOffset(offsetMs);
      set({ clockOffsetMs: offsetMs });
    },
  };
};
