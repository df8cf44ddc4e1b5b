/**
 * RSASP1 and RSAVP1 (RFC 8017, 5.2) on BigInt, for the digest signatures of emsa.ts, which
 * WebCrypto cannot make (see there). The modular arithmetic is @noble/curves'.
 *
 * BigInt arithmetic does not run in constant time, so the private operation is blinded: the
 * representative is multiplied by r^e for a fresh random r, and the result by r^-1, so what is
 * exponentiated is unrelated to the message. The result is checked with the public exponent
 * before it leaves, since a faulty CRT half would otherwise reveal a factor of n.
 */
import { invert, mod, pow } from '@noble/curves/abstract/modular.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import type { RsaPrivateKey, RsaPublicKey } from '../der/rsa-key.js';
import { bitLength } from '../keypairs/bytes.js';

export interface RsaPublicNumbers {
  n: bigint;
  e: bigint;
  modulusBits: number;
  /** The modulus length in bytes, k of RFC 8017. */
  k: number;
}

/** The RSAPrivateKey CRT values, RFC 8017, 3.2 (2). */
export interface RsaPrivateNumbers extends RsaPublicNumbers {
  p: bigint;
  q: bigint;
  dP: bigint;
  dQ: bigint;
  qInv: bigint;
}

/** Draws for r are 8 bytes longer than n, so r mod n is uniform enough. */
const BLINDING_EXTRA_BYTES = 8;
/** r is invertible but with negligible chance; the cap only stops a broken random source. */
const MAX_BLINDING_ATTEMPTS = 16;

export function rsaPublicNumbers(key: RsaPublicKey): RsaPublicNumbers {
  const modulusBits = bitLength(key.modulus);
  return {
    n: bytesToNumberBE(key.modulus),
    e: bytesToNumberBE(key.publicExponent),
    modulusBits,
    k: Math.ceil(modulusBits / 8),
  };
}

export function rsaPrivateNumbers(key: RsaPrivateKey): RsaPrivateNumbers {
  return {
    ...rsaPublicNumbers(key),
    p: bytesToNumberBE(key.prime1),
    q: bytesToNumberBE(key.prime2),
    dP: bytesToNumberBE(key.exponent1),
    dQ: bytesToNumberBE(key.exponent2),
    qInv: bytesToNumberBE(key.coefficient),
  };
}

/** OS2IP (RFC 8017, 4.2). */
export const os2ip = (bytes: Uint8Array): bigint => bytesToNumberBE(bytes);

/** I2OSP (RFC 8017, 4.1); throws "integer too large" when x >= 256^xLen. */
export function i2osp(x: bigint, xLen: number): Uint8Array {
  if (x < 0n || x >= 1n << BigInt(8 * xLen)) throw new Error('I2OSP: integer too large');
  return numberToBytesBE(x, xLen);
}

/** A random r in [2, n-1] with its inverse mod n. */
function blindingFactor(
  key: RsaPrivateNumbers,
  random: (length: number) => Uint8Array,
): { r: bigint; rInverse: bigint } {
  for (let attempt = 0; attempt < MAX_BLINDING_ATTEMPTS; attempt++) {
    const r = mod(bytesToNumberBE(random(key.k + BLINDING_EXTRA_BYTES)), key.n);
    if (r < 2n) continue;
    try {
      return { r, rInverse: invert(r, key.n) };
    } catch {
      // gcd(r, n) > 1: draw again.
    }
  }
  throw new Error('RSASP1: the random source keeps producing unusable blinding factors');
}

/** RSASP1 (RFC 8017, 5.2.1) with the CRT form 2.b, blinded and checked. */
export function rsasp1(
  key: RsaPrivateNumbers,
  m: bigint,
  random: (length: number) => Uint8Array,
): bigint {
  // 1. The message representative must be in [0, n-1].
  if (m < 0n || m >= key.n) throw new Error('RSASP1: message representative out of range');
  const { r, rInverse } = blindingFactor(key, random);
  const blinded = mod(m * pow(r, key.e, key.n), key.n);
  // 2.b i-iii: s_1 = c^dP mod p, s_2 = c^dQ mod q, h = (s_1 - s_2) * qInv mod p, s = s_2 + q * h.
  const s1 = pow(blinded, key.dP, key.p);
  const s2 = pow(blinded, key.dQ, key.q);
  const h = mod((s1 - s2) * key.qInv, key.p);
  const s = mod((s2 + key.q * h) * rInverse, key.n);
  if (rsavp1(key, s) !== m) throw new Error('RSASP1: the signature fails its own check');
  return s;
}

/** RSAVP1 (RFC 8017, 5.2.2): m = s^e mod n; throws when s is not in [0, n-1]. */
export function rsavp1(key: RsaPublicNumbers, s: bigint): bigint {
  if (s < 0n || s >= key.n) throw new Error('RSAVP1: signature representative out of range');
  return pow(s, key.e, key.n);
}
