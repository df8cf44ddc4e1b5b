import { type FormEvent, useEffect, useState } from 'react';
import { appNow, DAY_MS } from '../../kms/clock';
import { formatDate } from '../../lib/format';
import { useLab } from '../../state/store';

/**
 * The app clock, which the user moves forward to watch automatic rotation and scheduled key
 * deletion happen. An advanced tool, so it sits on the Keys screen beside the key it acts
 * on, not in the page header.
 */
export function ClockControl() {
  const offset = useLab((state) => state.clockOffsetMs);
  const advanceClock = useLab((state) => state.advanceClock);
  const resetClock = useLab((state) => state.resetClock);
  const [days, setDays] = useState('30');
  const [now, setNow] = useState(appNow);

  useEffect(() => {
    setNow(new Date(Date.now() + offset));
    const timer = setInterval(() => setNow(appNow()), 30_000);
    return () => clearInterval(timer);
  }, [offset]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value = Number(days);
    if (Number.isFinite(value) && value > 0) void advanceClock(value);
  }

  const aheadDays = Math.round(offset / DAY_MS);
  return (
    <section className="card clock" aria-labelledby="clock-heading">
      <h3 id="clock-heading">App clock</h3>
      <p className="muted hint">
        Move the app&apos;s time forward to watch automatic rotation and scheduled key deletion
        happen. Only KMS Lab&apos;s time changes, not your computer&apos;s.
      </p>
      <p className="clock-now">
        <time data-testid="app-clock" dateTime={now.toISOString()}>
          {formatDate(now)}
        </time>{' '}
        <span data-testid="clock-offset">
          {aheadDays === 0 ? '(real time)' : `(${aheadDays} days ahead)`}
        </span>
      </p>
      <form className="clock-form" onSubmit={onSubmit}>
        <label>
          Days to advance
          <input
            type="number"
            min={1}
            max={36500}
            value={days}
            onChange={(event) => setDays(event.target.value)}
            className="days-input"
          />
        </label>
        <button type="submit">Advance clock</button>
        <button type="button" onClick={() => void resetClock()} disabled={offset === 0}>
          Reset clock
        </button>
      </form>
    </section>
  );
}
