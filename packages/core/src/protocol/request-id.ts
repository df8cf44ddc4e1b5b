import { randomUuid } from '../kms/identifiers.js';

let fallbackCounter = 0;

/**
 * A request ID (a UUID, as AWS's x-amzn-RequestId) for responses the engine did not make,
 * such as errors raised before an operation runs. Reads `globalThis.crypto` when called,
 * never at import time; without it the ID is still unique within this process.
 */
export function newRequestId(): string {
  const crypto = (globalThis as { crypto?: Pick<Crypto, 'getRandomValues'> }).crypto;
  if (crypto?.getRandomValues) return randomUuid(crypto);
  fallbackCounter++;
  const hex = (Date.now().toString(16) + fallbackCounter.toString(16).padStart(8, '0'))
    .padStart(32, '0')
    .slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
