/**
 * SM2 public-key cryptography (GB/T 32918.1-5 2016/2017, also GM/T 0003-2012): digital signature
 * with the Z_A identity hash, and public-key encryption, over a short Weierstrass prime curve.
 *
 * The curve is plain data; `createSm2` turns any parameter set into behaviour, so the same code
 * runs on the recommended curve (`sm2`) and on the GB/T 32918 annex test curves whose worked
 * examples the tests reproduce. Point arithmetic comes from `@noble/curves`; hashing is SM3.
 * This module is the signature (GB/T 32918.2) and the whole `Sm2`; the curve and key checks both
 * parts share are in sm2-curve.ts, encryption (GB/T 32918.4) in sm2-encryption.ts.
 *
 * Randomness is never read from globals: callers pass a `random(n)` function (the engine hands in
 * its injected WebCrypto's `getRandomValues`).
 * @module
 */
import type { WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE, concatBytes, numberToBytesBE } from '@noble/curves/utils.js';
import { sm3 } from '../hashes/sm3.js';
import { decodeSm2Signature, encodeSm2Signature } from './sm2-asn1.js';
import {
  MAX_ATTEMPTS,
  type RandomBytes,
  type Sm2CurveParams,
  type Sm2Point,
  sm2Curve,
} from './sm2-curve.js';
import { type Sm2EncryptOptions, sm2Encryption } from './sm2-encryption.js';

export type { RandomBytes, Sm2CurveParams } from './sm2-curve.js';
export type { Sm2EncryptOptions } from './sm2-encryption.js';

/** OID of the SM2 recommended curve (GM/T 0006-2012), used as the EC named curve in SPKI/PKCS#8. */
export const SM2_CURVE_OID = '1.2.156.10197.1.301';

/** Default distinguishing identifier, UTF-8 "1234567812345678" (GB/T 35276-2017, GM/T 0009-2012). */
export const SM2_DEFAULT_ID: Uint8Array = /* @__PURE__ */ new TextEncoder().encode(
  '1234567812345678',
);

/** Private copy, so a caller mutating the exported array cannot change the default. */
const DEFAULT_ID = /* @__PURE__ */ SM2_DEFAULT_ID.slice();

/** GB/T 32918.5-2017 recommended 256-bit curve parameters (identical to GM/T 0003.5-2012). */
export const SM2_RECOMMENDED_CURVE: Sm2CurveParams = Object.freeze({
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
  h: 1n,
});

export interface Sm2SignOptions {
  readonly random: RandomBytes;
  /** Distinguishing identifier of the signer; defaults to {@link SM2_DEFAULT_ID}. */
  readonly id?: Uint8Array;
  /** Fixed nonce, only for reproducing published test vectors. Never set it otherwise. */
  readonly k?: bigint;
}

/** Options of {@link Sm2.signDigest}: no ID, since Z_A is already inside the digest. */
export type Sm2DigestSignOptions = Omit<Sm2SignOptions, 'id'>;

export interface Sm2VerifyOptions {
  /** Distinguishing identifier of the signer; defaults to {@link SM2_DEFAULT_ID}. */
  readonly id?: Uint8Array;
}

