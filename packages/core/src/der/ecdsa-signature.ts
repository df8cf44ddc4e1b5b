/**
 * ECDSA signatures in DER, as OpenSSL and AWS KMS emit them; RFC 3279, 2.2.3:
 *
 *   Ecdsa-Sig-Value  ::=  SEQUENCE  {
 *        r     INTEGER,
 *        s     INTEGER  }
 *
 * WebCrypto signs and verifies the IEEE P1363 form r || s instead, each at the curve order's
 * byte length; these convert between the two.
 */
import {
  concatBytes,
  DerError,
  decodeDer,
  derSequence,
  derUnsignedInteger,
  encodeDer,
  readUnsignedInteger,
  SequenceReader,
} from './asn1.js';

/** DER Ecdsa-Sig-Value from r || s. */
export function ecdsaSignatureToDer(p1363: Uint8Array): Uint8Array {
  if (p1363.length === 0 || p1363.length % 2 !== 0) {
    throw new DerError('ECDSA signature: r || s must have an even, non-zero length');
  }
  const half = p1363.length / 2;
  return encodeDer(
    derSequence([
      derUnsignedInteger(p1363.subarray(0, half)),
      derUnsignedInteger(p1363.subarray(half)),
    ]),
  );
}

/** r || s, each left-padded to `scalarBytes`, from a DER Ecdsa-Sig-Value. */
export function ecdsaSignatureFromDer(der: Uint8Array, scalarBytes: number): Uint8Array {
  const what = 'Ecdsa-Sig-Value';
  const fields = new SequenceReader(decodeDer(der, what), what);
  const r = readUnsignedInteger(fields.next('r'), `${what} r`);
  const s = readUnsignedInteger(fields.next('s'), `${what} s`);
  fields.end();
  return concatBytes(leftPad(r, scalarBytes, 'r'), leftPad(s, scalarBytes, 's'));
}

function leftPad(magnitude: Uint8Array, length: number, name: string): Uint8Array {
  if (magnitude.length > length) {
    throw new DerError(`Ecdsa-Sig-Value: ${name} is longer than ${length} bytes`);
  }
  const padded = new Uint8Array(length);
  padded.set(magnitude, length - magnitude.length);
  return padded;
}
