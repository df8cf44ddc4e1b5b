import { KmsError, messages } from '../errors.js';
import type { DataKeyPairSpec } from '../model/types.generated.js';

/**
 * Request limits, off unless asked for, so that test suites can exercise their retry
 * logic against the limits the real services enforce.
 */
export interface KmsLimits {
  /**
   * Alibaba Cloud KMS instance rule: "Each KMS instance processes only one request at a
   * time across all four data key pair generation operations". At most this many
   * generations in flight; one more fails at once with Rejected.Throttling (HTTP 429).
   */
  concurrentDataKeyPairGenerations?: number;
  /**
   * AWS KMS request quotas for GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext
   * per KeyPairSpec, in requests per second (token buckets holding one second's worth,
   * and at least one request). `'aws'` uses AWS's default quotas.
   */
  dataKeyPairRequestsPerSecond?: 'aws' | Partial<Record<DataKeyPairSpec, number>>;
}

/** AWS KMS default request quotas for GenerateDataKeyPair (requests per second). */
export const AWS_DATA_KEY_PAIR_QUOTAS: Readonly<Partial<Record<DataKeyPairSpec, number>>> = {
  RSA_2048: 1,
  RSA_3072: 0.5,
  RSA_4096: 0.1,
  ECC_NIST_P256: 25,
  ECC_NIST_P384: 10,
  ECC_NIST_P521: 5,
  ECC_SECG_P256K1: 25,
  SM2: 25,
  // Not listed among AWS's published per-spec quotas; the same as the other ECC specs.
  ECC_NIST_EDWARDS25519: 25,
  // ML_KEM_512, ML_KEM_768 and ML_KEM_1024: AWS publishes no GenerateDataKeyPair quota for
  // them, so they are left out and not limited, even under AWS_LIMITS.
};

/** The limits of an Alibaba Cloud KMS instance. */
export const ALIBABA_LIMITS: KmsLimits = { concurrentDataKeyPairGenerations: 1 };
/** AWS KMS's default GenerateDataKeyPair quotas. */
export const AWS_LIMITS: KmsLimits = { dataKeyPairRequestsPerSecond: 'aws' };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Admission control for data key pair generation; `release` must be called when done. */
export class DataKeyPairGate {
  #inFlight = 0;
  readonly #buckets = new Map<DataKeyPairSpec, Bucket>();

  constructor(
    private readonly limits: KmsLimits,
    private readonly now: () => number,
  ) {}

  /** Admits one generation or throws the throttling error the real service would send. */
  admit(spec: DataKeyPairSpec, quotaApplies: boolean): () => void {
    const maxInFlight = this.limits.concurrentDataKeyPairGenerations;
    if (maxInFlight !== undefined && this.#inFlight >= maxInFlight) {
      throw new KmsError('Rejected.Throttling', 'Concurrency Limit Exceeded.', {
        httpStatusCode: 429,
      });
    }
    if (quotaApplies) this.#takeToken(spec);
    this.#inFlight++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.#inFlight--;
      }
    };
  }

  #takeToken(spec: DataKeyPairSpec) {
    const quotas = this.limits.dataKeyPairRequestsPerSecond;
    if (quotas === undefined) return;
    const rate = quotas === 'aws' ? AWS_DATA_KEY_PAIR_QUOTAS[spec] : quotas[spec];
    if (rate === undefined) return;
    const capacity = Math.max(1, rate);
    const now = this.now();
    const bucket = this.#buckets.get(spec) ?? { tokens: capacity, updatedAt: now };
    // A clock moved backwards refills nothing rather than draining the bucket.
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsedSeconds * rate);
    bucket.updatedAt = now;
    this.#buckets.set(spec, bucket);
    if (bucket.tokens < 1) throw new KmsError('ThrottlingException', messages.throttled);
    bucket.tokens -= 1;
  }
}
