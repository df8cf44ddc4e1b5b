/**
 * SM2 public-key cryptography (GB/T 32918.1-5 2016/2017, also GM/T 0003-2012): digital signature
 * with the Z_A identity hash, and public-key encryption, over a short Weierstrass prime curve.
 *
 * The curve is plain data; `createSm2` turns any parameter set into behaviour, so the same code
 * runs on the recommended curve (`sm2`) and on the GB/T 32918 annex test curves whose worked
 * examples the tests reproduce. Point arithmetic comes from `@noble/curves`; hashing is SM3.
 *
 * Randomness is never read from globals: callers pass a `random(n)` function (the engine hands in
 * its injected WebCrypto's `getRandomValues`).
 * @module
 */
import {
  type WeierstrassPoint,
  type WeierstrassPointCons,
  weierstrass,
} from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE, concatBytes, equalBytes, numberToBytesBE } from '@noble/curves/utils.js';
import { sm3 } from '../hashes/sm3.js';
import {
  decodeSm2Cipher,
  decodeSm2Signature,
  encodeSm2Cipher,
  encodeSm2Signature,
} from './sm2-asn1.js';
import { sm2Kdf } from './sm2-kdf.js';

/** OID of the SM2 recommended curve (GM/T 0006-2012), used as the EC named curve in SPKI/PKCS#8. */
export const SM2_CURVE_OID = '1.2.156.10197.1.301';

/** Default distinguishing identifier, UTF-8 "1234567812345678" (GB/T 35276-2017, GM/T 0009-2012). */
export const SM2_DEFAULT_ID: Uint8Array = /* @__PURE__ */ new TextEncoder().encode(
  '1234567812345678',
);

/** Private copy, so a caller mutating the exported array cannot change the default. */
const DEFAULT_ID = /* @__PURE__ */ SM2_DEFAULT_ID.slice();

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

export interface Sm2EncryptOptions {
  readonly random: RandomBytes;
  /** Fixed ephemeral key, only for reproducing published test vectors. Never set it otherwise. */
  readonly k?: bigint;
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

/**
 * A fresh nonce leads to a degenerate r, s or KDF output with probability about 2^-256, so a
 * retry limit is never reached with a working random source; it stops a broken one from spinning.
 */
const MAX_ATTEMPTS = 16;

/**
 * Extra random bytes drawn beyond the scalar size so that reducing modulo the range leaves a bias
 * of at most 2^-64 (the "extra random bits" method of FIPS 186-5 §A.2.1).
 */
const SCALAR_EXTRA_BYTES = 8;

/** ENTL_A is a 16-bit count of ID bits (GB/T 32918.2-2016 §5.5), so IDs stop at 8191 bytes. */
const MAX_ID_BYTES = 0xffff >> 3;

/** SM2 over the given curve: signature (GB/T 32918.2) and encryption (GB/T 32918.4) with SM3. */
export function createSm2(params: Sm2CurveParams): Sm2 {
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
  type Point = WeierstrassPoint<bigint>;

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
  function parsePublicKey(publicKey: Uint8Array): Point {
    return Point.fromBytes(publicKey);
  }

  function assertNonceInRange(k: bigint): void {
    if (!Fn.isValidNot0(k)) throw new RangeError('SM2: k must be in [1, n-1]');
  }

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

  /** Public-key encryption, GB/T 32918.4-2016 §6.1 steps A1-A8. */
  function encrypt(
    message: Uint8Array,
    publicKey: Uint8Array,
    opts: Sm2EncryptOptions,
  ): Uint8Array {
    const publicPoint = parsePublicKey(publicKey);
    // A3: S = [h]P_B must not be the point at infinity.
    if (publicPoint.multiplyUnsafe(curve.h).is0()) {
      throw new Error('SM2 encrypt: public key is in a small subgroup');
    }
    if (opts.k !== undefined) assertNonceInRange(opts.k);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // A1: k in [1, n-1].
      const k = opts.k ?? randomInRange(opts.random, curve.n - 1n);
      // A2: C1 = [k]G = (x1, y1).
      const c1 = Point.BASE.multiply(k).toAffine();
      // A4: (x2, y2) = [k]P_B.
      const shared = publicPoint.multiply(k).toAffine();
      const x2 = fieldBytes(shared.x);
      const y2 = fieldBytes(shared.y);
      // A5: t = KDF(x2 || y2, klen); retry if t is all zero. With an empty message t is empty,
      // masks nothing and the check cannot be met, so it is skipped.
      const mask = sm2Kdf(concatBytes(x2, y2), message.length);
      if (message.length === 0 || !isAllZero(mask)) {
        // A6: C2 = M xor t.
        const cipherText = xorBytes(message, mask);
        // A7: C3 = SM3(x2 || M || y2).
        const hash = sm3.create().update(x2).update(message).update(y2).digest();
        // A8: the ciphertext is (C1, C3, C2), encoded as GM/T 0009 SM2Cipher.
        return encodeSm2Cipher({ x: c1.x, y: c1.y, hash, cipherText });
      }
      if (opts.k !== undefined) {
        throw new Error('SM2 encrypt: the given k yields an all-zero key');
      }
    }
    throw new Error('SM2 encrypt: random source keeps producing degenerate keys');
  }

