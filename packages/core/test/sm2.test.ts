import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign as nodeSign,
  verify as nodeVerify,
  publicEncrypt,
} from 'node:crypto';
import { ecdsa } from '@noble/curves/abstract/weierstrass.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/curves/utils.js';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSm2,
  type RandomBytes,
  SM2_CURVE_OID,
  SM2_DEFAULT_ID,
  SM2_RECOMMENDED_CURVE,
  type Sm2,
  type Sm2CurveParams,
  sm2,
} from '../src/curves/sm2.js';
import { sm3 } from '../src/hashes/sm3.js';
import vectors from './vectors/sm2.json' with { type: 'json' };

// Fixed seed: every run draws the same cases, so a failure reproduces exactly.
const FC_SEED = 0x5332;

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const hexToBigInt = (hex: string): bigint => BigInt(`0x${hex}`);
const EMPTY_ID = new Uint8Array(0);

/**
 * Deterministic stand-in for getRandomValues: SM3(seed || counter) blocks. Tests need repeatable
 * keys and nonces; the code under test only sees "some random source".
 */
function seededRandom(seed: string): RandomBytes {
  let counter = 0;
  return (byteLength) => {
    const out = new Uint8Array(byteLength);
    for (let offset = 0; offset < byteLength; offset += sm3.outputLen) {
      const block = sm3(
        concatBytes(
          ascii(seed),
          Uint8Array.of(counter >>> 24, counter >>> 16, counter >>> 8, counter),
        ),
      );
      counter++;
      out.set(block.subarray(0, byteLength - offset), offset);
    }
    return out;
  };
}

const neverCalled: RandomBytes = () => {
  throw new Error('the random source must not be used here');
};

type CurveName = keyof typeof vectors.curves;

function curveParams(name: CurveName): Sm2CurveParams {
  const curve = vectors.curves[name];
  return {
    p: hexToBigInt(curve.p),
    a: hexToBigInt(curve.a),
    b: hexToBigInt(curve.b),
    n: hexToBigInt(curve.n),
    Gx: hexToBigInt(curve.Gx),
    Gy: hexToBigInt(curve.Gy),
    h: hexToBigInt(curve.h),
  };
}

/** The recommended curve is the exported `sm2`; annex curves get their own instance. */
const sm2ForCurve = (name: CurveName): Sm2 =>
  name === 'recommended' ? sm2 : createSm2(curveParams(name));

const uncompressed = (x: string, y: string): Uint8Array => hexToBytes(`04${x}${y}`);

function flipBit(bytes: Uint8Array, bitIndex: number): Uint8Array {
  const copy = bytes.slice();
  copy[bitIndex >> 3] = (copy[bitIndex >> 3] as number) ^ (0x80 >> (bitIndex & 7));
  return copy;
}

/** Test-side decoder of SEQUENCE { INTEGER, INTEGER }, independent of the module's own codec. */
function signatureIntegers(der: Uint8Array): { r: bigint; s: bigint } {
  const { result } = asn1js.fromBER(der);
  expect(result).toBeInstanceOf(asn1js.Sequence);
  const [r, s] = (result as asn1js.Sequence).valueBlock.value;
  if (!(r instanceof asn1js.Integer) || !(s instanceof asn1js.Integer)) {
    throw new Error('expected two INTEGERs');
  }
  return { r: r.toBigInt(), s: s.toBigInt() };
}

const derOf = (block: asn1js.BaseBlock): Uint8Array => new Uint8Array(block.toBER());

describe('SM2 curve data', () => {
  it('exports the GB/T 32918.5-2017 recommended curve', () => {
    expect(SM2_RECOMMENDED_CURVE).toEqual(curveParams('recommended'));
    expect(sm2.params).toEqual(curveParams('recommended'));
  });

  it('exports the curve OID and the GB/T 35276 default distinguishing ID', () => {
    expect(SM2_CURVE_OID).toBe('1.2.156.10197.1.301');
    expect(new TextDecoder().decode(SM2_DEFAULT_ID)).toBe('1234567812345678');
  });
});

