import { useEffect, useState } from 'react';

/** Indeterminate progress with the time elapsed, while long work (RSA generation) runs. */
export function Busy({ label }: { label: string }) {
  const [started] = useState(() => performance.now());
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setElapsed(performance.now() - started), 100);
    return () => clearInterval(timer);
  }, [started]);
  return (
    <div className="busy">
      <progress aria-label={label} />
      <span data-testid="elapsed" aria-live="off">
        {(elapsed / 1000).toFixed(1)} s
      </span>
    </div>
  );
}