export interface Sm2 {
  readonly params: Sm2CurveParams;
  /** noble point constructor for this curve. */
  readonly Point: WeierstrassPointCons<bigint>;
  /** Public key of a 32-byte big-endian secret key, as uncompressed SEC1 `04 || x || y`. */
  getPublicKey(secretKey: Uint8Array): Uint8Array;
  /** A fresh secret key d in [1, n-2] (GB/T 32918.1-2016 key pair generation), big-endian, field-size bytes. */
  randomSecretKey(random: RandomBytes): Uint8Array;
  /** Z_A = SM3(ENTL_A || ID_A || a || b || x_G || y_G || x_A || y_A) (GB/T 32918.2-2016 §5.5). */
  computeZ(publicKey: Uint8Array, id?: Uint8Array): Uint8Array;
  /** SM2 signature of `message` with SM3, as DER SM2Signature (what OpenSSL emits). */
  sign(message: Uint8Array, secretKey: Uint8Array, opts: Sm2SignOptions): Uint8Array;
  /** Whether `signature` (DER) is valid; false, never an exception, for malformed input. */
  verify(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
    opts?: Sm2VerifyOptions,
  ): boolean;
  /**
   * SM2 signature of a precomputed digest e = SM3(Z_A || M) (32 bytes), as DER SM2Signature:
   * steps A3-A7 without A1-A2. This is AWS KMS's SM2DSA with MessageType DIGEST.
   */
  signDigest(digest: Uint8Array, secretKey: Uint8Array, opts: Sm2DigestSignOptions): Uint8Array;
  /** Verifies a DER signature over a precomputed e (32 bytes); false for malformed input. */
  verifyDigest(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean;
  /** SM2 public-key encryption with SM3, as DER SM2Cipher (what OpenSSL emits). */
  encrypt(message: Uint8Array, publicKey: Uint8Array, opts: Sm2EncryptOptions): Uint8Array;
  /** Decrypts a DER SM2Cipher; throws an Error on any malformed or inauthentic input. */
  decrypt(ciphertext: Uint8Array, secretKey: Uint8Array): Uint8Array;
}

/** ENTL_A is a 16-bit count of ID bits (GB/T 32918.2-2016 §5.5), so IDs stop at 8191 bytes. */
const MAX_ID_BYTES = 0xffff >> 3;

/** SM2 over the given curve: signature (GB/T 32918.2) and encryption (GB/T 32918.4) with SM3. */
export function createSm2(params: Sm2CurveParams): Sm2 {
  const core = sm2Curve(params);
  const { curve, Point, Fn, fieldBytes, randomInRange, parseSecretKey, parsePublicKey } = core;
  const { assertNonceInRange } = core;
  type Point = Sm2Point;

  function zOfPoint(publicPoint: Point, id: Uint8Array): Uint8Array {
    if (!(id instanceof Uint8Array) || id.length > MAX_ID_BYTES) {
      throw new RangeError(`SM2: distinguishing ID must be at most ${MAX_ID_BYTES} bytes`);
    }
    // GB/T 32918.2-2016 §5.5: ENTL_A is the bit length of ID_A as two big-endian bytes, and every
    // curve element enters as a field-size big-endian byte string (GB/T 32918.1-2016 data conversions).
    const entl = Uint8Array.of((id.length * 8) >> 8, (id.length * 8) & 0xff);
    const { x, y } = publicPoint.toAffine();
    return sm3(
      concatBytes(
        entl,
        id,
        fieldBytes(curve.a),
        fieldBytes(curve.b),
        fieldBytes(curve.Gx),
        fieldBytes(curve.Gy),
        fieldBytes(x),
        fieldBytes(y),
      ),
    );
  }

  /** GB/T 32918.2-2016 §6.1 A1-A2 and §7.1 B3-B4: e = SM3(Z_A || M) as an integer. */
  function messageRepresentative(publicPoint: Point, message: Uint8Array, id: Uint8Array): bigint {
    const z = zOfPoint(publicPoint, id);
    return bytesToNumberBE(sm3.create().update(z).update(message).digest());
  }

  function getPublicKey(secretKey: Uint8Array): Uint8Array {
    // GB/T 32918.1-2016 key pair generation: P = [d]G.
    return Point.BASE.multiply(parseSecretKey(secretKey)).toBytes(false);
  }

  function randomSecretKey(random: RandomBytes): Uint8Array {
    // GB/T 32918.1-2016 key pair generation: d uniformly from [1, n-2].
    return numberToBytesBE(randomInRange(random, curve.n - 2n), Fn.BYTES);
  }

  function computeZ(publicKey: Uint8Array, id: Uint8Array = DEFAULT_ID): Uint8Array {
    return zOfPoint(parsePublicKey(publicKey), id);
  }

  /** Digital signature generation, GB/T 32918.2-2016 §6.1 steps A1-A7. */
  function sign(message: Uint8Array, secretKey: Uint8Array, opts: Sm2SignOptions): Uint8Array {
    const d = parseSecretKey(secretKey);
    const publicPoint = Point.BASE.multiply(d);
    // A1-A2: e = SM3(Z_A || M).
    const e = messageRepresentative(publicPoint, message, opts.id ?? DEFAULT_ID);
    return signRepresentative(e, d, opts);
  }

  function signDigest(
    digest: Uint8Array,
    secretKey: Uint8Array,
    opts: Sm2DigestSignOptions,
  ): Uint8Array {
    const d = parseSecretKey(secretKey);
    return signRepresentative(digestRepresentative(digest), d, opts);
  }

  /** e as an integer from the caller's 32-byte SM3 value (A2's output). */
  function digestRepresentative(digest: Uint8Array): bigint {
    if (!(digest instanceof Uint8Array) || digest.length !== sm3.outputLen) {
      throw new Error(`SM2: the digest e must be ${sm3.outputLen} bytes`);
    }
    return bytesToNumberBE(digest);
  }

  /** GB/T 32918.2-2016 §6.1 steps A3-A7 for the message representative e. */
  function signRepresentative(e: bigint, d: bigint, opts: Sm2DigestSignOptions): Uint8Array {
    if (opts.k !== undefined) assertNonceInRange(opts.k);
    const inverseOnePlusD = Fn.inv(Fn.add(1n, d));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // A3: k in [1, n-1].
      const k = opts.k ?? randomInRange(opts.random, curve.n - 1n);
      // A4: (x1, y1) = [k]G.
      const x1 = Point.BASE.multiply(k).toAffine().x;
      // A5: r = (e + x1) mod n; retry on r = 0 or r + k = n.
      const r = Fn.create(e + x1);
      if (r !== 0n && r + k !== curve.n) {
        // A6: s = ((1 + d)^-1 * (k - r*d)) mod n; retry on s = 0.
        const s = Fn.mul(inverseOnePlusD, Fn.sub(k, Fn.mul(r, d)));
        // A7: the signature is (r, s), encoded as GM/T 0009 SM2Signature.
        if (s !== 0n) return encodeSm2Signature({ r, s });
      }
      if (opts.k !== undefined) {
        throw new Error('SM2 sign: the given k yields a degenerate signature');
      }
    }
    throw new Error('SM2 sign: random source keeps producing degenerate nonces');
  }

