/**
 * How the cryptography reaches a KMS key's private half. The engine keeps it either as bytes
 * (PKCS #8 DER for key pairs, the raw key for HMAC) or as non-extractable CryptoKeys; the
 * operations ask for whichever they need, and WebCrypto keys are made once and cached.
 */
import { bufferSource } from '../keypairs/bytes.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type {
  WebCryptoImportAlgorithm,
  WebCryptoKey,
  WebCryptoKeyUsages,
} from '../webcrypto-types.js';

export interface PrivateKeyAccess {
  /** PKCS#8 DER of the key pair's private key, or the raw HMAC key. Callers use it and drop it. */
  bytes(): Promise<Uint8Array>;
  /** A non-extractable CryptoKey for this WebCrypto algorithm and usage: taken from storage or imported from bytes() once and cached by the engine. `name` is a stable cache key such as 'RSA-OAEP/SHA-256'. */
  webCryptoKey(
    name: string,
    algorithm: WebCryptoImportAlgorithm,
    usages: WebCryptoKeyUsages,
  ): Promise<WebCryptoKey>;
}

/**
 * Access to key material held as bytes (tests, and the engine's file stores): keys are imported
 * on first use, 'raw' for HMAC and 'pkcs8' for everything else, and cached by `name`. A failed
 * import is not cached, so a runtime without the algorithm is asked again, never stuck.
 */
export function privateKeyAccessFromBytes(
  bytes: Uint8Array,
  crypto: CryptoProvider,
): PrivateKeyAccess {
  const material = bytes.slice();
  const keys = new Map<string, Promise<CryptoKey>>();
  return {
    bytes: async () => material.slice(),
    webCryptoKey(name, algorithm, usages) {
      let key = keys.get(name);
      if (key === undefined) {
        const format = algorithm.name === 'HMAC' ? 'raw' : 'pkcs8';
        key = crypto.subtle.importKey(format, bufferSource(material), algorithm, false, usages);
        keys.set(name, key);
        key.catch(() => keys.delete(name));
      }
      return key;
    },
  };
}