describe('SM2 signature: published examples', () => {
  for (const vector of vectors.signature) {
    describe(vector.name, () => {
      const curve = sm2ForCurve(vector.curve as CurveName);
      const secretKey = hexToBytes(vector.d);
      const publicKey = uncompressed(vector.publicKeyX, vector.publicKeyY);
      const id = ascii(vector.idAscii);
      const message = ascii(vector.messageAscii);

      it('derives the published public key from d', () => {
        expect(bytesToHex(curve.getPublicKey(secretKey))).toBe(bytesToHex(publicKey));
      });

      it('computes the published Z_A and e = SM3(Z_A || M)', () => {
        const z = curve.computeZ(publicKey, id);
        expect(bytesToHex(z)).toBe(vector.z.toLowerCase());
        expect(bytesToHex(sm3(concatBytes(z, message)))).toBe(vector.e.toLowerCase());
      });

      it('signs with the published k to the published (r, s), as DER', () => {
        const signature = curve.sign(message, secretKey, {
          random: neverCalled,
          id,
          k: hexToBigInt(vector.k),
        });
        expect(signatureIntegers(signature)).toEqual({
          r: hexToBigInt(vector.r),
          s: hexToBigInt(vector.s),
        });
        const expectedDer = new asn1js.Sequence({
          value: [
            asn1js.Integer.fromBigInt(hexToBigInt(vector.r)),
            asn1js.Integer.fromBigInt(hexToBigInt(vector.s)),
          ],
        });
        expect(bytesToHex(signature)).toBe(bytesToHex(derOf(expectedDer)));
      });

      it('verifies the published signature, and only with the right ID and message', () => {
        const signature = derOf(
          new asn1js.Sequence({
            value: [
              asn1js.Integer.fromBigInt(hexToBigInt(vector.r)),
              asn1js.Integer.fromBigInt(hexToBigInt(vector.s)),
            ],
          }),
        );
        expect(curve.verify(signature, message, publicKey, { id })).toBe(true);
        expect(curve.verify(signature, message, publicKey, { id: ascii('BOB') })).toBe(false);
        expect(curve.verify(signature, ascii('message digesT'), publicKey, { id })).toBe(false);
      });
    });
  }

  it('uses the default ID when none is given', () => {
    const vector = vectors.signature.find((v) => v.curve === 'recommended');
    if (!vector) throw new Error('recommended-curve signature vector missing');
    const publicKey = uncompressed(vector.publicKeyX, vector.publicKeyY);
    expect(bytesToHex(sm2.computeZ(publicKey))).toBe(vector.z.toLowerCase());
  });
});

describe('SM2 encryption: published examples', () => {
  for (const vector of vectors.encryption) {
    describe(vector.name, () => {
      const curve = sm2ForCurve(vector.curve as CurveName);
      const secretKey = hexToBytes(vector.d);
      const publicKey = uncompressed(vector.publicKeyX, vector.publicKeyY);
      const message = ascii(vector.messageAscii);

      it('derives the published public key from d', () => {
        expect(bytesToHex(curve.getPublicKey(secretKey))).toBe(bytesToHex(publicKey));
      });

      it('encrypts with the published k to the published C1, C3, C2 as DER SM2Cipher', () => {
        const ciphertext = curve.encrypt(message, publicKey, {
          random: neverCalled,
          k: hexToBigInt(vector.k),
        });
        const fromComponents = derOf(
          new asn1js.Sequence({
            value: [
              asn1js.Integer.fromBigInt(hexToBigInt(vector.c1x)),
              asn1js.Integer.fromBigInt(hexToBigInt(vector.c1y)),
              new asn1js.OctetString({ valueHex: hexToBytes(vector.c3) }),
              new asn1js.OctetString({ valueHex: hexToBytes(vector.c2) }),
            ],
          }),
        );
        expect(bytesToHex(ciphertext)).toBe(bytesToHex(fromComponents));
        expect(bytesToHex(ciphertext)).toBe(vector.sm2CipherDer.toLowerCase());
      });

      it('decrypts the published ciphertext', () => {
        const plaintext = curve.decrypt(hexToBytes(vector.sm2CipherDer), secretKey);
        expect(new TextDecoder().decode(plaintext)).toBe(vector.messageAscii);
      });
    });
  }
});

