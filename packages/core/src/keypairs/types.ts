import type { WebCrypto } from '../webcrypto-types.js';
import type { SupportedDataKeyPairSpec } from './specs.js';

/** A freshly generated data key pair, in the encodings AWS KMS returns. */
export interface DerKeyPair {
  /** DER SubjectPublicKeyInfo (RFC 5280). */
  publicKey: Uint8Array;
  /** DER PKCS#8 PrivateKeyInfo (RFC 5958); for EC keys it wraps an RFC 5915 ECPrivateKey. */
  privateKey: Uint8Array;
}

/**
 * The WebCrypto implementation the engine runs on: injected, never read from globals
 * at import time. `globalThis.crypto` in browsers and Node 20+, or `@peculiar/webcrypto`.
 */
export type CryptoProvider = Pick<WebCrypto, 'subtle' | 'getRandomValues'>;

/** Generates one key pair of a spec; one implementation per key family. */
export type KeyPairGenerator = (
  spec: SupportedDataKeyPairSpec,
  crypto: CryptoProvider,
) => Promise<DerKeyPair>;
