/**
 * A KMS key's public key for Verify, parsed and imported into WebCrypto once and cached.
 * Importing cost more than verifying: an RSA SPKI import took several times an RSA_2048
 * verification, and every Verify made one. Public keys are public, so nothing secret is kept.
 *
 * The cache is per CryptoProvider (a CryptoKey belongs to its provider) and keyed by the SPKI's
 * content: looked up by the array first (the memory store hands out the same one every time),
 * then by the bytes themselves (stores that copy records, such as the server's file); an entry
 * found by the array is used only if its bytes are still those it was made from. A failed
 * import is not cached, so a runtime without the algorithm is asked again, as access.ts does.
 */
import type { PublicKeyInfo } from '../der/parse-key.js';
import { bufferSource } from '../keypairs/bytes.js';
import type { CryptoProvider } from '../keypairs/types.js';
import { readPublicKey } from './keys.js';
import type { KeyPairKeySpec } from './specs.js';

/** A KMS key's public key: parsed and checked against its spec, with its CryptoKeys. */
export interface PublicKeyHandle {
  readonly info: PublicKeyInfo;
  /**
   * A CryptoKey for `verify` (or `encrypt`) made from the SPKI (`format` 'spki') or from the
   * key itself ('raw': the SEC 1 point or the Ed25519 key), cached by `name`.
   */
  webCryptoKey(
    name: string,
    format: 'spki' | 'raw',
    algorithm: RsaHashedImportParams | EcKeyImportParams | Algorithm,
    usages: KeyUsage[],
  ): Promise<CryptoKey>;
}

interface Entry extends PublicKeyHandle {
  readonly spki: Uint8Array;
  readonly spec: KeyPairKeySpec;
}

/** Keys with a cached entry, per provider; the oldest are dropped beyond this. */
const MAX_ENTRIES = 1024;

interface ProviderCache {
  byArray: WeakMap<Uint8Array, Entry>;
  byContent: Map<string, Entry>;
}
const CACHES = new WeakMap<CryptoProvider, ProviderCache>();

/**
 * Whether two SPKIs are the same bytes, four at a time where both are aligned: this runs on
 * every Verify. Public bytes only, so it exits early, unlike der/asn1.ts's sameBytes.
 */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let index = 0;
  if (((a.byteOffset | b.byteOffset) & 3) === 0) {
    const words = a.length >>> 2;
    const x = new Uint32Array(a.buffer, a.byteOffset, words);
    const y = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let word = 0; word < words; word++) if (x[word] !== y[word]) return false;
    index = words << 2;
  }
  for (; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** The SPKI's bytes as a string, a Map key that is equal exactly when the bytes are. */
function contentKey(spki: Uint8Array): string {
  let key = '';
  for (let start = 0; start < spki.length; start += 4096) {
    key += String.fromCharCode.apply(
      null,
      spki.subarray(start, start + 4096) as unknown as number[],
    );
  }
  return key;
}

function newEntry(spec: KeyPairKeySpec, spki: Uint8Array, crypto: CryptoProvider): Entry {
  const copy = spki.slice();
  const info = readPublicKey(spec, copy);
  const keys = new Map<string, Promise<CryptoKey>>();
  return {
    spki: copy,
    spec,
    info,
    webCryptoKey(name, format, algorithm, usages) {
      let key = keys.get(name);
      if (key === undefined) {
        const bytes = format === 'spki' ? copy : info.publicKey;
        key = crypto.subtle.importKey(format, bufferSource(bytes), algorithm, false, usages);
        keys.set(name, key);
        key.catch(() => keys.delete(name));
      }
      return key;
    },
  };
}

/**
 * The KMS key's public key (DER SPKI), parsed, checked to be a key of `spec` (a plain Error
 * otherwise, as readPublicKey throws), and cached.
 */
export function publicKeyOf(
  spec: KeyPairKeySpec,
  spki: Uint8Array,
  crypto: CryptoProvider,
): PublicKeyHandle {
  let cache = CACHES.get(crypto);
  if (cache === undefined) {
    cache = { byArray: new WeakMap(), byContent: new Map() };
    CACHES.set(crypto, cache);
  }
  const known = cache.byArray.get(spki);
  if (known !== undefined && known.spec === spec && equalBytes(known.spki, spki)) return known;
  const content = contentKey(spki);
  let entry = cache.byContent.get(content);
  if (entry === undefined || entry.spec !== spec) {
    // A key that is not of `spec` throws here, and nothing is cached.
    entry = newEntry(spec, spki, crypto);
    cache.byContent.delete(content);
    cache.byContent.set(content, entry);
    if (cache.byContent.size > MAX_ENTRIES) {
      const oldest = cache.byContent.keys().next().value as string;
      cache.byContent.delete(oldest);
    }
  }
  cache.byArray.set(spki, entry);
  return entry;
}
