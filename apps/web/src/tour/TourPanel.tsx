import { useEffect, useMemo, useRef, useState } from 'react';
import { useSessionPairs } from '../crypto/session-pairs';
import { useRemembered } from '../lib/remembered';
import { useLab } from '../state/store';
import { EnvelopeDiagram } from './EnvelopeDiagram';
import { tourFacts } from './facts';
import { firstOpenStep, TOUR_STEPS } from './steps';
import { TourStepActions } from './TourStepActions';

/**
 * "Start here": envelope encryption in six steps, with the learner's own key, pair and
 * data. A complementary landmark beside the screens, never over them: every screen stays
 * usable while it is open, it closes at any time, and the header's "Start here" reopens it.
 * Steps light up from facts (tour/facts.ts), however they were done.
 */
export default function TourPanel({
  focusOnOpen,
  onClose,
}: {
  /** Opened by the user (not on a first visit): the heading takes focus. */
  focusOnOpen: boolean;
  onClose: () => void;
}) {
  const keys = useLab((state) => state.keys);
  const loaded = useLab((state) => state.keysLoaded && state.historyLoaded);
  const history = useLab((state) => state.history);
  const journey = useLab((state) => state.journey);
  const step = useLab((state) => Math.min(state.tourStep, TOUR_STEPS.length - 1));
  const showTourStep = useLab((state) => state.showTourStep);
  const presenter = useLab((state) => state.presenter);
  const pairs = useSessionPairs();
  const facts = useMemo(
    () => tourFacts({ keys, history, journey, pairs }),
    [keys, history, journey, pairs],
  );
  // The data the private key gave back: this tab's memory only, never the store.
  const [recovered, setRecovered] = useRemembered<string | undefined>('tour.recovered', undefined);
  const tourHeading = useRef<HTMLHeadingElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusOnOpen) tourHeading.current?.focus();
  }, [focusOnOpen]);

  // Opened again, once the keys and history are read: go on from the first step not done.
  const settled = useRef(false);
  useEffect(() => {
    if (settled.current || !loaded) return;
    settled.current = true;
    if (TOUR_STEPS[step]?.done(facts)) showTourStep(firstOpenStep(facts));
  }, [loaded, facts, step, showTourStep]);

  const done = TOUR_STEPS.map((each) => each.done(facts));
  const justDone = useJustDone(done, loaded);
  const current = TOUR_STEPS[step] ?? (TOUR_STEPS[0] as (typeof TOUR_STEPS)[number]);
  const count = done.filter(Boolean).length;
  const last = step === TOUR_STEPS.length - 1;

  return (
    <aside
      id="start-here"
      className="card tour"
      aria-labelledby="tour-heading"
      data-presenter={presenter}
    >
      <div className="tour-head">
        <h2 id="tour-heading" ref={tourHeading} tabIndex={-1}>
          Start here
        </h2>
        <button type="button" onClick={onClose}>
          Close the tour
        </button>
      </div>
      <p className="lead">
        Envelope encryption in six steps, with your own keys: each step lights up the diagram with
        your values. Every screen stays usable meanwhile; close the tour whenever you like, and
        Start here brings it back.
      </p>
      <p role="status" className="tour-progress" data-testid="tour-progress">
        {count} of {TOUR_STEPS.length} steps done
        {justDone === undefined
          ? '.'
          : `: step ${justDone + 1}, ${TOUR_STEPS[justDone]?.title}, just now.`}
      </p>
      <div className="tour-body">
        <section
          className="tour-step"
          aria-labelledby="tour-step-heading"
          data-testid="tour-step"
          data-step={current.id}
          data-done={done[step]}
        >
          <h3 id="tour-step-heading" ref={stepHeading} tabIndex={-1}>
            Step {step + 1} of {TOUR_STEPS.length}: {current.title}
          </h3>
          <p data-testid="tour-step-text">
            {done[step] ? current.happened(facts, recovered) : current.todo(facts)}
          </p>
          <TourStepActions
            stepId={current.id}
            facts={facts}
            next={last ? stepHeading : nextButton}
            heading={stepHeading}
            onRecovered={setRecovered}
          />
          <div className="actions tour-nav">
            <button type="button" disabled={step === 0} onClick={() => showTourStep(step - 1)}>
              Previous step
            </button>
            {/* Presenter mode: one big "Next", one step per click, focus kept on it so the
                presenter's clicker (Enter) goes on advancing. */}
            <button
              type="button"
              ref={nextButton}
              className={
                presenter ? 'primary presenter-next' : done[step] && !last ? 'primary' : undefined
              }
              disabled={last}
              onClick={() => {
                showTourStep(step + 1);
                // The last step has no Next: focus goes to its heading, not to the page.
                if (step + 1 === TOUR_STEPS.length - 1) stepHeading.current?.focus();
              }}
            >
              {presenter ? 'Next' : 'Next step'}
            </button>
          </div>
        </section>
        <EnvelopeDiagram facts={facts} current={current.parts} />
        <ol className="tour-steps" aria-label="Tour steps">
          {TOUR_STEPS.map((each, index) => (
            <li key={each.id}>
              <button
                type="button"
                className="tour-step-link"
                aria-current={index === step ? 'step' : undefined}
                data-done={done[index]}
                onClick={() => showTourStep(index)}
              >
                Step {index + 1}: {each.title}
                {done[index] && <span className="step-done"> (done)</span>}
              </button>
            </li>
          ))}
        </ol>
      </div>
    </aside>
  );
}

/**
 * The step that became done most recently while the tour was open, for the polite progress
 * announcement; undefined until one does.
 */
function useJustDone(done: readonly boolean[], loaded: boolean): number | undefined {
  const before = useRef<readonly boolean[] | undefined>(undefined);
  const [justDone, setJustDone] = useState<number>();
  const key = done.join();
  useEffect(() => {
    // What was done before the keys and history were read is not news.
    if (!loaded) return;
    const now = key.split(',').map((each) => each === 'true');
    const previous = before.current;
    before.current = now;
    if (!previous) return;
    const newly = now.findIndex((each, index) => each && !previous[index]);
    if (newly !== -1) setJustDone(newly);
  }, [key, loaded]);
  return justDone;
}
