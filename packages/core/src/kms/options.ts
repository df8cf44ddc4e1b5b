/** The options of `createKms`. */
import type { AttestationRoot } from '../attestation/roots.js';
import type { SupportedDataKeyPairSpec } from '../keypairs/specs.js';
import type { CryptoProvider, DerKeyPair } from '../keypairs/types.js';
import type { KmsSeed } from '../seed/parse.js';
import type { KeyStore } from '../store/types.js';
import type { KmsLimits } from './limits.js';
import type { RegionDirectory } from './multi-region/regions.js';
import type { KeyPairPoolSizes } from './pool.js';

export interface KmsOptions {
  /** AWS Region in ARNs; default us-east-1. */
  region?: string;
  /** AWS account ID in ARNs; default 111122223333. */
  accountId?: string;
  /** Where keys and aliases live; default in memory. */
  store?: KeyStore;
  /** WebCrypto implementation; default `globalThis.crypto`, read when createKms is called. */
  crypto?: CryptoProvider;
  /** The engine's clock. Move it forward to watch automatic rotation and key deletion. */
  clock?: () => Date;
  /** Throttling, off by default (see limits.ts). */
  limits?: KmsLimits;
  /** Key pair generator; default the engine's own (kept injectable for pools and threads). */
  generateKeyPair?: (spec: SupportedDataKeyPairSpec, crypto: CryptoProvider) => Promise<DerKeyPair>;
  /**
   * Opt-in warm pool: pairs of these specs are generated ahead of time, in the background,
   * and each handed out once, e.g. `{ RSA_4096: 2, RSA_2048: 1 }`. Pooled pairs live
   * only in memory. `kms.close()` stops the refilling.
   */
  pool?: KeyPairPoolSizes;
  /**
   * Recipient (Nitro Enclaves attestation): the roots a document's certificate chain must
   * end at, as PEM bundles or DER certificates. Default: the AWS Nitro Enclaves root and
   * KMS Lab's development root (a public test CA: docs/recipient.md).
   */
  attestation?: { roots?: readonly AttestationRoot[] };
  /**
   * Keys and aliases to create at start, unless they exist already: KMS Lab's seed format or
   * local-kms's, as YAML or JSON text or a parsed object (docs/seed.md). A seed that is not
   * valid throws a SeedError from createKms; `kms.seeded()` resolves once it is applied, and
   * every operation waits for it.
   */
  seed?: KmsSeed;
  /** The partition's other Regions, for multi-Region keys: set by `createKmsPartition`. */
  regions?: RegionDirectory;
}

/** `globalThis.crypto`, read when the engine is made, never at import time. */
export function defaultCrypto(): CryptoProvider {
  const crypto = (globalThis as { crypto?: CryptoProvider }).crypto;
  if (!crypto?.subtle) {
    throw new Error(
      'KMS Lab needs WebCrypto: this runtime has no globalThis.crypto.subtle. Pass one, e.g. createKms({ crypto: new Crypto() }) with Crypto from @peculiar/webcrypto.',
    );
  }
  return crypto;
}