describe('SM2 keys', () => {
  it('draws secret keys from the given random source, within [1, n-2]', () => {
    const secretKey = sm2.randomSecretKey(seededRandom('keygen'));
    expect(secretKey.length).toBe(32);
    expect(sm2.getPublicKey(secretKey)).toHaveLength(65);
    // Extremes of the source land on the ends of the range instead of outside it.
    const all =
      (byte: number): RandomBytes =>
      (length) =>
        new Uint8Array(length).fill(byte);
    expect(bytesToHex(sm2.randomSecretKey(all(0)))).toBe(`${'00'.repeat(31)}01`);
    const fromOnes = BigInt(`0x${bytesToHex(sm2.randomSecretKey(all(0xff)))}`);
    expect(fromOnes >= 1n && fromOnes <= SM2_RECOMMENDED_CURVE.n - 2n).toBe(true);
  });

  it('rejects a random source that returns the wrong length', () => {
    expect(() => sm2.randomSecretKey(() => new Uint8Array(8))).toThrow(/random source/);
  });

  it('rejects secret keys outside [1, n-2] or of the wrong size', () => {
    const { n } = SM2_RECOMMENDED_CURVE;
    const toKey = (d: bigint): Uint8Array => hexToBytes(d.toString(16).padStart(64, '0'));
    expect(() => sm2.getPublicKey(toKey(0n))).toThrow(/out of range/);
    expect(() => sm2.getPublicKey(toKey(n - 1n))).toThrow(/out of range/);
    expect(() => sm2.getPublicKey(new Uint8Array(31).fill(1))).toThrow(/32 bytes/);
    expect(sm2.getPublicKey(toKey(n - 2n))).toHaveLength(65);
  });

  it('accepts a compressed public key wherever a public key is expected', () => {
    const secretKey = sm2.randomSecretKey(seededRandom('compressed'));
    const compressed = sm2.Point.fromBytes(sm2.getPublicKey(secretKey)).toBytes(true);
    const message = ascii('compressed keys');
    const signature = sm2.sign(message, secretKey, { random: seededRandom('sig') });
    expect(sm2.verify(signature, message, compressed)).toBe(true);
    expect(bytesToHex(sm2.computeZ(compressed))).toBe(
      bytesToHex(sm2.computeZ(sm2.getPublicKey(secretKey))),
    );
  });
});

describe('SM2 round trips on the recommended curve', () => {
  const random = seededRandom('round trips');
  const secretKey = sm2.randomSecretKey(random);
  const publicKey = sm2.getPublicKey(secretKey);

  it('verifies its own signatures for any message and ID', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 40 }),
        (message, id) => {
          const signature = sm2.sign(message, secretKey, { random, id });
          expect(sm2.verify(signature, message, publicKey, { id })).toBe(true);
        },
      ),
      { seed: FC_SEED, numRuns: 15 },
    );
  });

  it('decrypts its own ciphertexts for any message, including the empty one', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (message) => {
        const ciphertext = sm2.encrypt(message, publicKey, { random });
        expect(bytesToHex(sm2.decrypt(ciphertext, secretKey))).toBe(bytesToHex(message));
      }),
      { seed: FC_SEED, numRuns: 15 },
    );
    const empty = sm2.encrypt(new Uint8Array(0), publicKey, { random });
    expect(sm2.decrypt(empty, secretKey)).toHaveLength(0);
  });

  it('makes a fresh nonce per call', () => {
    const message = ascii('same message');
    const first = sm2.sign(message, secretKey, { random });
    const second = sm2.sign(message, secretKey, { random });
    expect(bytesToHex(first)).not.toBe(bytesToHex(second));
  });

  it('rejects a k outside [1, n-1]', () => {
    const message = ascii('k range');
    const { n } = SM2_RECOMMENDED_CURVE;
    expect(() => sm2.sign(message, secretKey, { random, k: 0n })).toThrow(RangeError);
    expect(() => sm2.encrypt(message, publicKey, { random, k: n })).toThrow(RangeError);
  });

  it('rejects a distinguishing ID longer than ENTL can express', () => {
    expect(() => sm2.computeZ(publicKey, new Uint8Array(8192))).toThrow(/at most 8191/);
    expect(sm2.computeZ(publicKey, new Uint8Array(8191))).toHaveLength(32);
  });
});