  /** Digital signature verification, GB/T 32918.2-2016 §7.1 steps B1-B7. */
  function verify(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
    opts: Sm2VerifyOptions = {},
  ): boolean {
    try {
      const publicPoint = parsePublicKey(publicKey);
      // B3-B4: e' = SM3(Z_A || M').
      const e = messageRepresentative(publicPoint, message, opts.id ?? DEFAULT_ID);
      return verifyRepresentative(signature, e, publicPoint);
    } catch {
      return false;
    }
  }

  function verifyDigest(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean {
    try {
      return verifyRepresentative(
        signature,
        digestRepresentative(digest),
        parsePublicKey(publicKey),
      );
    } catch {
      return false;
    }
  }

  /** GB/T 32918.2-2016 §7.1 steps B1-B2 and B5-B7 for the message representative e'. */
  function verifyRepresentative(signature: Uint8Array, e: bigint, publicPoint: Point): boolean {
    try {
      const { r, s } = decodeSm2Signature(signature);
      // B1-B2: r', s' in [1, n-1].
      if (!Fn.isValidNot0(r) || !Fn.isValidNot0(s)) return false;
      // B5: t = (r' + s') mod n, and t must not be 0.
      const t = Fn.add(r, s);
      if (t === 0n) return false;
      // B6: (x1', y1') = [s']G + [t]P_A. Both scalars are public, so variable time is fine.
      const sum = Point.BASE.mulAddUnsafe(s, publicPoint, t);
      if (sum.is0()) return false;
      // B7: accept iff R = (e' + x1') mod n equals r'.
      return Fn.create(e + sum.toAffine().x) === r;
    } catch {
      return false;
    }
  }

  const { encrypt, decrypt } = sm2Encryption(core);

  return Object.freeze({
    params: curve,
    Point,
    getPublicKey,
    randomSecretKey,
    computeZ,
    sign,
    verify,
    signDigest,
    verifyDigest,
    encrypt,
    decrypt,
  });
}

/** SM2 on the GB/T 32918.5-2017 recommended curve. */
export const sm2: Sm2 = /* @__PURE__ */ createSm2(SM2_RECOMMENDED_CURVE);
