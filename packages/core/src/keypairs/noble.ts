/**
 * @noble/curves instances whose randomness is the injected provider's.
 *
 * noble 2.x blinds every secret scalar multiplication (and the ECDSA nonce inversion) with
 * fresh random bytes, by default from globalThis.crypto. Rebuilding the curves from their
 * published parameters with `randomBytes` set keeps every random byte of key generation and
 * signing coming from the provider passed in. One instance per provider, built on first use.
 */
import { type EdDSA, eddsa, edwards } from '@noble/curves/abstract/edwards.js';
import { type ECDSA, ecdsa, weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from './bytes.js';
import type { CryptoProvider } from './types.js';

function perProvider<T>(build: (random: (length?: number) => Uint8Array<ArrayBuffer>) => T) {
  const instances = new WeakMap<CryptoProvider, T>();
  return (crypto: CryptoProvider): T => {
    let instance = instances.get(crypto);
    if (instance === undefined) {
      instance = build((length = 32) => randomBytes(crypto, length));
      instances.set(crypto, instance);
    }
    return instance;
  };
}

/** secp256k1 ECDSA over SHA-256, as `secp256k1` from @noble/curves but for the GLV speed-up. */
export const secp256k1With = perProvider<ECDSA>((random) => {
  const { Point } = secp256k1;
  return ecdsa(
    weierstrass(Point.CURVE(), { Fp: Point.Fp, Fn: Point.Fn, randomBytes: random }),
    sha256,
    { randomBytes: random },
  );
});

/** RFC 8032, 5.1.5 step 2: prune the hashed seed into the secret scalar. */
function clampEd25519Scalar(bytes: Uint8Array): Uint8Array {
  const clamped = bytes.slice();
  clamped[0] = (clamped[0] ?? 0) & 0b1111_1000;
  clamped[31] = ((clamped[31] ?? 0) & 0b0111_1111) | 0b0100_0000;
  return clamped;
}

/** Pure Ed25519 (RFC 8032), as `ed25519` from @noble/curves. */
export const ed25519With = perProvider<EdDSA>((random) => {
  const { Point } = ed25519;
  return eddsa(
    edwards(Point.CURVE(), { Fp: Point.Fp, Fn: Point.Fn, randomBytes: random }),
    sha512,
    { adjustScalarBytes: clampEd25519Scalar, randomBytes: random, zip215: false },
  );
});