describe('SM2 tampering', () => {
  const random = seededRandom('tampering');
  const secretKey = sm2.randomSecretKey(random);
  const publicKey = sm2.getPublicKey(secretKey);
  const message = ascii('tamper-evident message');
  const signature = sm2.sign(message, secretKey, { random });
  const ciphertext = sm2.encrypt(message, publicKey, { random });

  it('verify rejects any flipped bit in the signature', () => {
    fc.assert(
      fc.property(fc.nat({ max: signature.length * 8 - 1 }), (bit) => {
        expect(sm2.verify(flipBit(signature, bit), message, publicKey)).toBe(false);
      }),
      { seed: FC_SEED, numRuns: 40 },
    );
  });

  it('verify rejects any flipped bit in the message', () => {
    fc.assert(
      fc.property(fc.nat({ max: message.length * 8 - 1 }), (bit) => {
        expect(sm2.verify(signature, flipBit(message, bit), publicKey)).toBe(false);
      }),
      { seed: FC_SEED, numRuns: 40 },
    );
  });

  it('verify rejects any flipped bit in the public key', () => {
    fc.assert(
      fc.property(fc.nat({ max: publicKey.length * 8 - 1 }), (bit) => {
        expect(sm2.verify(signature, message, flipBit(publicKey, bit))).toBe(false);
      }),
      { seed: FC_SEED, numRuns: 40 },
    );
  });

  it('verify returns false, never throws, on arbitrary signature and key bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        fc.uint8Array({ maxLength: 70 }),
        (badSignature, badKey) => {
          expect(sm2.verify(badSignature, message, badKey)).toBe(false);
          expect(sm2.verify(badSignature, message, publicKey)).toBe(false);
        },
      ),
      { seed: FC_SEED, numRuns: 100 },
    );
    expect(sm2.verify(signature, message, Uint8Array.of(0))).toBe(false);
  });

  it('verify accepts only canonical DER with r, s in [1, n-1]', () => {
    const { r, s } = signatureIntegers(signature);
    const { n } = SM2_RECOMMENDED_CURVE;
    const encode = (...integers: asn1js.Integer[]): Uint8Array =>
      derOf(new asn1js.Sequence({ value: integers }));
    const paddedR = new asn1js.Integer({
      valueHex: concatBytes(Uint8Array.of(0), signatureIntegerBytes(r)),
    });
    expect(sm2.verify(encode(paddedR, asn1js.Integer.fromBigInt(s)), message, publicKey)).toBe(
      false,
    );
    expect(sm2.verify(concatBytes(signature, Uint8Array.of(0)), message, publicKey)).toBe(false);
    const integer = (value: bigint): asn1js.Integer => asn1js.Integer.fromBigInt(value);
    expect(sm2.verify(encode(integer(r + n), integer(s)), message, publicKey)).toBe(false);
    expect(sm2.verify(encode(integer(0n), integer(s)), message, publicKey)).toBe(false);
    expect(sm2.verify(encode(integer(r), integer(-s)), message, publicKey)).toBe(false);
    expect(sm2.verify(encode(integer(r), integer(s), integer(1n)), message, publicKey)).toBe(false);
    expect(sm2.verify(encode(integer(r), integer(s)), message, publicKey)).toBe(true);
  });

  it('decrypt throws on any flipped bit in the ciphertext', () => {
    fc.assert(
      fc.property(fc.nat({ max: ciphertext.length * 8 - 1 }), (bit) => {
        expect(() => sm2.decrypt(flipBit(ciphertext, bit), secretKey)).toThrow(/^SM2 decrypt: /);
      }),
      { seed: FC_SEED, numRuns: 40 },
    );
  });

  it('decrypt names the failed check', () => {
    const { x, y, hash, cipherText } = cipherParts(ciphertext);
    const rebuild = (parts: { x: bigint; y: bigint; hash: Uint8Array; cipherText: Uint8Array }) =>
      derOf(
        new asn1js.Sequence({
          value: [
            asn1js.Integer.fromBigInt(parts.x),
            asn1js.Integer.fromBigInt(parts.y),
            new asn1js.OctetString({ valueHex: parts.hash }),
            new asn1js.OctetString({ valueHex: parts.cipherText }),
          ],
        }),
      );
    expect(bytesToHex(rebuild({ x, y, hash, cipherText }))).toBe(bytesToHex(ciphertext));
    expect(() =>
      sm2.decrypt(rebuild({ x, y, hash, cipherText: flipBit(cipherText, 3) }), secretKey),
    ).toThrow(/C3 hash mismatch/);
    expect(() =>
      sm2.decrypt(rebuild({ x, y, hash: flipBit(hash, 3), cipherText }), secretKey),
    ).toThrow(/C3 hash mismatch/);
    expect(() => sm2.decrypt(rebuild({ x, y: y ^ 1n, hash, cipherText }), secretKey)).toThrow(
      /C1 is not a valid curve point/,
    );
    expect(() =>
      sm2.decrypt(rebuild({ x: x + SM2_RECOMMENDED_CURVE.p, y, hash, cipherText }), secretKey),
    ).toThrow(/C1 is not a valid curve point/);
    expect(() =>
      sm2.decrypt(rebuild({ x, y, hash: hash.subarray(0, 31), cipherText }), secretKey),
    ).toThrow(/C3 must be 32 bytes/);
    expect(() => sm2.decrypt(ciphertext.subarray(0, ciphertext.length - 1), secretKey)).toThrow(
      /not a DER SM2Cipher/,
    );
    expect(() => sm2.decrypt(concatBytes(ciphertext, Uint8Array.of(0)), secretKey)).toThrow(
      /not a DER SM2Cipher/,
    );
  });

  it('decrypt with the wrong key throws instead of returning garbage', () => {
    const otherKey = sm2.randomSecretKey(seededRandom('other key'));
    expect(() => sm2.decrypt(ciphertext, otherKey)).toThrow(/C3 hash mismatch/);
  });
});

