/**
 * Keccak-f[1600] (FIPS 202, Section 3.3 and Algorithm 7) unrolled, and the few sponge calls ML-KEM
 * key generation makes (keypairs/ml-kem-keygen.ts): SHA3-512 and SHAKE128/256 over one short
 * block. `@noble/hashes` computes the same permutation with loops over a state array; written
 * out, it runs 3.5 times as fast, and it is half of ML-KEM key generation's time
 * (docs/performance.md). Checked against `@noble/hashes` in test/ml-kem-keygen.test.ts.
 *
 * The state is 25 lanes of 64 bits, lane x + 5y (FIPS 202, Section 3.1.4) held as two 32-bit
 * words, low word first: s[2i] and s[2i + 1]. Bytes are taken and given little-endian, as
 * FIPS 202 orders the bits of a lane (Section B.1), whatever the platform's byte order.
 * @module
 */

/** FIPS 202, Algorithm 5 (rc) and Algorithm 6 (ι): the 24 round constants, low and high words. */
const RC = /* @__PURE__ */ (() => {
  const words = new Int32Array(48);
  let r = 1;
  for (let round = 0; round < 24; round++) {
    for (let j = 0; j <= 6; j++) {
      // rc(j + 7 ir) is bit 0 of the LFSR x^8 + x^6 + x^5 + x^4 + 1, stepped once per bit.
      if (r & 1) {
        const bit = (1 << j) - 1;
        if (bit < 32) words[2 * round] = (words[2 * round] as number) ^ (1 << bit);
        else words[2 * round + 1] = (words[2 * round + 1] as number) ^ (1 << (bit - 32));
      }
      r = r & 0x80 ? ((r << 1) ^ 0x71) & 0xff : r << 1;
    }
  }
  return words;
})();

/**
 * Keccak-p[1600, 24] on `s` in place: θ, ρ, π, χ and ι (FIPS 202, Sections 3.2.1 to 3.2.5). Each
 * round reads the 25 lanes into local variables and writes the new state one plane at a time:
 * π sends five lanes to each plane y, which χ needs and nothing else does, so few values are
 * live at once and V8 keeps them in registers (a first version that kept the state in locals
 * across rounds and computed all of ρ and π before χ spilled, and took 1.6 times as long).
 */
