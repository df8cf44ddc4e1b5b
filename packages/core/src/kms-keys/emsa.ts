/**
 * EMSA-PSS and EMSA-PKCS1-v1_5 (RFC 8017, 9.1 and 9.2) from the message digest mHash rather
 * than from the message, for RSA Sign and Verify with MessageType DIGEST.
 *
 * Why they are written here: WebCrypto's sign() and verify() always hash the message
 * themselves, no WebCrypto algorithm takes a precomputed digest, and no library that runs in
 * a browser (@noble has no RSA) signs one either. So the encodings follow the RFC step by step,
 * with the hashes of @noble/hashes; the RSA operation itself is in rsa-primitive.ts.
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { type CHash, concatBytes } from '@noble/hashes/utils.js';
import { algorithmIdentifierBlock } from '../der/algorithm-identifier.js';
import { derOctetString, derSequence, encodeDer, sameBytes } from '../der/asn1.js';
import { ID_SHA256, ID_SHA384, ID_SHA512 } from '../der/oids.js';
import type { ShaName } from './specs.js';

export interface RsaHash {
  hash: CHash;
  /** The DigestInfo digestAlgorithm OID (RFC 8017, A.2.4). */
  oid: string;
}

export const RSA_HASHES: Readonly<Record<ShaName, RsaHash>> = {
  'SHA-256': { hash: sha256, oid: ID_SHA256 },
  'SHA-384': { hash: sha384, oid: ID_SHA384 },
  'SHA-512': { hash: sha512, oid: ID_SHA512 },
};

/*
 * RFC 8017, 9.2 step 2 and A.2.4:
 *   DigestInfo ::= SEQUENCE {
 *       digestAlgorithm DigestAlgorithm,
 *       digest OCTET STRING
 *   }
 *   DigestAlgorithm ::= AlgorithmIdentifier { {PKCS1-v1-5DigestAlgorithms} }
 * with NULL parameters for the SHA-2 hashes (the DER prefixes of 9.2, Note 1, carry NULL).
 */
export function encodeDigestInfo({ oid }: RsaHash, mHash: Uint8Array): Uint8Array {
  return encodeDer(
    derSequence([algorithmIdentifierBlock(oid, { kind: 'null' }), derOctetString(mHash)]),
  );
}

/** MGF1 (RFC 8017, B.2.1): Hash(seed || C) for C = 0, 1, ... as 4 bytes, cut to maskLen. */
export function mgf1(hash: CHash, seed: Uint8Array, maskLen: number): Uint8Array {
  const blocks = Math.ceil(maskLen / hash.outputLen);
  const mask = new Uint8Array(blocks * hash.outputLen);
  const counter = new Uint8Array(4);
  const view = new DataView(counter.buffer);
  for (let block = 0; block < blocks; block++) {
    view.setUint32(0, block, false);
    mask.set(hash.create().update(seed).update(counter).digest(), block * hash.outputLen);
  }
  return mask.subarray(0, maskLen);
}

function xorInto(target: Uint8Array, mask: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] ?? 0) ^ (mask[i] ?? 0);
}

const checkDigest = (hash: CHash, mHash: Uint8Array): void => {
  if (mHash.length !== hash.outputLen) {
    throw new Error(`EMSA: the digest is ${mHash.length} bytes, expected ${hash.outputLen}`);
  }
};

/** H = Hash((0x)00 00 00 00 00 00 00 00 || mHash || salt), 9.1.1 steps 5-6 and 9.1.2 steps 12-13. */
const pssHash = (hash: CHash, mHash: Uint8Array, salt: Uint8Array): Uint8Array =>
  hash.create().update(new Uint8Array(8)).update(mHash).update(salt).digest();