function signatureIntegerBytes(value: bigint): Uint8Array {
  return new Uint8Array(asn1js.Integer.fromBigInt(value).valueBlock.valueHexView);
}

function cipherParts(der: Uint8Array): {
  x: bigint;
  y: bigint;
  hash: Uint8Array;
  cipherText: Uint8Array;
} {
  const { result } = asn1js.fromBER(der);
  const [x, y, hash, cipherText] = (result as asn1js.Sequence).valueBlock.value;
  if (
    !(x instanceof asn1js.Integer) ||
    !(y instanceof asn1js.Integer) ||
    !(hash instanceof asn1js.OctetString) ||
    !(cipherText instanceof asn1js.OctetString)
  ) {
    throw new Error('expected SM2Cipher');
  }
  return {
    x: x.toBigInt(),
    y: y.toBigInt(),
    hash: hash.valueBlock.valueHexView.slice(),
    cipherText: cipherText.valueBlock.valueHexView.slice(),
  };
}

describe('SM2 randomness comes only from the caller', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('imports, builds curves and runs every operation without touching globalThis.crypto', async () => {
    // A working stub: if anything fell back to it (noble's default blinding RNG included), the
    // operations would still succeed, and only the call record shows the leak.
    const getRandomValues = vi.fn(<T extends ArrayBufferView>(array: T): T => array);
    vi.stubGlobal('crypto', { getRandomValues });
    vi.resetModules();
    const fresh = await import('../src/curves/sm2.js');
    const curve = fresh.createSm2(fresh.SM2_RECOMMENDED_CURVE);
    const random = seededRandom('no globals');
    const secretKey = curve.randomSecretKey(random);
    const publicKey = curve.getPublicKey(secretKey);
    const message = ascii('no globals');
    const signature = curve.sign(message, secretKey, { random });
    expect(fresh.sm2.verify(signature, message, publicKey)).toBe(true);
    const ciphertext = curve.encrypt(message, publicKey, { random });
    expect(bytesToHex(fresh.sm2.decrypt(ciphertext, secretKey))).toBe(bytesToHex(message));
    expect(getRandomValues).not.toHaveBeenCalled();
  });
});

/*
 * Interop with node:crypto (OpenSSL 3). What was found on Node 20 / OpenSSL 3.0:
 * - Keys imported from DER with id-ecPublicKey + curve 1.2.156.10197.1.301 become OpenSSL SM2
 *   keys (Node reports asymmetricKeyType undefined); crypto.sign/verify with 'sm3' or null then
 *   compute real SM2 signatures, but with an EMPTY distinguishing ID (ENTL = 0), because OpenSSL 3
 *   has no default ID and Node offers no way to set one.
 * - Keys from generateKeyPairSync('ec', { namedCurve: 'SM2' }) stay EC keys, and signing with
 *   them is plain ECDSA over the SM2 curve (null digest means SHA-256), not SM2.
 * - publicEncrypt / privateDecrypt do not support SM2 keys at all.
 * So signatures interoperate with the empty ID; the default-ID check is below as a negative.
 */
const ID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';

/*
 * -- RFC 5480 §2.1.1: AlgorithmIdentifier for an EC key on a named curve
 * SEQUENCE { algorithm OBJECT IDENTIFIER id-ecPublicKey, parameters OBJECT IDENTIFIER sm2 }
 */
const sm2AlgorithmIdentifier = (): asn1js.Sequence =>
  new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: ID_EC_PUBLIC_KEY }),
      new asn1js.ObjectIdentifier({ value: SM2_CURVE_OID }),
    ],
  });

/*
 * -- RFC 5280 §4.1.2.7 / RFC 5480 §2
 * SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
 */
