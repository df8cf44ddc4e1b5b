/**
 * The ML-KEM encapsulation key of a seed: ML-KEM.KeyGen_internal(d, z) (FIPS 203, Algorithm 16)
 * as far as its ek, which is K-PKE.KeyGen(d)'s (Algorithm 13). A data key pair's PKCS #8 holds
 * the seed d || z itself, so the SubjectPublicKeyInfo's ek is all that generation computes: not
 * the decapsulation key dk, nor H(ek), which `@noble/post-quantum`'s keygen also makes.
 *
 * The arithmetic is that of the CRYSTALS-Kyber reference implementation, on which FIPS 203's
 * was based: coefficients as signed integers, Montgomery multiplication (R = 2^16) and Barrett
 * reduction in 32-bit integer operations, so that no secret value is divided, branched on or
 * used as an index. Checked byte for byte against `@noble/post-quantum` and against OpenSSL 3.5
 * (test/ml-kem-keygen.test.ts, test/ml-kem-openssl.test.ts).
 * @module
 */
import {
  absorbOneBlock,
  keccakF1600,
  SHA3_512_RATE,
  SHA3_DOMAIN,
  SHAKE_DOMAIN,
  SHAKE128_RATE,
  SHAKE256_RATE,
  squeezeBytes,
} from '../hashes/keccak.js';

/** FIPS 203, Section 2.4: n = 256, q = 3329. */
const N = 256;
const Q = 3329;
/** q^-1 mod 2^16, as a signed 16-bit value: the Montgomery constant. */
const Q_INVERSE = -3327;
/** 2^32 mod q: multiplying by it in Montgomery form multiplies by R = 2^16. */
const R_SQUARED = 1353;
/** round(2^26 / q), for Barrett reduction. */
const BARRETT = 20159;

/** FIPS 203, Table 2: k and eta1 of each parameter set (eta2, du and dv are Encaps' only). */
const ML_KEM_PARAMETERS = {
  'ML-KEM-512': { k: 2, eta1: 3 },
  'ML-KEM-768': { k: 3, eta1: 2 },
  'ML-KEM-1024': { k: 4, eta1: 2 },
} as const;
export type MlKemParameterSetName = keyof typeof ML_KEM_PARAMETERS;

/** a * R^-1 mod q, in (-q, q), for |a| < 2^15 q. */
function montgomeryReduce(a: number): number {
  const t = (Math.imul(a, Q_INVERSE) << 16) >> 16;
  return (a - Math.imul(t, Q)) >> 16;
}

/** a mod q, centred: in [-(q - 1) / 2, (q - 1) / 2], for |a| < 2^15. */
function barrettReduce(a: number): number {
  const t = (Math.imul(BARRETT, a) + (1 << 25)) >> 26;
  return a - Math.imul(t, Q);
}

/** FIPS 203, Section 4.3: zeta^BitRev7(i) for i < 128, zeta = 17, times R, centred mod q. */
const ZETAS = /* @__PURE__ */ (() => {
  const zetas = new Int32Array(128);
  for (let i = 0; i < 128; i++) {
    let bitReversed = 0;
    for (let bit = 0; bit < 7; bit++) bitReversed |= ((i >> bit) & 1) << (6 - bit);
    let power = 1;
    for (let e = 0; e < bitReversed; e++) power = (power * 17) % Q;
    const montgomery = (power * 65536) % Q;
    zetas[i] = montgomery > Q / 2 ? montgomery - Q : montgomery;
  }
  return zetas;
})();

/**
 * NTT (FIPS 203, Algorithm 9) of the polynomial at `f[offset..offset + 256)`, in place. The
 * reference implementation reduces after it, to keep coefficients in 16 bits; here they are
 * 32-bit and need not be: from |s|, |e| <= 3, each of the 7 layers adds less than q, so every
 * coefficient stays below 3 + 7q < 2^15, within what montgomeryReduce takes here (zeta times
 * it) and in multiplyNttsAccumulate (a times it, a < q), and what barrettReduce takes at the end.
 */
function ntt(f: Int32Array, offset: number): void {
  let k = 1;
  for (let len = 128; len >= 2; len >>= 1) {
    for (let start = offset; start < offset + N; start += 2 * len) {
      const zeta = ZETAS[k++] as number;
      for (let j = start; j < start + len; j++) {
        const t = montgomeryReduce(Math.imul(zeta, f[j + len] as number));
        const fj = f[j] as number;
        f[j + len] = fj - t;
        f[j] = fj + t;
      }
    }
  }
}

/**
 * acc += a o b (FIPS 203, Algorithms 11 and 12: MultiplyNTTs by BaseCaseMultiply), in
 * Montgomery form: the sum carries a factor R^-1, which the caller removes.
 */