/** EMSA-PSS-ENCODE (RFC 8017, 9.1.1) from step 3, with mHash and the salt given. */
export function emsaPssEncode(
  mHash: Uint8Array,
  emBits: number,
  { hash }: RsaHash,
  salt: Uint8Array,
): Uint8Array {
  checkDigest(hash, mHash);
  const hLen = hash.outputLen;
  const sLen = salt.length;
  const emLen = Math.ceil(emBits / 8);
  // 3. If emLen < hLen + sLen + 2, output "encoding error".
  if (emLen < hLen + sLen + 2) throw new Error('EMSA-PSS: encoding error (modulus too short)');
  // 5-6. H = Hash(M').
  const h = pssHash(hash, mHash, salt);
  // 7-8. DB = PS || 0x01 || salt, PS being emLen - sLen - hLen - 2 zero bytes.
  const db = new Uint8Array(emLen - hLen - 1);
  db[emLen - sLen - hLen - 2] = 0x01;
  db.set(salt, emLen - sLen - hLen - 1);
  // 9-10. maskedDB = DB xor MGF(H, emLen - hLen - 1).
  xorInto(db, mgf1(hash, h, db.length));
  // 11. Clear the leftmost 8emLen - emBits bits of maskedDB.
  db[0] = (db[0] ?? 0) & (0xff >> (8 * emLen - emBits));
  // 12. EM = maskedDB || H || 0xbc.
  return concatBytes(db, h, Uint8Array.of(0xbc));
}

/** EMSA-PSS-VERIFY (RFC 8017, 9.1.2) from step 3: whether EM is consistent with mHash. */
export function emsaPssVerify(
  mHash: Uint8Array,
  em: Uint8Array,
  emBits: number,
  { hash }: RsaHash,
  sLen: number,
): boolean {
  checkDigest(hash, mHash);
  const hLen = hash.outputLen;
  const emLen = Math.ceil(emBits / 8);
  // 3. If emLen < hLen + sLen + 2, output "inconsistent".
  if (em.length !== emLen || emLen < hLen + sLen + 2) return false;
  // 4. The rightmost octet of EM must be 0xbc.
  if (em[emLen - 1] !== 0xbc) return false;
  // 5. maskedDB is the leftmost emLen - hLen - 1 octets, H the next hLen.
  const db = em.slice(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  // 6. The leftmost 8emLen - emBits bits of maskedDB must be zero.
  const unusedBits = 8 * emLen - emBits;
  if (((db[0] ?? 0) & ~(0xff >> unusedBits) & 0xff) !== 0) return false;
  // 7-9. DB = maskedDB xor MGF(H, emLen - hLen - 1), leftmost bits cleared.
  xorInto(db, mgf1(hash, h, db.length));
  db[0] = (db[0] ?? 0) & (0xff >> unusedBits);
  // 10. The emLen - hLen - sLen - 2 leftmost octets of DB must be zero, the next one 0x01.
  const separator = emLen - hLen - sLen - 2;
  for (let i = 0; i < separator; i++) if (db[i] !== 0) return false;
  if (db[separator] !== 0x01) return false;
  // 11-14. salt is the last sLen octets of DB; H must equal Hash(M').
  return sameBytes(h, pssHash(hash, mHash, db.subarray(db.length - sLen)));
}

/** EMSA-PKCS1-V1_5-ENCODE (RFC 8017, 9.2) from step 2, with mHash given. */
export function emsaPkcs1v15Encode(mHash: Uint8Array, emLen: number, rsaHash: RsaHash): Uint8Array {
  checkDigest(rsaHash.hash, mHash);
  // 2. T = DER of DigestInfo.
  const t = encodeDigestInfo(rsaHash, mHash);
  // 3. If emLen < tLen + 11, output "intended encoded message length too short".
  if (emLen < t.length + 11) throw new Error('EMSA-PKCS1-v1_5: modulus too short');
  // 4-5. EM = 0x00 || 0x01 || PS || 0x00 || T, PS being emLen - tLen - 3 bytes of 0xff.
  const em = new Uint8Array(emLen).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[emLen - t.length - 1] = 0x00;
  em.set(t, emLen - t.length);
  return em;
}
