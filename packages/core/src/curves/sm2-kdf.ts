/**
 * The SM2 key derivation function (GB/T 32918.4-2016 §5.4.3), instantiated with SM3.
 * @module
 */
import { sm3 } from '../hashes/sm3.js';

/** The 32-bit counter ct of §5.4.3 must not wrap, which caps the output at (2^32 - 1) hashes. */
const MAX_BLOCKS = 0xffffffff;

/**
 * KDF(Z, klen) of GB/T 32918.4-2016 §5.4.3, with klen counted in bytes rather than bits:
 * Ha_i = SM3(Z || ct_i) for ct = 1, 2, ... as 32-bit big-endian, concatenated and cut to length.
 */
export function sm2Kdf(sharedSecret: Uint8Array, byteLength: number): Uint8Array {
  const blocks = Math.ceil(byteLength / sm3.outputLen);
  if (!Number.isSafeInteger(byteLength) || byteLength < 0 || blocks > MAX_BLOCKS) {
    throw new RangeError(`SM2 KDF: cannot derive ${byteLength} bytes`);
  }
  const output = new Uint8Array(blocks * sm3.outputLen);
  const counter = new Uint8Array(4);
  const counterView = new DataView(counter.buffer);
  for (let block = 0; block < blocks; block++) {
    counterView.setUint32(0, block + 1, false);
    output.set(sm3.create().update(sharedSecret).update(counter).digest(), block * sm3.outputLen);
  }
  return output.subarray(0, byteLength);
}
