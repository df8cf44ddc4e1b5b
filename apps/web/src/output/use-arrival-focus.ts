import { useEffect, useRef } from 'react';

/** Responses whose heading has had focus once: coming back to a screen must not move it again. */
const arrived = new WeakSet<object>();

/** Whether the user asked the system for less motion (then scrolling jumps, never glides). */
export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Moves focus to a new response's heading, and scrolls it into view, the first time that
 * response is shown: it appears below the form, where neither a screen reader nor a sighted
 * keyboard user would otherwise find it. The heading needs tabIndex={-1}. `response` is the
 * response object itself: the same object shown again (after a look at another screen) is
 * left alone.
 */
export function useArrivalFocus<Element extends HTMLElement>(response: object | undefined) {
  const heading = useRef<Element>(null);
  useEffect(() => {
    const element = heading.current;
    if (!response || !element || arrived.has(response)) return;
    arrived.add(response);
    element.focus({ preventScroll: true });
    element.scrollIntoView({
      behavior: prefersReducedMotion() ? 'auto' : 'smooth',
      block: 'start',
    });
  }, [response]);
  return heading;
}
