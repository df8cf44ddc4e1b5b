import type { SupportedDataKeyPairSpec } from '../keypairs/specs.js';
import type { CryptoProvider, DerKeyPair } from '../keypairs/types.js';

/** How many pairs of each spec to keep ready, e.g. `{ RSA_4096: 2, RSA_3072: 1 }`. */
export type KeyPairPoolSizes = Partial<Record<SupportedDataKeyPairSpec, number>>;

type Generate = (spec: SupportedDataKeyPairSpec, crypto: CryptoProvider) => Promise<DerKeyPair>;

/**
 * A warm pool of data key pairs, opt-in, for specs that are slow to generate (RSA costs
 * 0.1 to 1 s of CPU per pair). It generates in the background up to its size, hands each
 * pair out once (taken pairs are removed at once, so no two callers ever share one),
 * and refills after every request that takes one. Pairs live only in this object's memory: never in a
 * store, never logged. A failed background generation is dropped and retried on the
 * next take; callers never see it, they generate directly when the pool is empty.
 */
export class KeyPairPool {
  readonly #ready = new Map<SupportedDataKeyPairSpec, DerKeyPair[]>();
  readonly #filling = new Map<SupportedDataKeyPairSpec, number>();
  readonly #pending = new Set<Promise<void>>();
  #closed = false;

  constructor(
    private readonly sizes: KeyPairPoolSizes,
    private readonly generate: Generate,
    private readonly crypto: CryptoProvider,
  ) {
    for (const spec of Object.keys(sizes) as SupportedDataKeyPairSpec[]) this.#refill(spec);
  }

  /** A pair generated ahead of time, or undefined when none is ready. */
  take(spec: SupportedDataKeyPairSpec): DerKeyPair | undefined {
    return this.#ready.get(spec)?.shift();
  }

  /**
   * Starts generating what the pool of `spec` lacks. The engine calls it once a request
   * that took (or wanted) a pair has answered: a refill started earlier would compete for
   * the cores with that request's own encryption, and RSA generation takes whole cores.
   */
  refill(spec: SupportedDataKeyPairSpec): void {
    this.#refill(spec);
  }

  /** How many pairs of a spec are ready now. */
  available(spec: SupportedDataKeyPairSpec): number {
    return this.#ready.get(spec)?.length ?? 0;
  }

  /** Resolves when the generations under way have finished: the pool is full (for start-up and tests). */
  async warm(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  /** Stops refilling and drops the pairs held. */
  close(): void {
    this.#closed = true;
    this.#ready.clear();
  }

  #missing(spec: SupportedDataKeyPairSpec): number {
    const size = this.sizes[spec] ?? 0;
    return size - this.available(spec) - (this.#filling.get(spec) ?? 0);
  }

  #refill(spec: SupportedDataKeyPairSpec): void {
    for (let missing = this.#missing(spec); missing > 0 && !this.#closed; missing--) {
      this.#filling.set(spec, (this.#filling.get(spec) ?? 0) + 1);
      const generation: Promise<void> = this.generate(spec, this.crypto)
        .then(
          (pair) => {
            if (this.#closed) return;
            const ready = this.#ready.get(spec) ?? [];
            ready.push(pair);
            this.#ready.set(spec, ready);
          },
          () => {
            // Dropped: the next request refills, and callers generate directly meanwhile.
          },
        )
        .finally(() => {
          this.#filling.set(spec, (this.#filling.get(spec) ?? 1) - 1);
          this.#pending.delete(generation);
        });
      this.#pending.add(generation);
    }
  }
}