function nodePublicKey(publicKey: Uint8Array): KeyObject {
  const spki = new asn1js.Sequence({
    value: [sm2AlgorithmIdentifier(), new asn1js.BitString({ valueHex: publicKey })],
  });
  return createPublicKey({ key: Buffer.from(derOf(spki)), format: 'der', type: 'spki' });
}

/*
 * -- RFC 5208 §5 PrivateKeyInfo ::= SEQUENCE { version INTEGER (0), algorithm AlgorithmIdentifier,
 *                                               privateKey OCTET STRING }
 * -- RFC 5915 §3 ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
 *                                            publicKey [1] BIT STRING OPTIONAL }
 */
function nodePrivateKey(secretKey: Uint8Array, publicKey: Uint8Array): KeyObject {
  const ecPrivateKey = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.OctetString({ valueHex: secretKey }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 1 },
        value: [new asn1js.BitString({ valueHex: publicKey })],
      }),
    ],
  });
  const privateKeyInfo = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      sm2AlgorithmIdentifier(),
      new asn1js.OctetString({ valueHex: derOf(ecPrivateKey) }),
    ],
  });
  return createPrivateKey({
    key: Buffer.from(derOf(privateKeyInfo)),
    format: 'der',
    type: 'pkcs8',
  });
}

describe('SM2 interop with node:crypto (OpenSSL 3)', () => {
  const random = seededRandom('node interop');
  const secretKey = sm2.randomSecretKey(random);
  const publicKey = sm2.getPublicKey(secretKey);
  const nodePublic = nodePublicKey(publicKey);
  const nodePrivate = nodePrivateKey(secretKey, publicKey);

  it('node reads our DER keys as the same key pair', () => {
    const exported = nodePublic.export({ format: 'der', type: 'spki' });
    expect(bytesToHex(new Uint8Array(exported.subarray(exported.length - 65)))).toBe(
      bytesToHex(publicKey),
    );
    const derived = createPublicKey(nodePrivate).export({ format: 'der', type: 'spki' });
    expect(bytesToHex(new Uint8Array(derived))).toBe(bytesToHex(new Uint8Array(exported)));
  });

  it('node verifies our signatures (SM2 with SM3, empty ID)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (message) => {
        const signature = sm2.sign(message, secretKey, { random, id: EMPTY_ID });
        expect(nodeVerify('sm3', message, nodePublic, signature)).toBe(true);
        expect(nodeVerify(null, message, nodePublic, signature)).toBe(true);
      }),
      { seed: FC_SEED, numRuns: 10 },
    );
  });

  it('we verify node signatures (SM2 with SM3, empty ID)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (message) => {
        const signature = new Uint8Array(nodeSign('sm3', message, nodePrivate));
        expect(sm2.verify(signature, message, publicKey, { id: EMPTY_ID })).toBe(true);
      }),
      { seed: FC_SEED, numRuns: 10 },
    );
  });

  it('node signs with the empty ID, not the GB/T 35276 default ID', () => {
    const message = ascii('which distinguishing ID?');
    const nodeSignature = new Uint8Array(nodeSign('sm3', message, nodePrivate));
    expect(sm2.verify(nodeSignature, message, publicKey)).toBe(false);
    const defaultIdSignature = sm2.sign(message, secretKey, { random });
    expect(nodeVerify('sm3', message, nodePublic, defaultIdSignature)).toBe(false);
  });

  it('node EC keys on curve SM2 sign ECDSA, not SM2', () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
    const ecPublicKey = new Uint8Array(spki.subarray(spki.length - 65));
    const message = ascii('ECDSA or SM2?');
    const signature = new Uint8Array(nodeSign('sm3', message, pair.privateKey));
    expect(sm2.verify(signature, message, ecPublicKey, { id: EMPTY_ID })).toBe(false);
    expect(sm2.verify(signature, message, ecPublicKey)).toBe(false);
    const ecdsaSm3 = ecdsa(sm2.Point, sm3);
    expect(ecdsaSm3.verify(signature, message, ecPublicKey, { format: 'der', lowS: false })).toBe(
      true,
    );
  });

  // node:crypto cannot SM2-encrypt (publicEncrypt rejects SM2 keys); encryption is
  // cross-checked with OpenSSL's command line in sm2-openssl.test.ts.
  it('node cannot SM2-encrypt (publicEncrypt rejects SM2 keys)', () => {
    expect(() => publicEncrypt(nodePublic, ascii('x'))).toThrow();
  });
});
