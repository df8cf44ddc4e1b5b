import { createKms, type KmsOptions, MemoryKeyStore } from '../../src/index.js';

/** A KMS on a clock the test moves by hand. */
export function kmsWithClock(start = new Date('2026-01-01T00:00:00Z'), options: KmsOptions = {}) {
  let now = start.getTime();
  const kms = createKms({ ...options, clock: () => new Date(now) });
  return {
    kms,
    advanceDays(days: number) {
      now += days * 24 * 60 * 60 * 1000;
    },
    advanceMs(ms: number) {
      now += ms;
    },
    now: () => new Date(now),
  };
}

/** Awaits a promise expected to reject and returns the error, failing if it resolves. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { name: string; httpStatusCode?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { name: string };
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

export async function symmetricKey(kms: ReturnType<typeof createKms>, description = 'test') {
  const { KeyMetadata } = await kms.createKey({ Description: description });
  return KeyMetadata?.KeyId as string;
}

/** A store that serialises, as the server's file store does: private keys are kept as bytes. */
export class BytesStore extends MemoryKeyStore {
  override readonly holdsCryptoKeys = false;
}

/** The two forms a store keeps private keys in: CryptoKeys (memory, IndexedDB) and bytes (a file). */
export const STORES = [
  ['a CryptoKey store', () => createKms()],
  ['a bytes store', () => createKms({ store: new BytesStore() })],
] as const;
