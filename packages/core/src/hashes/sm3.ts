/**
 * SM3 cryptographic hash (GB/T 32905-2016, also GM/T 0004-2012 and ISO/IEC 10118-3:2018).
 *
 * SM3 pads and chains exactly like SHA-256 (512-bit blocks, a 0x80 byte, then the message bit
 * length as a 64-bit big-endian integer), so the compression function is all that needs writing:
 * `HashMD` from noble-hashes supplies buffering, padding and output.
 * @module
 */
import { HashMD } from '@noble/hashes/_md.js';
import { type CHash, clean, createHasher, rotl } from '@noble/hashes/utils.js';

/** GB/T 32905-2016 §4.1: initial value IV, eight 32-bit words. */
const SM3_IV = /* @__PURE__ */ Uint32Array.from([
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
]);

/**
 * GB/T 32905-2016 §4.2: round constant T_j (0x79cc4519 for j < 16, 0x7a879d8a after), already
 * rotated left by j mod 32 as §5.3.3 uses it, so the round loop does one table load.
 */
const SM3_T_ROTATED = /* @__PURE__ */ Uint32Array.from({ length: 64 }, (_, j) =>
  rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32),
);

/** §5.3.2 message expansion W_0..W_67; shared like noble's SHA256_W and wiped after use. */
const SM3_W = /* @__PURE__ */ new Uint32Array(68);

/** GB/T 32905-2016 §4.4: permutation P0, used on TT2 in compression. */
const p0 = (x: number): number => x ^ rotl(x, 9) ^ rotl(x, 17);
/** GB/T 32905-2016 §4.4: permutation P1, used in message expansion. */
const p1 = (x: number): number => x ^ rotl(x, 15) ^ rotl(x, 23);

/** SM3 hash state; use the `sm3` wrapper rather than this class. */
export class _SM3 extends HashMD<_SM3> {
  // Eight named words rather than an array, as noble's SHA-256 does, so V8 keeps them in registers.
  protected A = SM3_IV[0] as number;
  protected B = SM3_IV[1] as number;
  protected C = SM3_IV[2] as number;
  protected D = SM3_IV[3] as number;
  protected E = SM3_IV[4] as number;
  protected F = SM3_IV[5] as number;
  protected G = SM3_IV[6] as number;
  protected H = SM3_IV[7] as number;

  constructor() {
    // 64-byte blocks, 32-byte digest, 8-byte big-endian length field (§5.2).
    super(64, 32, 8, false);
  }

  protected get(): number[] {
    const { A, B, C, D, E, F, G, H } = this;
    return [A, B, C, D, E, F, G, H];
  }

  protected set(
    A: number,
    B: number,
    C: number,
    D: number,
    E: number,
    F: number,
    G: number,
    H: number,
  ): void {
    this.A = A | 0;
    this.B = B | 0;
    this.C = C | 0;
    this.D = D | 0;
    this.E = E | 0;
    this.F = F | 0;
    this.G = G | 0;
    this.H = H | 0;
  }

  /** One compression V(i+1) = CF(V(i), B(i)) of GB/T 32905-2016 §5.3. */
  protected process(view: DataView, offset: number): void {
    const W = SM3_W;
    // §5.3.2 a)-b): W_0..W_15 are the block's big-endian words, W_16..W_67 are expanded.
    for (let j = 0; j < 16; j++, offset += 4) W[j] = view.getUint32(offset, false);
    for (let j = 16; j < 68; j++) {
      const w16 = W[j - 16] as number;
      const w9 = W[j - 9] as number;
      const w3 = W[j - 3] as number;
      const w13 = W[j - 13] as number;
      const w6 = W[j - 6] as number;
      W[j] = p1(w16 ^ w9 ^ rotl(w3, 15)) ^ rotl(w13, 7) ^ w6;
    }
    // §5.3.3: 64 rounds; W'_j = W_j xor W_(j+4) is formed on the fly.
    let { A, B, C, D, E, F, G, H } = this;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(A, 12);
      const ss1 = rotl((a12 + E + (SM3_T_ROTATED[j] as number)) | 0, 7);
      const ss2 = ss1 ^ a12;
      const wj = W[j] as number;
      const wPrime = wj ^ (W[j + 4] as number);
      // §4.3 boolean functions: FF_j and GG_j are XOR for j < 16, majority / choice after.
      const ff = j < 16 ? A ^ B ^ C : (A & B) | (A & C) | (B & C);
      const gg = j < 16 ? E ^ F ^ G : (E & F) | (~E & G);
      const tt1 = (ff + D + ss2 + wPrime) | 0;
      const tt2 = (gg + H + ss1 + wj) | 0;
      D = C;
      C = rotl(B, 9);
      B = A;
      A = tt1;
      H = G;
      G = rotl(F, 19);
      F = E;
      E = p0(tt2);
    }
    // §5.3.3: V(i+1) = ABCDEFGH xor V(i).
    this.set(
      A ^ this.A,
      B ^ this.B,
      C ^ this.C,
      D ^ this.D,
      E ^ this.E,
      F ^ this.F,
      G ^ this.G,
      H ^ this.H,
    );
  }

  protected roundClean(): void {
    clean(SM3_W);
  }

  destroy(): void {
    this.destroyed = true;
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    clean(this.buffer);
  }

  _cloneInto(to?: _SM3): _SM3 {
    const target = to ?? new _SM3();
    target.set(...(this.get() as [number, number, number, number, number, number, number, number]));
    return this._cloneIntoMeta(target);
  }
}

/** DER encoding of the SM3 OID 1.2.156.10197.1.401 (GM/T 0006-2012), as noble hashes carry it. */
const SM3_OID_DER = /* @__PURE__ */ Uint8Array.from([
  0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11,
]);

/**
 * SM3 hash function: `sm3(message)` for one shot, `sm3.create().update(a).update(b).digest()` to
 * stream. A noble `CHash`, so it can be handed to `hmac`, `hkdf` and the like.
 */
export const sm3: CHash<_SM3> = /* @__PURE__ */ createHasher(() => new _SM3(), {
  oid: SM3_OID_DER,
});