function multiplyNttsAccumulate(
  acc: Int32Array,
  a: Int32Array,
  b: Int32Array,
  bOffset: number,
): void {
  for (let i = 0; i < N / 4; i++) {
    // gamma = zeta^(2 BitRev7(i') + 1) for the pairs i' = 2i and 2i + 1: ZETAS[64 + i] and its
    // negative.
    const zeta = ZETAS[64 + i] as number;
    const at = 4 * i;
    let a0 = a[at] as number;
    let a1 = a[at + 1] as number;
    let b0 = b[bOffset + at] as number;
    let b1 = b[bOffset + at + 1] as number;
    acc[at] =
      (acc[at] as number) +
      montgomeryReduce(Math.imul(montgomeryReduce(Math.imul(a1, b1)), zeta)) +
      montgomeryReduce(Math.imul(a0, b0));
    acc[at + 1] =
      (acc[at + 1] as number) +
      montgomeryReduce(Math.imul(a0, b1)) +
      montgomeryReduce(Math.imul(a1, b0));
    a0 = a[at + 2] as number;
    a1 = a[at + 3] as number;
    b0 = b[bOffset + at + 2] as number;
    b1 = b[bOffset + at + 3] as number;
    acc[at + 2] =
      (acc[at + 2] as number) +
      montgomeryReduce(Math.imul(montgomeryReduce(Math.imul(a1, b1)), -zeta)) +
      montgomeryReduce(Math.imul(a0, b0));
    acc[at + 3] =
      (acc[at + 3] as number) +
      montgomeryReduce(Math.imul(a0, b1)) +
      montgomeryReduce(Math.imul(a1, b0));
  }
}

/** Algorithm 7, steps 8 to 15: d is kept if it is below q and the polynomial is not full. */
function accept(out: Int32Array, j: number, d: number): number {
  if (d < Q && j < N) out[j++] = d;
  return j;
}

/**
 * SampleNTT (FIPS 203, Algorithm 7): Â[i, j] from SHAKE128(rho || j || i), by rejection of the
 * 12-bit values that are not below q. Everything here is public. The candidates are read from
 * the sponge's words as they stand: three little-endian words are twelve bytes, eight 12-bit
 * values d1, d2, ... of Algorithm 7's steps 5 and 6.
 */
function sampleNtt(out: Int32Array, state: Int32Array, xofInput: Uint8Array): void {
  absorbOneBlock(state, xofInput, SHAKE128_RATE, SHAKE_DOMAIN);
  let j = 0;
  for (;;) {
    for (let w = 0; w < SHAKE128_RATE / 4 && j < N; w += 3) {
      const w0 = state[w] as number;
      const w1 = state[w + 1] as number;
      const w2 = state[w + 2] as number;
      // Unrolled rather than an array of eight: this loop is a tenth of key generation.
      j = accept(out, j, w0 & 0xfff);
      j = accept(out, j, (w0 >>> 12) & 0xfff);
      j = accept(out, j, ((w0 >>> 24) | (w1 << 8)) & 0xfff);
      j = accept(out, j, (w1 >>> 4) & 0xfff);
      j = accept(out, j, (w1 >>> 16) & 0xfff);
      j = accept(out, j, ((w1 >>> 28) | (w2 << 4)) & 0xfff);
      j = accept(out, j, (w2 >>> 8) & 0xfff);
      j = accept(out, j, w2 >>> 20);
    }
    if (j === N) return;
    keccakF1600(state);
  }
}

/**
 * SamplePolyCBD_eta1(PRF_eta1(sigma, nonce)) (FIPS 203, Algorithm 8 and Section 4.1's PRF, which
 * is SHAKE256 to 64 eta bytes): each coefficient is a sum of eta bits less a sum of eta bits,
 * in [-eta, eta], counted with masks rather than branches. The PRF's output is taken as
 * little-endian 32-bit words, `words` being scratch for the 48 of eta = 3.
 */
function sampleCbd(
  f: Int32Array,
  offset: number,
  eta: 2 | 3,
  prfInput: Uint8Array,
  state: Int32Array,
  words: Int32Array,
): void {
  absorbOneBlock(state, prfInput, SHAKE256_RATE, SHAKE_DOMAIN);
  if (eta === 2) {
    // 128 bytes, within one block: 8 coefficients from each word.
    for (let i = 0; i < N / 8; i++) {
      const t = state[i] as number;
      const d = (t & 0x55555555) + ((t >>> 1) & 0x55555555);
      for (let j = 0; j < 8; j++)
        f[offset + 8 * i + j] = ((d >>> (4 * j)) & 3) - ((d >>> (4 * j + 2)) & 3);
    }
    return;
  }
  // 192 bytes: the 34 words of a block, then 14 of the next; 4 coefficients from each 3 bytes.
  words.set(state.subarray(0, SHAKE256_RATE / 4));
  keccakF1600(state);
  words.set(state.subarray(0, 48 - SHAKE256_RATE / 4), SHAKE256_RATE / 4);
  for (let i = 0; i < N / 4; i += 4) {
    const w = (3 * i) / 4;
    const w0 = words[w] as number;
    const w1 = words[w + 1] as number;
    const w2 = words[w + 2] as number;
    // Unrolled, so that no array holds the secret bits.
    cbd3(f, offset + 4 * i, w0 & 0xffffff);
    cbd3(f, offset + 4 * i + 4, ((w0 >>> 24) | (w1 << 8)) & 0xffffff);
    cbd3(f, offset + 4 * i + 8, ((w1 >>> 16) | (w2 << 16)) & 0xffffff);
    cbd3(f, offset + 4 * i + 12, w2 >>> 8);
  }
  words.fill(0);
}

