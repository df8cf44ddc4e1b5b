import type { StateCreator } from 'zustand';
import type { LabState } from './store';

/** Where presenter mode is kept, so a demo reloaded mid-talk stays in it (like the tour's closed state). */
const PRESENTER_KEY = 'kms-lab:presenter-mode';

/** The keyboard shortcut that turns presenter mode on and off, as `aria-keyshortcuts` spells it. */
export const PRESENTER_SHORTCUT = 'Alt+Shift+P';

function onBefore(): boolean {
  try {
    return globalThis.localStorage?.getItem(PRESENTER_KEY) === 'on';
  } catch {
    return false;
  }
}

function remember(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(PRESENTER_KEY, 'on');
    else globalThis.localStorage?.removeItem(PRESENTER_KEY);
  } catch {
    // Storage may be off (private mode): presenter mode then lasts until the reload.
  }
}

/**
 * Presenter mode, for demos: larger type, and the tour one step per click with the step's
 * explanation and the diagram full width. Entering it opens the tour; leaving it keeps the
 * tour as it is and restores the normal layout.
 */
export interface PresenterSlice {
  presenter: boolean;
  setPresenter(on: boolean): void;
  togglePresenter(): void;
}

export const createPresenterSlice: StateCreator<LabState, [], [], PresenterSlice> = (set, get) => ({
  presenter: onBefore(),
  setPresenter(on) {
    remember(on);
    set({ presenter: on });
    if (on && !get().tourOpen) get().openTour();
  },
  togglePresenter() {
    get().setPresenter(!get().presenter);
  },
});