export function keccakF1600(s: Int32Array): void {
  for (let round = 0; round < 48; round += 2) {
    const a0l = s[0] as number;
    const a0h = s[1] as number;
    const a1l = s[2] as number;
    const a1h = s[3] as number;
    const a2l = s[4] as number;
    const a2h = s[5] as number;
    const a3l = s[6] as number;
    const a3h = s[7] as number;
    const a4l = s[8] as number;
    const a4h = s[9] as number;
    const a5l = s[10] as number;
    const a5h = s[11] as number;
    const a6l = s[12] as number;
    const a6h = s[13] as number;
    const a7l = s[14] as number;
    const a7h = s[15] as number;
    const a8l = s[16] as number;
    const a8h = s[17] as number;
    const a9l = s[18] as number;
    const a9h = s[19] as number;
    const a10l = s[20] as number;
    const a10h = s[21] as number;
    const a11l = s[22] as number;
    const a11h = s[23] as number;
    const a12l = s[24] as number;
    const a12h = s[25] as number;
    const a13l = s[26] as number;
    const a13h = s[27] as number;
    const a14l = s[28] as number;
    const a14h = s[29] as number;
    const a15l = s[30] as number;
    const a15h = s[31] as number;
    const a16l = s[32] as number;
    const a16h = s[33] as number;
    const a17l = s[34] as number;
    const a17h = s[35] as number;
    const a18l = s[36] as number;
    const a18h = s[37] as number;
    const a19l = s[38] as number;
    const a19h = s[39] as number;
    const a20l = s[40] as number;
    const a20h = s[41] as number;
    const a21l = s[42] as number;
    const a21h = s[43] as number;
    const a22l = s[44] as number;
    const a22h = s[45] as number;
    const a23l = s[46] as number;
    const a23h = s[47] as number;
    const a24l = s[48] as number;
    const a24h = s[49] as number;
    // θ: C[x] = A[x, 0] ^ ... ^ A[x, 4]; D[x] = C[x - 1] ^ ROT(C[x + 1], 1).
    const c0l = a0l ^ a5l ^ a10l ^ a15l ^ a20l;
    const c0h = a0h ^ a5h ^ a10h ^ a15h ^ a20h;
    const c1l = a1l ^ a6l ^ a11l ^ a16l ^ a21l;
    const c1h = a1h ^ a6h ^ a11h ^ a16h ^ a21h;
    const c2l = a2l ^ a7l ^ a12l ^ a17l ^ a22l;
    const c2h = a2h ^ a7h ^ a12h ^ a17h ^ a22h;
    const c3l = a3l ^ a8l ^ a13l ^ a18l ^ a23l;
    const c3h = a3h ^ a8h ^ a13h ^ a18h ^ a23h;
    const c4l = a4l ^ a9l ^ a14l ^ a19l ^ a24l;
    const c4h = a4h ^ a9h ^ a14h ^ a19h ^ a24h;
    const d0l = c4l ^ ((c1l << 1) | (c1h >>> 31));
    const d0h = c4h ^ ((c1h << 1) | (c1l >>> 31));
    const d1l = c0l ^ ((c2l << 1) | (c2h >>> 31));
    const d1h = c0h ^ ((c2h << 1) | (c2l >>> 31));
    const d2l = c1l ^ ((c3l << 1) | (c3h >>> 31));
    const d2h = c1h ^ ((c3h << 1) | (c3l >>> 31));
    const d3l = c2l ^ ((c4l << 1) | (c4h >>> 31));
    const d3h = c2h ^ ((c4h << 1) | (c4l >>> 31));
    const d4l = c3l ^ ((c0l << 1) | (c0h >>> 31));
    const d4h = c3h ^ ((c0h << 1) | (c0l >>> 31));
    // Plane y = 0: ρ and π, B[y, 2x + 3y] = ROT(A[x, y] ^ D[x], r[x, y]), then χ and ι.
    const b0l = a0l ^ d0l;
    const b0h = a0h ^ d0h;
    const t6l = a6l ^ d1l;
    const t6h = a6h ^ d1h;
    const b1l = (t6h << 12) | (t6l >>> 20);
    const b1h = (t6l << 12) | (t6h >>> 20);
    const t12l = a12l ^ d2l;
    const t12h = a12h ^ d2h;
    const b2l = (t12h << 11) | (t12l >>> 21);
    const b2h = (t12l << 11) | (t12h >>> 21);
    const t18l = a18l ^ d3l;
    const t18h = a18h ^ d3h;
    const b3l = (t18l << 21) | (t18h >>> 11);
    const b3h = (t18h << 21) | (t18l >>> 11);
    const t24l = a24l ^ d4l;
    const t24h = a24h ^ d4h;
    const b4l = (t24l << 14) | (t24h >>> 18);
    const b4h = (t24h << 14) | (t24l >>> 18);
    s[0] = b0l ^ (~b1l & b2l) ^ (RC[round] as number);
    s[1] = b0h ^ (~b1h & b2h) ^ (RC[round + 1] as number);
    s[2] = b1l ^ (~b2l & b3l);
    s[3] = b1h ^ (~b2h & b3h);
    s[4] = b2l ^ (~b3l & b4l);
    s[5] = b2h ^ (~b3h & b4h);
    s[6] = b3l ^ (~b4l & b0l);
    s[7] = b3h ^ (~b4h & b0h);
    s[8] = b4l ^ (~b0l & b1l);
    s[9] = b4h ^ (~b0h & b1h);
    // Plane y = 1: ρ and π, B[y, 2x + 3y] = ROT(A[x, y] ^ D[x], r[x, y]), then χ.
    const t3l = a3l ^ d3l;
    const t3h = a3h ^ d3h;
    const b5l = (t3l << 28) | (t3h >>> 4);
    const b5h = (t3h << 28) | (t3l >>> 4);
    const t9l = a9l ^ d4l;
    const t9h = a9h ^ d4h;
    const b6l = (t9l << 20) | (t9h >>> 12);
    const b6h = (t9h << 20) | (t9l >>> 12);
    const t10l = a10l ^ d0l;
    const t10h = a10h ^ d0h;
    const b7l = (t10l << 3) | (t10h >>> 29);
    const b7h = (t10h << 3) | (t10l >>> 29);
    const t16l = a16l ^ d1l;
    const t16h = a16h ^ d1h;
    const b8l = (t16h << 13) | (t16l >>> 19);
    const b8h = (t16l << 13) | (t16h >>> 19);
    const t22l = a22l ^ d2l;
    const t22h = a22h ^ d2h;
    const b9l = (t22h << 29) | (t22l >>> 3);
    const b9h = (t22l << 29) | (t22h >>> 3);
    s[10] = b5l ^ (~b6l & b7l);
    s[11] = b5h ^ (~b6h & b7h);
    s[12] = b6l ^ (~b7l & b8l);
    s[13] = b6h ^ (~b7h & b8h);
    s[14] = b7l ^ (~b8l & b9l);
    s[15] = b7h ^ (~b8h & b9h);
    s[16] = b8l ^ (~b9l & b5l);
    s[17] = b8h ^ (~b9h & b5h);
    s[18] = b9l ^ (~b5l & b6l);
    s[19] = b9h ^ (~b5h & b6h);
    // Plane y = 2: ρ and π, B[y, 2x + 3y] = ROT(A[x, y] ^ D[x], r[x, y]), then χ.
    const t1l = a1l ^ d1l;
    const t1h = a1h ^ d1h;
    const b10l = (t1l << 1) | (t1h >>> 31);
    const b10h = (t1h << 1) | (t1l >>> 31);
    const t7l = a7l ^ d2l;
    const t7h = a7h ^ d2h;
    const b11l = (t7l << 6) | (t7h >>> 26);
    const b11h = (t7h << 6) | (t7l >>> 26);
    const t13l = a13l ^ d3l;
    const t13h = a13h ^ d3h;
    const b12l = (t13l << 25) | (t13h >>> 7);
    const b12h = (t13h << 25) | (t13l >>> 7);
    const t19l = a19l ^ d4l;
    const t19h = a19h ^ d4h;
    const b13l = (t19l << 8) | (t19h >>> 24);
    const b13h = (t19h << 8) | (t19l >>> 24);
    const t20l = a20l ^ d0l;
    const t20h = a20h ^ d0h;
    const b14l = (t20l << 18) | (t20h >>> 14);
    const b14h = (t20h << 18) | (t20l >>> 14);
    s[20] = b10l ^ (~b11l & b12l);
    s[21] = b10h ^ (~b11h & b12h);
    s[22] = b11l ^ (~b12l & b13l);
    s[23] = b11h ^ (~b12h & b13h);
    s[24] = b12l ^ (~b13l & b14l);
    s[25] = b12h ^ (~b13h & b14h);
    s[26] = b13l ^ (~b14l & b10l);
    s[27] = b13h ^ (~b14h & b10h);
    s[28] = b14l ^ (~b10l & b11l);
    s[29] = b14h ^ (~b10h & b11h);
    // Plane y = 3: ρ and π, B[y, 2x + 3y] = ROT(A[x, y] ^ D[x], r[x, y]), then χ.
    const t4l = a4l ^ d4l;
    const t4h = a4h ^ d4h;
    const b15l = (t4l << 27) | (t4h >>> 5);
    const b15h = (t4h << 27) | (t4l >>> 5);
    const t5l = a5l ^ d0l;
    const t5h = a5h ^ d0h;
    const b16l = (t5h << 4) | (t5l >>> 28);
    const b16h = (t5l << 4) | (t5h >>> 28);
    const t11l = a11l ^ d1l;
    const t11h = a11h ^ d1h;
    const b17l = (t11l << 10) | (t11h >>> 22);
    const b17h = (t11h << 10) | (t11l >>> 22);
    const t17l = a17l ^ d2l;
    const t17h = a17h ^ d2h;
    const b18l = (t17l << 15) | (t17h >>> 17);
    const b18h = (t17h << 15) | (t17l >>> 17);
    const t23l = a23l ^ d3l;
    const t23h = a23h ^ d3h;
    const b19l = (t23h << 24) | (t23l >>> 8);
    const b19h = (t23l << 24) | (t23h >>> 8);
    s[30] = b15l ^ (~b16l & b17l);
    s[31] = b15h ^ (~b16h & b17h);
    s[32] = b16l ^ (~b17l & b18l);
    s[33] = b16h ^ (~b17h & b18h);
    s[34] = b17l ^ (~b18l & b19l);
    s[35] = b17h ^ (~b18h & b19h);
    s[36] = b18l ^ (~b19l & b15l);
    s[37] = b18h ^ (~b19h & b15h);
    s[38] = b19l ^ (~b15l & b16l);
    s[39] = b19h ^ (~b15h & b16h);
    // Plane y = 4: ρ and π, B[y, 2x + 3y] = ROT(A[x, y] ^ D[x], r[x, y]), then χ.
    const t2l = a2l ^ d2l;
    const t2h = a2h ^ d2h;
    const b20l = (t2h << 30) | (t2l >>> 2);
    const b20h = (t2l << 30) | (t2h >>> 2);
    const t8l = a8l ^ d3l;
    const t8h = a8h ^ d3h;
    const b21l = (t8h << 23) | (t8l >>> 9);
    const b21h = (t8l << 23) | (t8h >>> 9);
    const t14l = a14l ^ d4l;
    const t14h = a14h ^ d4h;
    const b22l = (t14h << 7) | (t14l >>> 25);
    const b22h = (t14l << 7) | (t14h >>> 25);
    const t15l = a15l ^ d0l;
    const t15h = a15h ^ d0h;
    const b23l = (t15h << 9) | (t15l >>> 23);
    const b23h = (t15l << 9) | (t15h >>> 23);
    const t21l = a21l ^ d1l;
    const t21h = a21h ^ d1h;
    const b24l = (t21l << 2) | (t21h >>> 30);
    const b24h = (t21h << 2) | (t21l >>> 30);
    s[40] = b20l ^ (~b21l & b22l);
    s[41] = b20h ^ (~b21h & b22h);
    s[42] = b21l ^ (~b22l & b23l);
    s[43] = b21h ^ (~b22h & b23h);
    s[44] = b22l ^ (~b23l & b24l);
    s[45] = b22h ^ (~b23h & b24h);
    s[46] = b23l ^ (~b24l & b20l);
    s[47] = b23h ^ (~b24h & b20h);
    s[48] = b24l ^ (~b20l & b21l);
    s[49] = b24h ^ (~b20h & b21h);
  }
}

