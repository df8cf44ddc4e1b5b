/**
 * Ed25519 data key pairs (RFC 8410 encodings). WebCrypto's { name: 'Ed25519' } is used where
 * the runtime has it; elsewhere @noble/curves does the same job from injected randomness.
 * The algorithm is fixed, so a rejected call means the runtime lacks Ed25519: browsers and
 * Node reject with NotSupportedError, webcrypto-core with an AlgorithmError named 'Error'.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { encodeEd25519KeyPair } from '../der/key-pair.js';
import { bufferSource, jwkBytes, randomBytes, webCryptoVerifies } from './bytes.js';
import { ed25519With } from './noble.js';
import { ed25519Spec } from './specs.js';
import type { CryptoProvider, DerKeyPair, KeyPairGenerator } from './types.js';

const ED25519 = { name: 'Ed25519' } as const;

export const generateEd25519KeyPair: KeyPairGenerator = async (spec, crypto) => {
  const info = ed25519Spec(spec);
  let keyPair: CryptoKeyPair;
  try {
    keyPair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify']);
  } catch {
    return generateWithNoble(crypto);
  }
  const jwk = await crypto.subtle.exportKey('jwk', keyPair.privateKey);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') {
    throw new Error(`${spec}: WebCrypto exported a ${jwk.kty} ${jwk.crv} key`);
  }
  return encodeEd25519KeyPair(jwkBytes(jwk, 'd', info.keyBytes), jwkBytes(jwk, 'x', info.keyBytes));
};

/** The fallback: a seed from the injected provider, the public key from @noble/curves. */
export function generateWithNoble(crypto: CryptoProvider): DerKeyPair {
  const curve = ed25519With(crypto);
  const seed = randomBytes(crypto, curve.lengths.seed ?? 32);
  return encodeEd25519KeyPair(seed, curve.getPublicKey(seed));
}

/** Pure Ed25519 (RFC 8032); deterministic, so both paths give the same signature. */
export async function signEd25519(
  seed: Uint8Array,
  pkcs8: Uint8Array,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  try {
    const key = await crypto.subtle.importKey('pkcs8', bufferSource(pkcs8), ED25519, false, [
      'sign',
    ]);
    return new Uint8Array(await crypto.subtle.sign(ED25519, key, bufferSource(message)));
  } catch {
    return ed25519With(crypto).sign(message, seed);
  }
}

/** Verifies pure Ed25519 with RFC 8032's strict rules; false for any bad signature. */
export async function verifyEd25519(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('raw', bufferSource(publicKey), ED25519, false, ['verify']);
  } catch {
    return verifyWithNoble(publicKey, message, signature);
  }
  return webCryptoVerifies(crypto, ED25519, key, signature, message);
}

/** Public values only, so noble's shared instance draws no randomness here. */
function verifyWithNoble(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    // zip215: false is RFC 8032 / FIPS 186-5 verification, as OpenSSL and WebCrypto do it.
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
