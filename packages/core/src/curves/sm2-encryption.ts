/**
 * SM2 public-key encryption and decryption with SM3 (GB/T 32918.4-2016), over any parameter set
 * (sm2-curve.ts); the ciphertext is GM/T 0009's DER SM2Cipher (C1, C3, C2), as OpenSSL writes it.
 * @module
 */
import { concatBytes, equalBytes } from '@noble/curves/utils.js';
import { sm3 } from '../hashes/sm3.js';
import { decodeSm2Cipher, encodeSm2Cipher } from './sm2-asn1.js';
import { MAX_ATTEMPTS, type RandomBytes, type Sm2Curve, type Sm2Point } from './sm2-curve.js';
import { sm2Kdf } from './sm2-kdf.js';

export interface Sm2EncryptOptions {
  readonly random: RandomBytes;
  /** Fixed ephemeral key, only for reproducing published test vectors. Never set it otherwise. */
  readonly k?: bigint;
}

export function sm2Encryption({
  curve,
  Point,
  Fp,
  fieldBytes,
  randomInRange,
  parseSecretKey,
  parsePublicKey,
  assertNonceInRange,
}: Sm2Curve) {
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
    let c1: Sm2Point;
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

  return { encrypt, decrypt };
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