/** FIPS 202, Section 6: SHA3-512's rate (bytes) and SHAKE128's and SHAKE256's. */
export const SHA3_512_RATE = 72;
export const SHAKE128_RATE = 168;
export const SHAKE256_RATE = 136;
/** The domain separation bits with the first bit of pad10*1: SHA3 "01", SHAKE "1111". */
export const SHA3_DOMAIN = 0x06;
export const SHAKE_DOMAIN = 0x1f;

/**
 * Sets `state` to the sponge (FIPS 202, Algorithm 8) after absorbing `input`, shorter than one
 * block of `rate` bytes, with its domain bits and pad10*1 (Section 5.1), ready to squeeze.
 */
export function absorbOneBlock(
  state: Int32Array,
  input: Uint8Array,
  rate: number,
  domain: number,
): void {
  if (input.length >= rate)
    throw new Error('absorbOneBlock: the input must be shorter than a block');
  state.fill(0);
  for (let i = 0; i < input.length; i++) xorByte(state, i, input[i] as number);
  xorByte(state, input.length, domain);
  xorByte(state, rate - 1, 0x80);
  keccakF1600(state);
}

function xorByte(state: Int32Array, index: number, byte: number): void {
  state[index >> 2] = (state[index >> 2] as number) ^ (byte << ((index & 3) << 3));
}

/** The first `length` bytes of the state (at most one rate), into `out` from `offset`. */
export function squeezeBytes(
  state: Int32Array,
  out: Uint8Array,
  offset: number,
  length: number,
): void {
  for (let i = 0; i < length; i++)
    out[offset + i] = ((state[i >> 2] as number) >>> ((i & 3) << 3)) & 0xff;
}