  /** Decryption, GB/T 32918.4-2016 §7.1 steps B1-B7. */
  function decrypt(ciphertext: Uint8Array, secretKey: Uint8Array): Uint8Array {
    const d = parseSecretKey(secretKey);
    let parts: ReturnType<typeof decodeSm2Cipher>;
    try {
      parts = decodeSm2Cipher(ciphertext);
    } catch (cause) {
      throw new Error('SM2 decrypt: ciphertext is not a DER SM2Cipher', { cause });
    }
    if (parts.hash.length !== sm3.outputLen) {
      throw new Error(`SM2 decrypt: C3 must be ${sm3.outputLen} bytes`);
    }
    // B1: C1 must be a point on the curve.
    let c1: Point;
    try {
      if (!Fp.isValid(parts.x) || !Fp.isValid(parts.y)) throw new Error('coordinate out of range');
      c1 = Point.fromAffine({ x: parts.x, y: parts.y });
      c1.assertValidity();
    } catch (cause) {
      throw new Error('SM2 decrypt: C1 is not a valid curve point', { cause });
    }
    // B2: S = [h]C1 must not be the point at infinity.
    if (c1.multiplyUnsafe(curve.h).is0()) throw new Error('SM2 decrypt: C1 is in a small subgroup');
    // B3: (x2, y2) = [d_B]C1.
    const shared = c1.multiply(d).toAffine();
    const x2 = fieldBytes(shared.x);
    const y2 = fieldBytes(shared.y);
    // B4: t = KDF(x2 || y2, klen); an all-zero t is an error.
    const mask = sm2Kdf(concatBytes(x2, y2), parts.cipherText.length);
    if (parts.cipherText.length > 0 && isAllZero(mask)) {
      throw new Error('SM2 decrypt: derived key is all zero');
    }
    // B5: M' = C2 xor t.
    const message = xorBytes(parts.cipherText, mask);
    // B6: u = SM3(x2 || M' || y2) must equal C3; nothing is released before this check.
    const expectedHash = sm3.create().update(x2).update(message).update(y2).digest();
    if (!equalBytes(expectedHash, parts.hash)) {
      message.fill(0);
      throw new Error('SM2 decrypt: C3 hash mismatch (wrong key or altered ciphertext)');
    }
    // B7: output M'.
    return message;
  }

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

function isAllZero(bytes: Uint8Array): boolean {
  let accumulator = 0;
  for (const byte of bytes) accumulator |= byte;
  return accumulator === 0;
}

function xorBytes(data: Uint8Array, mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) ^ (mask[i] as number);
  return out;
}

/** SM2 on the GB/T 32918.5-2017 recommended curve. */
export const sm2: Sm2 = /* @__PURE__ */ createSm2(SM2_RECOMMENDED_CURVE);
