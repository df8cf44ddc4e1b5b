/**
 * secp256k1 data key pairs with @noble/curves: WebCrypto has no such curve. The secret key is
 * derived from injected random bytes, and signing (ECDSA, SHA-256, DER like OpenSSL and AWS
 * KMS) draws its hedging and blinding bytes from the injected provider too (see noble.ts).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { encodeEcKeyPair } from '../der/key-pair.js';
import { randomBytes } from './bytes.js';
import { secp256k1With } from './noble.js';
import { ecSpec } from './specs.js';
import type { CryptoProvider, KeyPairGenerator } from './types.js';

// noble's seeded randomSecretKey wants 48 bytes (1.5x the order) so that reducing mod n
// leaves a negligible bias.
const SEED_BYTES = secp256k1.lengths.seed ?? 48;
const HEDGE_BYTES = 32;

export const generateSecp256k1KeyPair: KeyPairGenerator = async (spec, crypto) => {
  const info = ecSpec(spec, 'secp256k1');
  const curve = secp256k1With(crypto);
  const privateKey = curve.utils.randomSecretKey(randomBytes(crypto, SEED_BYTES));
  return encodeEcKeyPair({
    curveOid: info.curveOid,
    privateKey,
    publicKey: curve.getPublicKey(privateKey, false),
  });
};

/** ECDSA over SHA-256, low-S, hedged RFC 6979 nonces; a DER signature. */
export function signSecp256k1(
  privateKey: Uint8Array,
  message: Uint8Array,
  crypto: CryptoProvider,
): Uint8Array {
  return secp256k1With(crypto).sign(message, privateKey, {
    format: 'der',
    lowS: true,
    extraEntropy: randomBytes(crypto, HEDGE_BYTES),
  });
}

/**
 * Verifies a DER ECDSA-SHA-256 signature; high-S is accepted, as OpenSSL does. Verification
 * multiplies public values only, so noble's shared instance draws no randomness here.
 */
export function verifySecp256k1(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    return secp256k1.verify(signature, message, publicKey, { format: 'der', lowS: false });
  } catch {
    return false;
  }
}
