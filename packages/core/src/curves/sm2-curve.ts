/**
 * The part of SM2 that signature and encryption share (GB/T 32918.1-2016): a parameter set
 * turned into noble's point arithmetic over F_p and F_n, and the checks and conversions on
 * keys, nonces and field elements that both build on (curves/sm2.ts, sm2-encryption.ts).
 * @module
 */
import { type WeierstrassPoint, weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';

/** A source of cryptographically secure random bytes: returns exactly `byteLength` bytes. */
export type RandomBytes = (byteLength: number) => Uint8Array;

/** Elliptic curve system parameters (GB/T 32918.1-2016): y² = x³ + ax + b over F_p. */
export interface Sm2CurveParams {
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  /** Order of the base point G. */
  readonly n: bigint;
  readonly Gx: bigint;
  readonly Gy: bigint;
  /** Cofactor #E(F_p) / n. */
  readonly h: bigint;
}

/**
 * A fresh nonce leads to a degenerate r, s or KDF output with probability about 2^-256, so a
 * retry limit is never reached with a working random source; it stops a broken one from spinning.
 */
export const MAX_ATTEMPTS = 16;

/**
 * Extra random bytes drawn beyond the scalar size so that reducing modulo the range leaves a bias
 * of at most 2^-64 (the "extra random bits" method of FIPS 186-5 §A.2.1).
 */
const SCALAR_EXTRA_BYTES = 8;

/** A parameter set as behaviour: the pieces `createSm2` composes. */
export type Sm2Curve = ReturnType<typeof sm2Curve>;

export function sm2Curve(params: Sm2CurveParams) {
  const curve = Object.freeze({ ...params });
  const Point = weierstrass(curve, {
    // noble blinds secret scalar multiplication with randomness read from globalThis.crypto by
    // default. This module takes randomness only from its callers, so it hands noble a source that
    // always fails: noble then uses its unblinded constant-time ladder and touches no globals.
    randomBytes: () => {
      throw new Error('SM2 takes randomness only from the caller');
    },
  });
  const { Fp, Fn } = Point;

  const fieldBytes = (value: bigint): Uint8Array => numberToBytesBE(value, Fp.BYTES);

  /** Uniform-enough integer in [1, max] from the caller's random source. */
  function randomInRange(random: RandomBytes, max: bigint): bigint {
    const byteLength = Fn.BYTES + SCALAR_EXTRA_BYTES;
    const bytes = random(byteLength);
    if (!(bytes instanceof Uint8Array) || bytes.length !== byteLength) {
      throw new Error(`SM2: random source must return ${byteLength} bytes`);
    }
    return (bytesToNumberBE(bytes) % max) + 1n;
  }

  /** Secret key bytes to d, enforcing d in [1, n-2] (GB/T 32918.1-2016 key pair generation). */
  function parseSecretKey(secretKey: Uint8Array): bigint {
    if (!(secretKey instanceof Uint8Array) || secretKey.length !== Fn.BYTES) {
      throw new Error(`SM2: secret key must be ${Fn.BYTES} bytes`);
    }
    const d = bytesToNumberBE(secretKey);
    // n-1 is excluded too: signing divides by 1 + d, which would be 0 mod n.
    if (d < 1n || d > curve.n - 2n) throw new Error('SM2: secret key out of range [1, n-2]');
    return d;
  }

  /** Decodes and validates a SEC1 public key: on the curve, in the subgroup, not infinity. */
  function parsePublicKey(publicKey: Uint8Array): Sm2Point {
    return Point.fromBytes(publicKey);
  }

  function assertNonceInRange(k: bigint): void {
    if (!Fn.isValidNot0(k)) throw new RangeError('SM2: k must be in [1, n-1]');
  }

  return {
    curve,
    Point,
    Fp,
    Fn,
    fieldBytes,
    randomInRange,
    parseSecretKey,
    parsePublicKey,
    assertNonceInRange,
  };
}

export type Sm2Point = WeierstrassPoint<bigint>;
