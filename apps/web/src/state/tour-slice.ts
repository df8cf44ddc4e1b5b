import type { StateCreator } from 'zustand';
import type { LabState } from './store';

/** Where the choice to close "Start here" is kept, so a closed tour stays closed on reload. */
const CLOSED_KEY = 'kms-lab:start-here-closed';

function closedBefore(): boolean {
  try {
    return globalThis.localStorage?.getItem(CLOSED_KEY) === 'true';
  } catch {
    return false;
  }
}

function rememberClosed(closed: boolean): void {
  try {
    if (closed) globalThis.localStorage?.setItem(CLOSED_KEY, 'true');
    else globalThis.localStorage?.removeItem(CLOSED_KEY);
  } catch {
    // Storage may be off (private mode): the tour then opens on every visit, which is harmless.
  }
}

/**
 * The "Start here" tour: whether it is shown and which step it shows. Which steps are done
 * is not kept here: it is derived from the keys, the history and the journey (tour/facts.ts),
 * so the tour lights up the same whether a step was done in the tour or on a screen. A
 * presenter mode can drive the same step index.
 */
export interface TourSlice {
  /** Open on a first visit, until the user closes it. */
  tourOpen: boolean;
  /** Index into TOUR_STEPS. */
  tourStep: number;
  openTour(step?: number): void;
  closeTour(): void;
  showTourStep(step: number): void;
}

export const createTourSlice: StateCreator<LabState, [], [], TourSlice> = (set) => ({
  tourOpen: !closedBefore(),
  tourStep: 0,
  openTour(step) {
    rememberClosed(false);
    set((state) => ({ tourOpen: true, tourStep: step ?? state.tourStep }));
  },
  closeTour() {
    rememberClosed(true);
    set({ tourOpen: false });
  },
  showTourStep: (step) => set({ tourStep: step }),
});
