/**
 * The app clock: real time plus an offset the user moves forward to watch automatic
 * rotation and key deletion. The engine reads it through `appNow`.
 */
let offsetMs = 0;

export const appNow = (): Date => new Date(Date.now() + offsetMs);
export const clockOffset = (): number => offsetMs;
export const setClockOffset = (value: number): void => {
  offsetMs = value;
};

export const DAY_MS = 24 * 60 * 60 * 1000;
