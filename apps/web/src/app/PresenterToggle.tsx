import { useEffect } from 'react';
import { PRESENTER_SHORTCUT } from '../state/presenter-slice';
import { useLab } from '../state/store';

/** Whether a key press is the presenter shortcut (Alt+Shift+P, by the key's place, so macOS's Option characters do not matter). */
export const isPresenterShortcut = (event: KeyboardEvent) =>
  event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyP';

/**
 * The header's presenter mode switch (a toggle button) and its keyboard shortcut, shown
 * beside it. Presenter mode marks the root element, so the whole page's type (rem) grows.
 */
export function PresenterToggle() {
  const presenter = useLab((state) => state.presenter);
  const togglePresenter = useLab((state) => state.togglePresenter);

  useEffect(() => {
    document.documentElement.toggleAttribute('data-presenter', presenter);
  }, [presenter]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPresenterShortcut(event)) return;
      event.preventDefault();
      useLab.getState().togglePresenter();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <span className="presenter-toggle">
      <button
        type="button"
        aria-pressed={presenter}
        aria-keyshortcuts={PRESENTER_SHORTCUT}
        aria-describedby="presenter-shortcut"
        onClick={togglePresenter}
      >
        Presenter mode
      </button>
      <span id="presenter-shortcut" className="shortcut-hint">
        Shortcut: <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd>
      </span>
    </span>
  );
}
