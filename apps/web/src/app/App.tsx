import { type ComponentType, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { KeysPanel } from '../features/keys/KeysPanel';
import { useLab } from '../state/store';
import { startSync } from '../state/sync';
import type { View } from '../state/ui-slice';
import { PresenterToggle } from './PresenterToggle';
import { SectionTabs, tabId } from './SectionTabs';
import { StorageStatus } from './StorageStatus';

/**
 * A screen loaded on demand. When its chunk is gone after a rebuild, reload-after-update.ts
 * reloads the tab and Vite's import resolves to undefined instead of failing: the screen
 * then waits (Loading…) for the reload, rather than failing before the page unloads.
 */
function lazyScreen(load: () => Promise<{ default: ComponentType } | undefined>) {
  return lazy(async () => (await load()) ?? new Promise<never>(() => {}));
}

// Engine-heavy screens load on demand, keeping crypto code out of the start bundle.
const GeneratePanel = lazyScreen(() => import('../features/generate/GeneratePanel'));
const DecryptPanel = lazyScreen(() => import('../features/decrypt/DecryptPanel'));
const UsePanel = lazyScreen(() => import('../features/use/UsePanel'));
const KmsKeysPanel = lazyScreen(() => import('../features/kms-keys/KmsKeysPanel'));
const EnclavePanel = lazyScreen(() => import('../features/enclave/EnclavePanel'));
const HistoryPanel = lazyScreen(() => import('../features/history/HistoryPanel'));
// The tour too: a first visit loads it at once, a returning one only when asked for.
const TourPanel = lazy(
  async () => (await import('../tour/TourPanel')) ?? new Promise<never>(() => {}),
);

function Panel({ view }: { view: View }) {
  switch (view) {
    case 'keys':
      return <KeysPanel />;
    case 'generate':
      return <GeneratePanel />;
    case 'decrypt':
      return <DecryptPanel />;
    case 'use':
      return <UsePanel />;
    case 'kms-keys':
      return <KmsKeysPanel />;
    case 'enclave':
      return <EnclavePanel />;
    case 'history':
      return <HistoryPanel />;
  }
}

export function App() {
  const view = useLab((state) => state.view);
  const tourOpen = useLab((state) => state.tourOpen);
  const openTour = useLab((state) => state.openTour);
  const closeTour = useLab((state) => state.closeTour);
  const [startError, setStartError] = useState<string>();
  // Focus follows the user's own open or close; a first visit's tour takes none.
  const [tourAskedFor, setTourAskedFor] = useState(false);
  const startHere = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    startSync()
      .then((unsubscribe) => {
        if (cancelled) unsubscribe();
        else stop = unsubscribe;
      })
      .catch((error: unknown) =>
        setStartError(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>KMS Lab</h1>
          <p className="tagline">
            AWS KMS and Alibaba Cloud KMS data key pairs, in your browser: learn envelope encryption
            by doing it.
          </p>
        </div>
        <div className="header-actions">
          <PresenterToggle />
          <button
            type="button"
            ref={startHere}
            className="start-here"
            aria-expanded={tourOpen}
            aria-controls={tourOpen ? 'start-here' : undefined}
            onClick={() => {
              if (tourOpen) closeTour();
              else {
                setTourAskedFor(true);
                openTour();
              }
            }}
          >
            Start here
          </button>
        </div>
      </header>
      <SectionTabs />
      {tourOpen && (
        <Suspense fallback={null}>
          <TourPanel
            focusOnOpen={tourAskedFor}
            onClose={() => {
              closeTour();
              startHere.current?.focus();
            }}
          />
        </Suspense>
      )}
      {/* The main landmark holds the tab panel: role="tabpanel" on <main> itself would take
          its landmark away (and ARIA does not allow that role there). */}
      <main className="main">
        {startError && (
          <p role="alert" className="notice failure">
            KMS Lab could not open its database: {startError}
          </p>
        )}
        {/* One screen at a time, so names and test ids are never doubled by a hidden screen;
            each screen keeps its state in lib/remembered.ts across switches. */}
        <div id={`panel-${view}`} role="tabpanel" aria-labelledby={tabId(view)} className="panel">
          <Suspense fallback={<p role="status">Loading…</p>}>
            <Panel view={view} />
          </Suspense>
        </div>
      </main>
      <footer className="app-footer">
        <StorageStatus />
      </footer>
    </div>
  );
}
