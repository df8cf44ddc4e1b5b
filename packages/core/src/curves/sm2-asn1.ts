/**
 * DER codecs for the two SM2 wire structures of GM/T 0009-2012 §7 (the encodings OpenSSL, GmSSL
 * and Bouncy Castle use): the signature value and the public-key ciphertext.
 *
 * Decoders accept exact DER only: after parsing with asn1js the value is encoded again and must
 * give back the input byte for byte. That rejects BER leniencies (long-form lengths, non-minimal
 * or padded INTEGERs, constructed OCTET STRINGs, trailing bytes) that would otherwise make one
 * signature or ciphertext have many encodings.
 * @module
 */
import { equalBytes } from '@noble/curves/utils.js';
import * as asn1js from 'asn1js';

/** The two integers of an SM2 signature (GB/T 32918.2-2016 §6.1 A7). */
export interface Sm2SignatureValue {
  readonly r: bigint;
  readonly s: bigint;
}

/** The parts of an SM2 ciphertext: C1 = (x, y), C3 = hash, C2 = cipherText (GB/T 32918.4-2016 §6.1). */
export interface Sm2CipherValue {
  readonly x: bigint;
  readonly y: bigint;
  readonly hash: Uint8Array;
  readonly cipherText: Uint8Array;
}

/*
 * -- GM/T 0009-2012 §7.3 (same shape as ECDSA's Ecdsa-Sig-Value, RFC 3279 §2.2.3)
 * SM2Signature ::= SEQUENCE {
 *   R INTEGER,  -- first part of the signature
 *   S INTEGER   -- second part of the signature
 * }
 */
export function encodeSm2Signature({ r, s }: Sm2SignatureValue): Uint8Array {
  const sequence = new asn1js.Sequence({
    value: [asn1js.Integer.fromBigInt(r), asn1js.Integer.fromBigInt(s)],
  });
  return new Uint8Array(sequence.toBER());
}

/** Parses an SM2Signature; throws unless `der` is exactly its DER encoding. */
export function decodeSm2Signature(der: Uint8Array): Sm2SignatureValue {
  const [r, s] = decodeSequence(der, 'SM2Signature', [asn1js.Integer, asn1js.Integer]);
  const value = { r: r.toBigInt(), s: s.toBigInt() };
  assertCanonical(der, encodeSm2Signature(value), 'SM2Signature');
  return value;
}

/*
 * -- GM/T 0009-2012 §7.2
 * SM2Cipher ::= SEQUENCE {
 *   XCoordinate INTEGER,                -- x of C1 = [k]G
 *   YCoordinate INTEGER,                -- y of C1
 *   HASH        OCTET STRING SIZE(32),  -- C3 = SM3(x2 || M || y2)
 *   CipherText  OCTET STRING            -- C2 = M xor KDF(x2 || y2, klen)
 * }
 */
export function encodeSm2Cipher({ x, y, hash, cipherText }: Sm2CipherValue): Uint8Array {
  const sequence = new asn1js.Sequence({
    value: [
      asn1js.Integer.fromBigInt(x),
      asn1js.Integer.fromBigInt(y),
      new asn1js.OctetString({ valueHex: hash }),
      new asn1js.OctetString({ valueHex: cipherText }),
    ],
  });
  return new Uint8Array(sequence.toBER());
}

/** Parses an SM2Cipher; throws unless `der` is exactly its DER encoding. */
export function decodeSm2Cipher(der: Uint8Array): Sm2CipherValue {
  const [x, y, hash, cipherText] = decodeSequence(der, 'SM2Cipher', [
    asn1js.Integer,
    asn1js.Integer,
    asn1js.OctetString,
    asn1js.OctetString,
  ]);
  const value = {
    x: x.toBigInt(),
    y: y.toBigInt(),
    // Copies, so the caller's buffer can be reused without changing what we return.
    hash: hash.valueBlock.valueHexView.slice(),
    cipherText: cipherText.valueBlock.valueHexView.slice(),
  };
  assertCanonical(der, encodeSm2Cipher(value), 'SM2Cipher');
  return value;
}

type BlockClass<T> = abstract new (...args: never[]) => T;
type Instances<T extends readonly BlockClass<unknown>[]> = {
  [K in keyof T]: T[K] extends BlockClass<infer I> ? I : never;
};

/** Parses a SEQUENCE whose elements are exactly the given asn1js types, in order. */
function decodeSequence<const T extends readonly BlockClass<asn1js.BaseBlock>[]>(
  der: Uint8Array,
  name: string,
  elementTypes: T,
): Instances<T> {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset !== der.length || !(parsed.result instanceof asn1js.Sequence)) {
    throw new Error(`${name}: not a DER SEQUENCE`);
  }
  const elements = parsed.result.valueBlock.value;
  if (elements.length !== elementTypes.length) {
    throw new Error(`${name}: expected ${elementTypes.length} elements, got ${elements.length}`);
  }
  elementTypes.forEach((type, index) => {
    if (!(elements[index] instanceof type)) {
      throw new Error(`${name}: element ${index + 1} has the wrong type`);
    }
  });
  return elements as unknown as Instances<T>;
}

function assertCanonical(input: Uint8Array, canonical: Uint8Array, name: string): void {
  if (!equalBytes(input, canonical)) throw new Error(`${name}: not in canonical DER form`);
}
