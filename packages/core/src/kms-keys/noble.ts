/**
 * @noble/curves instances for signing precomputed digests, with the injected provider's
 * randomness: noble blinds secret scalar multiplications with random bytes, by default from
 * globalThis.crypto (see keypairs/noble.ts, which does the same for secp256k1 and Ed25519).
 * One instance per provider and curve, built on first use.
 */
import { type EdDSA, eddsa, edwards } from '@noble/curves/abstract/edwards.js';
import { type ECDSA, ecdsa, weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { concatBytes } from '../der/asn1.js';
import { randomBytes } from '../keypairs/bytes.js';
import type { CryptoProvider } from '../keypairs/types.js';

type Random = (length?: number) => Uint8Array<ArrayBuffer>;

function perProvider<T>(build: (random: Random) => T): (crypto: CryptoProvider) => T {
  const instances = new WeakMap<CryptoProvider, T>();
  return (crypto) => {
    let instance = instances.get(crypto);
    if (instance === undefined) {
      instance = build((length = 32) => randomBytes(crypto, length));
      instances.set(crypto, instance);
    }
    return instance;
  };
}

function nistCurveWith(curve: ECDSA, hash: CHash) {
  return perProvider<ECDSA>((random) => {
    const { Point } = curve;
    return ecdsa(
      weierstrass(Point.CURVE(), { Fp: Point.Fp, Fn: Point.Fn, randomBytes: random }),
      hash,
      { randomBytes: random },
    );
  });
}

/** ECDSA on NIST P-256, P-384 and P-521, keyed by the WebCrypto curve name. */
export const nistWith = {
  'P-256': nistCurveWith(p256, sha256),
  'P-384': nistCurveWith(p384, sha384),
  'P-521': nistCurveWith(p521, sha512),
} as const;

/** RFC 8032, 5.1.5 step 2: prune the hashed seed into the secret scalar. */
function clampEd25519Scalar(bytes: Uint8Array): Uint8Array {
  const clamped = bytes.slice();
  clamped[0] = (clamped[0] ?? 0) & 0b1111_1000;
  clamped[31] = ((clamped[31] ?? 0) & 0b0111_1111) | 0b0100_0000;
  return clamped;
}

const DOM2_PREFIX = new TextEncoder().encode('SigEd25519 no Ed25519 collisions');

/**
 * RFC 8032, 2: dom2(x, y) = "SigEd25519 no Ed25519 collisions" || octet(x) || octet(OLEN(y)) || y,
 * with x = 1 for Ed25519ph; prepended to `data`, as noble's domain hook expects. noble builds
 * the same function into its ed25519ph but does not export it.
 */
function dom2(data: Uint8Array, context: Uint8Array, prehashed: boolean): Uint8Array {
  if (context.length > 255) throw new Error('Ed25519: the context is longer than 255 bytes');
  return concatBytes(DOM2_PREFIX, Uint8Array.of(prehashed ? 1 : 0, context.length), context, data);
}

/** Ed25519ph (RFC 8032, 5.1: HashEdDSA with PH = SHA-512), as `ed25519ph` from @noble/curves. */
export const ed25519phWith = perProvider<EdDSA>((random) => {
  const { Point } = ed25519;
  return eddsa(
    edwards(Point.CURVE(), { Fp: Point.Fp, Fn: Point.Fn, randomBytes: random }),
    sha512,
    {
      adjustScalarBytes: clampEd25519Scalar,
      domain: dom2,
      prehash: sha512,
      randomBytes: random,
      zip215: false,
    },
  );
});