/** Four coefficients of eta = 3 from 24 bits: 3 bits counted, less the next 3, four times. */
function cbd3(f: Int32Array, at: number, t: number): void {
  const d = (t & 0x249249) + ((t >> 1) & 0x249249) + ((t >> 2) & 0x249249);
  for (let j = 0; j < 4; j++) f[at + j] = ((d >> (6 * j)) & 7) - ((d >> (6 * j + 3)) & 7);
}

/**
 * The working memory of one generation, made once for the largest k and reused: generation
 * is synchronous, so no two share it, and allocating it per pair kept the garbage collector
 * busy. Every secret part is wiped before a generation returns.
 */
const MAX_K = 4;
const scratch = {
  state: new Int32Array(50),
  gInput: new Uint8Array(33),
  rhoSigma: new Uint8Array(64),
  s: new Int32Array(MAX_K * N),
  e: new Int32Array(MAX_K * N),
  prfInput: new Uint8Array(33),
  prfWords: new Int32Array(48),
  xofInput: new Uint8Array(34),
  a: new Int32Array(N),
  t: new Int32Array(N),
};

/**
 * ek = ByteEncode12(t̂) || rho (FIPS 203, Algorithm 13, steps 1 to 19, and Algorithm 5) of
 * K-PKE.KeyGen(d), d being the first 32 bytes of `seed` (d || z). Every secret intermediate
 * is wiped before it returns.
 */
export function mlKemEncapsulationKey(name: MlKemParameterSetName, seed: Uint8Array): Uint8Array {
  const { k, eta1 } = ML_KEM_PARAMETERS[name];
  if (seed.length !== 64) throw new Error(`${name}: the seed d || z must be 64 bytes`);
  const { state, gInput, rhoSigma, s, e, prfInput, prfWords, xofInput, a, t } = scratch;
  state.fill(0);
  // Step 1: (rho, sigma) <- G(d || k), G being SHA3-512.
  gInput.set(seed.subarray(0, 32));
  gInput[32] = k;
  absorbOneBlock(state, gInput, SHA3_512_RATE, SHA3_DOMAIN);
  gInput.fill(0);
  squeezeBytes(state, rhoSigma, 0, 64);
  // Steps 8 to 17: s and e from sigma with nonces 0 .. 2k - 1, then ŝ = NTT(s), ê = NTT(e).
  prfInput.set(rhoSigma.subarray(32));
  for (let nonce = 0; nonce < 2 * k; nonce++) {
    prfInput[32] = nonce;
    const target = nonce < k ? s : e;
    const offset = (nonce < k ? nonce : nonce - k) * N;
    sampleCbd(target, offset, eta1, prfInput, state, prfWords);
    ntt(target, offset);
  }
  prfInput.fill(0);
  // Steps 3 to 7 and 18: t̂[i] = sum over j of Â[i, j] o ŝ[j], plus ê[i]; then step 19.
  const ek = new Uint8Array(384 * k + 32);
  xofInput.set(rhoSigma.subarray(0, 32));
  for (let i = 0; i < k; i++) {
    t.fill(0);
    for (let j = 0; j < k; j++) {
      xofInput[32] = j;
      xofInput[33] = i;
      sampleNtt(a, state, xofInput);
      multiplyNttsAccumulate(t, a, s, j * N);
    }
    for (let c = 0; c < N; c += 2) {
      // R^-1 removed (times R^2, reduced), ê added, reduced, and mapped into [0, q). |t| < 2kq
      // and |ê| < 7q + 3, so the sum is below q + 7q + 3 < 2^15, as barrettReduce needs.
      const t0 = barrettReduce(
        montgomeryReduce(Math.imul(t[c] as number, R_SQUARED)) + (e[i * N + c] as number),
      );
      const t1 = barrettReduce(
        montgomeryReduce(Math.imul(t[c + 1] as number, R_SQUARED)) + (e[i * N + c + 1] as number),
      );
      const u0 = t0 + ((t0 >> 31) & Q);
      const u1 = t1 + ((t1 >> 31) & Q);
      // ByteEncode12: two 12-bit coefficients in three bytes, little-endian.
      const at = 384 * i + (3 * c) / 2;
      ek[at] = u0 & 0xff;
      ek[at + 1] = (u0 >> 8) | ((u1 & 0x0f) << 4);
      ek[at + 2] = u1 >> 4;
    }
  }
  ek.set(rhoSigma.subarray(0, 32), 384 * k);
  rhoSigma.fill(0);
  s.fill(0);
  e.fill(0);
  t.fill(0);
  state.fill(0);
  return ek;
}
