/**
 * Byte plumbing between WebCrypto, JWK and the injected randomness. Nothing here reads
 * globalThis.crypto: every random byte comes from the provider passed in.
 */
import { base64urlnopad } from '@scure/base';
import type { CryptoProvider } from './types.js';

// WebCrypto's getRandomValues fills at most 65536 bytes per call.
const MAX_RANDOM_CHUNK = 65536;

/** A copy backed by a plain ArrayBuffer, which is what WebCrypto's BufferSource accepts. */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

export function randomBytes(crypto: CryptoProvider, length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let start = 0; start < length; start += MAX_RANDOM_CHUNK) {
    crypto.getRandomValues(bytes.subarray(start, Math.min(length, start + MAX_RANDOM_CHUNK)));
  }
  return bytes;
}

/** `random(n)` over the injected provider, for libraries that take a random source. */
export function randomSource(crypto: CryptoProvider): (length: number) => Uint8Array<ArrayBuffer> {
  return (length) => randomBytes(crypto, length);
}

/** A base64url JWK member decoded, checked to be exactly `length` bytes. */
export function jwkBytes(jwk: JsonWebKey, member: 'd' | 'x' | 'y', length: number): Uint8Array {
  const value = jwk[member];
  if (typeof value !== 'string') throw new Error(`JWK: missing '${member}'`);
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(value);
  } catch {
    throw new Error(`JWK: '${member}' is not base64url`);
  }
  if (bytes.length !== length) {
    throw new Error(`JWK: '${member}' is ${bytes.length} bytes, expected ${length}`);
  }
  return bytes;
}

export function base64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

export function bitLength(magnitude: Uint8Array): number {
  const [first] = magnitude;
  if (first === undefined || first === 0) return 0;
  return (magnitude.length - 1) * 8 + (32 - Math.clz32(first));
}

/**
 * Messages and signatures handed to WebCrypto's sign and verify. WebCrypto takes a copy of the
 * bytes it is given when it is called (WebCrypto, "get a copy of the buffer source"), so a
 * view of an ArrayBuffer goes in as it is, without bufferSource's copy; only a view of a
 * SharedArrayBuffer, which WebCrypto refuses, is still copied.
 */
export function webCryptoBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : bufferSource(bytes);
}

/** WebCrypto's verify: false, never an exception, for a signature it cannot take. */
export async function webCryptoVerifies(
  crypto: CryptoProvider,
  algorithm: AlgorithmIdentifier | RsaPssParams | EcdsaParams,
  key: CryptoKey,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  try {
    return await crypto.subtle.verify(
      algorithm,
      key,
      webCryptoBytes(signature),
      webCryptoBytes(message),
    );
  } catch {
    return false;
  }
}
