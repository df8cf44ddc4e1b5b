/**
 * ECDSA signatures between WebCrypto's r || s and DER Ecdsa-Sig-Value, on every Sign and
 * Verify of a NIST key: der/ecdsa-signature.ts builds and reads them through asn1js, which
 * cost a sixth of a P-256 Sign. These write and read the bytes directly and give exactly what
 * that module gives: the writer the same bytes, the reader the same r || s for every encoding
 * it accepts (strict DER). Anything the reader does not recognise at once is handed to
 * der/ecdsa-signature.ts, which accepts or rejects it as it always has.
 */
import { ecdsaSignatureFromDer, ecdsaSignatureToDer } from '../der/ecdsa-signature.js';

const SEQUENCE = 0x30;
const INTEGER = 0x02;
/** The long form with one length byte, for contents of 128 to 255 bytes (P-521's). */
const LENGTH_ONE_BYTE = 0x81;

/** Where a magnitude starts once its leading zero bytes (all but the last) are skipped. */
function firstSignificant(bytes: Uint8Array, start: number, end: number): number {
  let index = start;
  while (index < end - 1 && bytes[index] === 0) index += 1;
  return index;
}

/** DER Ecdsa-Sig-Value from r || s: minimal INTEGERs, a 0x00 before a set high bit. */
export function ecdsaP1363ToDer(p1363: Uint8Array): Uint8Array {
  const half = p1363.length / 2;
  // Odd or empty input: the asn1js writer throws its DerError.
  if (p1363.length === 0 || !Number.isInteger(half)) return ecdsaSignatureToDer(p1363);
  const rStart = firstSignificant(p1363, 0, half);
  const sStart = firstSignificant(p1363, half, p1363.length);
  const rPad = (p1363[rStart] as number) >= 0x80 ? 1 : 0;
  const sPad = (p1363[sStart] as number) >= 0x80 ? 1 : 0;
  const rLength = half - rStart + rPad;
  const sLength = p1363.length - sStart + sPad;
  const contentLength = 2 + rLength + 2 + sLength;
  // Every curve here keeps each INTEGER under 128 bytes and the whole under 256.
  if (rLength > 127 || sLength > 127 || contentLength > 255) return ecdsaSignatureToDer(p1363);
  const header = contentLength < 128 ? 2 : 3;
  const der = new Uint8Array(header + contentLength);
  let at = 0;
  der[at++] = SEQUENCE;
  if (header === 3) der[at++] = LENGTH_ONE_BYTE;
  der[at++] = contentLength;
  der[at++] = INTEGER;
  der[at++] = rLength;
  at += rPad;
  der.set(p1363.subarray(rStart, half), at);
  at += half - rStart;
  der[at++] = INTEGER;
  der[at++] = sLength;
  at += sPad;
  der.set(p1363.subarray(sStart), at);
  return der;
}

/**
 * The length of a minimal, non-negative DER INTEGER's magnitude at `offset` (tag, one length
 * byte, content), or -1 for anything else.
 */
function integerAt(der: Uint8Array, offset: number, end: number): number {
  if (der[offset] !== INTEGER) return -1;
  const length = der[offset + 1];
  if (length === undefined || length === 0 || length > 127 || offset + 2 + length > end) return -1;
  const first = der[offset + 2] as number;
  if (first >= 0x80) return -1;
  if (first === 0 && (length === 1 || (der[offset + 3] as number) < 0x80)) {
    // Zero itself, or a non-minimal encoding: zero is rare enough for the slow path.
    return -1;
  }
  return length;
}

/** r || s, each left-padded to `scalarBytes`, from a DER Ecdsa-Sig-Value. */
export function ecdsaDerToP1363(der: Uint8Array, scalarBytes: number): Uint8Array {
  const fast = readCanonical(der, scalarBytes);
  return fast ?? ecdsaSignatureFromDer(der, scalarBytes);
}

function readCanonical(der: Uint8Array, scalarBytes: number): Uint8Array | undefined {
  if (!(der instanceof Uint8Array) || der[0] !== SEQUENCE) return undefined;
  let contentLength = der[1];
  let offset = 2;
  if (contentLength === LENGTH_ONE_BYTE) {
    contentLength = der[2];
    offset = 3;
    // The long form is minimal only for 128 and more.
    if (contentLength === undefined || contentLength < 128) return undefined;
  } else if (contentLength === undefined || contentLength >= 128) {
    return undefined;
  }
  const end = offset + contentLength;
  if (end !== der.length) return undefined;
  const rLength = integerAt(der, offset, end);
  if (rLength < 0) return undefined;
  const sOffset = offset + 2 + rLength;
  const sLength = integerAt(der, sOffset, end);
  if (sLength < 0 || sOffset + 2 + sLength !== end) return undefined;
  const r = der.subarray(offset + 2, sOffset);
  const s = der.subarray(sOffset + 2, end);
  // A leading 0x00 is there only for a set high bit; the magnitude follows it.
  const rMagnitude = r[0] === 0 ? r.subarray(1) : r;
  const sMagnitude = s[0] === 0 ? s.subarray(1) : s;
  if (rMagnitude.length > scalarBytes || sMagnitude.length > scalarBytes) return undefined;
  const p1363 = new Uint8Array(2 * scalarBytes);
  p1363.set(rMagnitude, scalarBytes - rMagnitude.length);
  p1363.set(sMagnitude, 2 * scalarBytes - sMagnitude.length);
  return p1363;
}
