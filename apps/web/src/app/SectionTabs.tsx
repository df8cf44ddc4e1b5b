import { type KeyboardEvent, useRef } from 'react';
import { useLab } from '../state/store';
import { VIEWS, type View } from '../state/ui-slice';

const LABELS: Record<View, string> = {
  keys: 'Keys',
  generate: 'Generate',
  decrypt: 'Decrypt',
  use: 'Use the pair',
  // Not "KMS keys": a tab name containing "Keys" would make getByRole('tab', { name: 'Keys' })
  // match two tabs. "Use a KMS key" also sits beside "Use the pair", its counterpart.
  'kms-keys': 'Use a KMS key',
  enclave: 'Enclave',
  history: 'History',
};

export const tabId = (view: View) => `tab-${view}`;

/** The screens as an ARIA tab list: arrow keys, Home and End move between tabs. */
export function SectionTabs() {
  const view = useLab((state) => state.view);
  const setView = useLab((state) => state.setView);
  const refs = useRef<Partial<Record<View, HTMLButtonElement | null>>>({});

  function onKeyDown(event: KeyboardEvent) {
    const index = VIEWS.indexOf(view);
    const next =
      event.key === 'ArrowRight'
        ? VIEWS[(index + 1) % VIEWS.length]
        : event.key === 'ArrowLeft'
          ? VIEWS[(index + VIEWS.length - 1) % VIEWS.length]
          : event.key === 'Home'
            ? VIEWS[0]
            : event.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    setView(next);
    refs.current[next]?.focus();
  }

  return (
    <nav className="tabs-nav" aria-label="KMS Lab">
      <div role="tablist" aria-label="Screens" className="tabs" onKeyDown={onKeyDown}>
        {VIEWS.map((each) => (
          <button
            key={each}
            ref={(element) => {
              refs.current[each] = element;
            }}
            type="button"
            role="tab"
            id={tabId(each)}
            aria-selected={each === view}
            aria-controls={`panel-${each}`}
            tabIndex={each === view ? 0 : -1}
            className="tab"
            onClick={() => setView(each)}
          >
            {LABELS[each]}
          </button>
        ))}
      </div>
    </nav>
  );
}
