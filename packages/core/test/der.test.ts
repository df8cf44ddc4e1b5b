/**
 * DER structures: known answers from the RFCs and OpenSSL, foreign encodings, precise
 * rejection of malformed or non-DER input, and fuzzing (fixed seeds) showing that the
 * parsers only ever throw a DerError and accept nothing but canonical DER.
 */
import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DerError } from '../src/der/asn1.js';
import { decodeCurvePrivateKey } from '../src/der/curve-private-key.js';
import { decodeEcPrivateKey, encodeEcPrivateKey } from '../src/der/ec-private-key.js';
import { ecdsaSignatureFromDer, ecdsaSignatureToDer } from '../src/der/ecdsa-signature.js';
import { encodeEcKeyPair, encodeEd25519KeyPair, encodeRsaKeyPair } from '../src/der/key-pair.js';
import {
  describeOid,
  ID_EC_PUBLIC_KEY,
  ID_ED25519,
  ID_X25519,
  OID_NAMES,
  oidName,
  RSA_ENCRYPTION,
  SECP256K1,
  SECP256R1,
  SECP384R1,
  SECP521R1,
  SM2_CURVE,
} from '../src/der/oids.js';
import { parsePrivateKeyInfo, parseSubjectPublicKeyInfo } from '../src/der/parse-key.js';
import { fromPem } from '../src/der/pem.js';
import { decodeOneAsymmetricKey, encodeOneAsymmetricKey } from '../src/der/private-key-info.js';
import { decodeRsaPrivateKey, decodeRsaPublicKey } from '../src/der/rsa-key.js';
import {
  decodeSubjectPublicKeyInfo,
  encodeSubjectPublicKeyInfo,
} from '../src/der/subject-public-key-info.js';

const bytes = (hexText: string) => new Uint8Array(Buffer.from(hexText.replace(/\s+/g, ''), 'hex'));
const hex = (data: Uint8Array) => Buffer.from(data).toString('hex');

/** A P-256 key with d = 0x0101..01; OpenSSL computes its public point. */
const P256_D = '01'.repeat(32);

function p256Point(): string {
  const ecdh = nodeCrypto.createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(P256_D, 'hex'));
  return hex(ecdh.getPublicKey());
}

// RFC 8410, 10.1 and 10.3: the example Ed25519 key in its three encodings.
const RFC8410_PUBLIC = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
-----END PUBLIC KEY-----`;
const RFC8410_PRIVATE = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
-----END PRIVATE KEY-----`;
const RFC8410_PRIVATE_V2 = `-----BEGIN PRIVATE KEY-----
MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB
Z9w7lshQhqowtrbLDFw4rXAxZuE=
-----END PRIVATE KEY-----`;
const RFC8410_SEED = 'd4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842';
const RFC8410_KEY = '19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1';

// One OpenSSL-made key of each kind, in OpenSSL's own encodings, for the foreign-input tests.
const openssl = {
  rsa: nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 1024 }),
  p384: nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' }),
  ed25519: nodeCrypto.generateKeyPairSync('ed25519'),
};
const der = (key: nodeCrypto.KeyObject) =>
  new Uint8Array(
    key.type === 'public'
      ? key.export({ format: 'der', type: 'spki' })
      : key.export({ format: 'der', type: 'pkcs8' }),
  );

describe('OIDs', () => {
  it('encode as the RFCs and OpenSSL do', () => {
    const p256 = encodeSubjectPublicKeyInfo(
      ID_EC_PUBLIC_KEY,
      { kind: 'oid', oid: SECP256R1 },
      bytes('04aabb'),
    );
    expect(parseSubjectPublicKeyInfo(p256).curveOid).toBe('1.2.840.10045.3.1.7');
    const spki = encodeSubjectPublicKeyInfo(
      ID_EC_PUBLIC_KEY,
      { kind: 'oid', oid: SM2_CURVE },
      bytes('04aabb'),
    );
    // 06 08 2a811ccf5501822d is how OpenSSL writes the SM2 curve.
    expect(hex(spki)).toContain('06082a811ccf5501822d');
    expect(hex(spki)).toContain('06072a8648ce3d0201');
  });

  it('have names for a UI', () => {
    expect(oidName(SECP256R1)).toBe('secp256r1 (NIST P-256)');
    expect(oidName(SECP384R1)).toBe('secp384r1 (NIST P-384)');
    expect(oidName(SECP521R1)).toBe('secp521r1 (NIST P-521)');
    expect(oidName(SECP256K1)).toBe('secp256k1');
    expect(oidName(SM2_CURVE)).toBe('SM2');
    expect(oidName(ID_ED25519)).toBe('id-Ed25519');
    expect(oidName(RSA_ENCRYPTION)).toBe('rsaEncryption');
    expect(oidName('1.2.3.4')).toBeUndefined();
    expect(oidName('toString')).toBeUndefined();
    expect(describeOid(ID_EC_PUBLIC_KEY)).toBe('id-ecPublicKey (1.2.840.10045.2.1)');
    expect(describeOid('1.2.3.4')).toBe('1.2.3.4');
    for (const oid of Object.keys(OID_NAMES)) expect(oid).toMatch(/^[0-2](\.(0|[1-9]\d*))+$/);
  });
});

describe('key pair encoders', () => {
  it('write the EC layout of RFC 5915 inside RFC 5958, byte for byte', () => {
    const point = p256Point();
    const pair = encodeEcKeyPair({
      curveOid: SECP256R1,
      privateKey: bytes(P256_D),
      publicKey: bytes(point),
    });
    const curve = '06082a8648ce3d030107';
    expect(hex(pair.publicKey)).toBe(
      `3059 3013 06072a8648ce3d0201 ${curve} 034200 ${point}`.replace(/ /g, ''),
    );
    expect(hex(pair.privateKey)).toBe(
      [
        '308193 020100 3013 06072a8648ce3d0201',
        curve,
        '0479 3077 020101 0420',
        P256_D,
        `a00a ${curve}`,
        `a144 034200 ${point}`,
      ]
        .join('')
        .replace(/ /g, ''),
    );
    // OpenSSL reads it and derives the same public key.
    const key = nodeCrypto.createPrivateKey({
      key: Buffer.from(pair.privateKey),
      format: 'der',
      type: 'pkcs8',
    });
    expect(hex(der(nodeCrypto.createPublicKey(key)))).toBe(hex(pair.publicKey));
  });

  it('write the RFC 8410 Ed25519 examples exactly', () => {
    const pair = encodeEd25519KeyPair(bytes(RFC8410_SEED), bytes(RFC8410_KEY));
    expect(hex(pair.publicKey)).toBe(hex(fromPem(RFC8410_PUBLIC, 'PUBLIC KEY').der));
    expect(hex(pair.privateKey)).toBe(hex(fromPem(RFC8410_PRIVATE, 'PRIVATE KEY').der));
  });

  it('write OpenSSL RSA keys back unchanged', () => {
    const privateDer = der(openssl.rsa.privateKey);
    const pair = encodeRsaKeyPair(
      decodeRsaPrivateKey(decodeOneAsymmetricKey(privateDer).privateKey),
    );
    expect(hex(pair.privateKey)).toBe(hex(privateDer));
    expect(hex(pair.publicKey)).toBe(hex(der(openssl.rsa.publicKey)));
  });

  it('refuse inconsistent inputs', () => {
    const point = bytes(p256Point());
    expect(() =>
      encodeEcKeyPair({
        curveOid: SECP256R1,
        privateKey: bytes('01'.repeat(31)),
        publicKey: point,
      }),
    ).toThrow('the private key must be 32 bytes for this curve, got 31');
    expect(() =>
      encodeEcKeyPair({
        curveOid: SECP256R1,
        privateKey: bytes(P256_D),
        publicKey: new Uint8Array([0x02, ...point.subarray(1, 33)]),
      }),
    ).toThrow('uncompressed point');
    expect(() => encodeEd25519KeyPair(new Uint8Array(31), new Uint8Array(32))).toThrow('32 bytes');
    expect(() =>
      encodeEcKeyPair({ curveOid: 'not-an-oid', privateKey: bytes(P256_D), publicKey: point }),
    ).toThrow(DerError);
  });
});

describe('parsers', () => {
  it('read the RFC 8410 examples, including the v2 key with attributes and public key', () => {
    expect(parseSubjectPublicKeyInfo(fromPem(RFC8410_PUBLIC).der)).toEqual({
      algorithmOid: ID_ED25519,
      curveOid: undefined,
      publicKey: bytes(RFC8410_KEY),
    });
    expect(parsePrivateKeyInfo(fromPem(RFC8410_PRIVATE).der)).toEqual({
      version: 0,
      algorithmOid: ID_ED25519,
      curveOid: undefined,
      privateKey: bytes(RFC8410_SEED),
      publicKey: undefined,
    });
    const v2 = fromPem(RFC8410_PRIVATE_V2).der;
    expect(parsePrivateKeyInfo(v2)).toEqual({
      version: 1,
      algorithmOid: ID_ED25519,
      curveOid: undefined,
      privateKey: bytes(RFC8410_SEED),
      publicKey: bytes(RFC8410_KEY),
    });
    expect(decodeOneAsymmetricKey(v2).hasAttributes).toBe(true);
  });

  it("read OpenSSL's encodings (its ECPrivateKey leaves out parameters [0])", () => {
    const p384 = parsePrivateKeyInfo(der(openssl.p384.privateKey));
    const p384Public = parseSubjectPublicKeyInfo(der(openssl.p384.publicKey));
    expect(p384.curveOid).toBe(SECP384R1);
    expect(p384.privateKey).toHaveLength(48);
    expect(hex(p384.publicKey ?? new Uint8Array())).toBe(hex(p384Public.publicKey));
    const innerEc = decodeEcPrivateKey(
      decodeOneAsymmetricKey(der(openssl.p384.privateKey)).privateKey,
    );
    expect(innerEc.curveOid).toBeUndefined();
    // SEC 1 "traditional" form, which does carry the curve.
    const sec1 = new Uint8Array(openssl.p384.privateKey.export({ format: 'der', type: 'sec1' }));
    expect(decodeEcPrivateKey(sec1).curveOid).toBe(SECP384R1);
    expect(hex(encodeEcPrivateKey(decodeEcPrivateKey(sec1)))).toBe(hex(sec1));

    const rsa = parsePrivateKeyInfo(der(openssl.rsa.privateKey));
    expect(rsa.algorithmOid).toBe(RSA_ENCRYPTION);
    const rsaPublic = decodeRsaPublicKey(
      parseSubjectPublicKeyInfo(der(openssl.rsa.publicKey)).publicKey,
    );
    expect(hex(decodeRsaPrivateKey(rsa.privateKey).modulus)).toBe(hex(rsaPublic.modulus));
    const jwk = openssl.rsa.publicKey.export({ format: 'jwk' });
    expect(Buffer.from(rsaPublic.modulus).toString('base64url')).toBe(jwk.n);

    const ed = parsePrivateKeyInfo(der(openssl.ed25519.privateKey));
    expect(Buffer.from(ed.privateKey).toString('base64url')).toBe(
      openssl.ed25519.privateKey.export({ format: 'jwk' }).d,
    );
  });

  const validEc = () =>
    encodeEcKeyPair({
      curveOid: SECP256R1,
      privateKey: bytes(P256_D),
      publicKey: bytes(p256Point()),
    });

  const rejections: [string, () => unknown, string][] = [
    [
      'empty input',
      () => parseSubjectPublicKeyInfo(new Uint8Array()),
      'SubjectPublicKeyInfo: empty input',
    ],
    [
      'truncated input',
      () => parseSubjectPublicKeyInfo(validEc().publicKey.subarray(0, 40)),
      'malformed DER',
    ],
    [
      'trailing bytes',
      () => parseSubjectPublicKeyInfo(new Uint8Array([...validEc().publicKey, 0])),
      '1 trailing byte(s)',
    ],
    [
      'a SET for the SEQUENCE',
      () => parseSubjectPublicKeyInfo(bytes('3100')),
      'expected SEQUENCE, found SET',
    ],
    [
      'a primitive SEQUENCE',
      () => parseSubjectPublicKeyInfo(bytes('1000')),
      'expected SEQUENCE, found SEQUENCE (primitive)',
    ],
    [
      'an indefinite length',
      () => decodeRsaPublicKey(bytes('3080 020101 020103 0000')),
      'indefinite length',
    ],
    [
      'a long-form short length',
      () => decodeRsaPublicKey(bytes('308106 020101 020103')),
      'not minimally encoded',
    ],
    [
      'a padded INTEGER',
      () => decodeRsaPublicKey(bytes('3007 02020001 020103')),
      'INTEGER is not minimally encoded',
    ],
    [
      'a negative INTEGER',
      () => decodeRsaPublicKey(bytes('3006 020181 020103')),
      'must not be negative',
    ],
    [
      'an empty INTEGER',
      () => decodeRsaPublicKey(bytes('3005 0200 020103')),
      'INTEGER has no content',
    ],
    [
      'a missing field',
      () => decodeRsaPublicKey(bytes('3003 020101')),
      'publicExponent is missing',
    ],
    [
      'an extra field',
      () => decodeRsaPublicKey(bytes('3009 020101 020103 020105')),
      'unexpected INTEGER after the last field',
    ],
    [
      'a constructed OCTET STRING',
      () => decodeCurvePrivateKey(bytes('2404 04020102')),
      'expected OCTET STRING, found OCTET STRING (constructed)',
    ],
    [
      'a multi-byte tag for a low tag number',
      () => decodeCurvePrivateKey(bytes('1f0401 00')),
      'one-byte form',
    ],
    [
      'a padded OID sub-identifier',
      () => parseSubjectPublicKeyInfo(bytes('300b 3006 0604 2b806570 030100')),
      'OBJECT IDENTIFIER is not canonically encoded',
    ],
    [
      'an empty OID',
      () => parseSubjectPublicKeyInfo(bytes('3007 3002 0600 030100')),
      'OBJECT IDENTIFIER is not canonically encoded',
    ],
    [
      'a BIT STRING with unused bits',
      () => parseSubjectPublicKeyInfo(bytes('300b 3005 06032b6570 030201ff')),
      'whole number of bytes',
    ],
    [
      'an empty BIT STRING',
      () => parseSubjectPublicKeyInfo(bytes('3009 3005 06032b6570 0300')),
      'BIT STRING has no content',
    ],
    [
      'a non-empty NULL',
      () => parseSubjectPublicKeyInfo(bytes('3013 300e 06092a864886f70d010101 050100 030100')),
      'NULL must be empty',
    ],
    [
      'rsaEncryption without NULL parameters',
      () =>
        parseSubjectPublicKeyInfo(
          encodeSubjectPublicKeyInfo(RSA_ENCRYPTION, { kind: 'absent' }, bytes('3006020101020103')),
        ),
      'rsaEncryption parameters must be NULL',
    ],
    [
      'id-Ed25519 with parameters',
      () =>
        parseSubjectPublicKeyInfo(
          encodeSubjectPublicKeyInfo(ID_ED25519, { kind: 'null' }, new Uint8Array(32)),
        ),
      'id-Ed25519 parameters must be absent',
    ],
    [
      'an Ed25519 key of 31 bytes',
      () =>
        parseSubjectPublicKeyInfo(
          encodeSubjectPublicKeyInfo(ID_ED25519, { kind: 'absent' }, new Uint8Array(31)),
        ),
      'an Ed25519 public key must be 32 bytes, got 31',
    ],
    [
      'id-ecPublicKey with implicitCurve',
      () =>
        parseSubjectPublicKeyInfo(
          encodeSubjectPublicKeyInfo(ID_EC_PUBLIC_KEY, { kind: 'null' }, bytes('04aabb')),
        ),
      'id-ecPublicKey parameters must be a namedCurve OID',
    ],
    [
      'an EC point that is not SEC 1',
      () =>
        parseSubjectPublicKeyInfo(
          encodeSubjectPublicKeyInfo(
            ID_EC_PUBLIC_KEY,
            { kind: 'oid', oid: SECP256R1 },
            bytes('05aabb'),
          ),
        ),
      'not a SEC 1 elliptic curve point',
    ],
    [
      'an unsupported algorithm',
      () =>
        parseSubjectPublicKeyInfo(
          encodeSubjectPublicKeyInfo(ID_X25519, { kind: 'absent' }, new Uint8Array(32)),
        ),
      'unsupported algorithm id-X25519 (1.3.101.110)',
    ],
    [
      'a PKCS #8 version 2',
      () => decodeOneAsymmetricKey(bytes('3010 020102 300506032b6570 0404 04020000')),
      'unsupported version 2 (expected 0 or 1)',
    ],
    [
      'a v1 PKCS #8 carrying a public key',
      () =>
        decodeOneAsymmetricKey(bytes('3017 020100 300506032b6570 0404 04020000 8105 0000000000')),
      'publicKey [1] requires version 1 (v2)',
    ],
    [
      'an ECPrivateKey of another curve',
      () =>
        parsePrivateKeyInfo(
          encodeOneAsymmetricKey(
            ID_EC_PUBLIC_KEY,
            { kind: 'oid', oid: SECP384R1 },
            encodeEcPrivateKey({
              privateKey: bytes(P256_D),
              curveOid: SECP256R1,
              publicKey: undefined,
            }),
          ),
        ),
      'ECPrivateKey parameters secp256r1 (NIST P-256) (1.2.840.10045.3.1.7) do not match',
    ],
    [
      'an EC private key shorter than the curve',
      () =>
        parsePrivateKeyInfo(
          encodeOneAsymmetricKey(
            ID_EC_PUBLIC_KEY,
            { kind: 'oid', oid: SECP256R1 },
            encodeEcPrivateKey({
              privateKey: bytes('01'.repeat(31)),
              curveOid: undefined,
              publicKey: bytes(p256Point()),
            }),
          ),
        ),
      'the EC private key is 31 bytes, not the curve',
    ],
    [
      'an ECPrivateKey version 0',
      () => decodeEcPrivateKey(bytes('3006 020100 040101')),
      'unsupported version 0 (expected 1)',
    ],
    [
      'a multi-prime RSAPrivateKey',
      () => decodeRsaPrivateKey(bytes(`301b 020101 ${'020101'.repeat(8)}`)),
      'only two-prime keys',
    ],
    [
      'an [0] holding two values',
      () => decodeEcPrivateKey(bytes('300c 020101 040101 a004 05000500')),
      'must hold exactly one value',
    ],
    // Found by fuzzing: asn1js accepts both of these on its own.
    [
      'an element overrunning its SEQUENCE',
      () => parseSubjectPublicKeyInfo(bytes(`3009 300506032b6570 032100 ${RFC8410_KEY}`)),
      'overrun',
    ],
    [
      'a GeneralizedTime asn1js throws on',
      () => parsePrivateKeyInfo(bytes('180130')),
      'malformed DER',
    ],
    [
      'deep nesting',
      () =>
        parseSubjectPublicKeyInfo(
          new Uint8Array(4000).fill(0x30).map((b, i) => (i % 2 ? 0x80 : b)),
        ),
      'malformed DER',
    ],
    [
      'a huge declared length',
      () => parseSubjectPublicKeyInfo(bytes('3084ffffffff00')),
      'malformed DER',
    ],
  ];

  it.each(rejections)('reject %s with a DerError', (_, parse, message) => {
    expect(parse).toThrow(DerError);
    expect(parse).toThrow(message);
  });
});

describe('ECDSA signatures', () => {
  it('convert between r || s and DER, minimally', () => {
    // r needs a zero byte to stay positive; s loses its leading zeros.
    const p1363 = bytes(`${'ff'.repeat(32)}${'00'.repeat(31)}01`);
    const derSignature = ecdsaSignatureToDer(p1363);
    expect(hex(derSignature)).toBe(`3026 0221 00${'ff'.repeat(32)} 020101`.replace(/ /g, ''));
    expect(hex(ecdsaSignatureFromDer(derSignature, 32))).toBe(hex(p1363));
    expect(() => ecdsaSignatureFromDer(derSignature, 16)).toThrow('longer than 16 bytes');
    expect(() => ecdsaSignatureToDer(new Uint8Array(3))).toThrow(DerError);
  });

  it('round-trip for any r and s', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 66, maxLength: 66 }), (sample) => {
        const p1363 = sample.slice();
        expect(hex(ecdsaSignatureFromDer(ecdsaSignatureToDer(p1363), 33))).toBe(hex(p1363));
      }),
      { seed: 8017, numRuns: 300 },
    );
  });
});

describe('fuzzing', () => {
  const parsers: [string, (input: Uint8Array) => unknown][] = [
    ['parseSubjectPublicKeyInfo', parseSubjectPublicKeyInfo],
    ['parsePrivateKeyInfo', parsePrivateKeyInfo],
    ['decodeEcPrivateKey', decodeEcPrivateKey],
    ['decodeRsaPublicKey', decodeRsaPublicKey],
    ['decodeRsaPrivateKey', decodeRsaPrivateKey],
    ['decodeCurvePrivateKey', decodeCurvePrivateKey],
    ['ecdsaSignatureFromDer', (input) => ecdsaSignatureFromDer(input, 32)],
  ];

  /** Parses, and reports anything thrown that is not a DerError. */
  function parsesOrThrowsDerError(
    parse: (input: Uint8Array) => unknown,
    input: Uint8Array,
  ): boolean {
    try {
      parse(input);
      return true;
    } catch (error) {
      if (error instanceof DerError) return false;
      throw new Error(`threw ${String(error)} for ${hex(input)}`);
    }
  }

  it.each(parsers)('%s throws only DerError on random bytes', (_, parse) => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          // Random bytes inside a plausible SEQUENCE header reach deeper into the parsers.
          fc
            .uint8Array({ maxLength: 120 })
            .map((body) => new Uint8Array([0x30, body.length, ...body])),
        ),
        (input) => {
          parsesOrThrowsDerError(parse, input);
        },
      ),
      { seed: 5280, numRuns: 1000 },
    );
  });

  const samples = {
    ec: encodeEcKeyPair({
      curveOid: SECP256R1,
      privateKey: bytes(P256_D),
      publicKey: bytes(p256Point()),
    }),
    ed25519: encodeEd25519KeyPair(bytes(RFC8410_SEED), bytes(RFC8410_KEY)),
    rsa: { publicKey: der(openssl.rsa.publicKey), privateKey: der(openssl.rsa.privateKey) },
    v2: { publicKey: fromPem(RFC8410_PUBLIC).der, privateKey: fromPem(RFC8410_PRIVATE_V2).der },
  };

  const mutation = (source: Uint8Array) =>
    fc.oneof(
      // Overwrite one byte.
      fc
        .tuple(fc.nat({ max: source.length - 1 }), fc.integer({ min: 0, max: 255 }))
        .map(([at, value]) => {
          const copy = source.slice();
          copy[at] = value;
          return copy;
        }),
      // Insert one byte.
      fc
        .tuple(fc.nat({ max: source.length }), fc.integer({ min: 0, max: 255 }))
        .map(
          ([at, value]) =>
            new Uint8Array([...source.subarray(0, at), value, ...source.subarray(at)]),
        ),
      // Delete a run of bytes.
      fc
        .tuple(fc.nat({ max: source.length - 1 }), fc.integer({ min: 1, max: 8 }))
        .map(
          ([at, count]) =>
            new Uint8Array([...source.subarray(0, at), ...source.subarray(at + count)]),
        ),
    );

  it.each(Object.entries(samples))(
    'mutated %s keys are rejected with DerError or parse only as canonical DER',
    (_, pair) => {
      fc.assert(
        fc.property(mutation(pair.publicKey), (input) => {
          if (!parsesOrThrowsDerError(parseSubjectPublicKeyInfo, input)) return;
          // Whatever parses must be the one DER encoding of what was read.
          const { algorithm, subjectPublicKey } = decodeSubjectPublicKeyInfo(input);
          if (algorithm.parameters.kind === 'other')
            throw new Error('unsupported parameters parsed');
          expect(
            hex(encodeSubjectPublicKeyInfo(algorithm.oid, algorithm.parameters, subjectPublicKey)),
          ).toBe(hex(input));
        }),
        { seed: 5958, numRuns: 1000 },
      );
      fc.assert(
        fc.property(mutation(pair.privateKey), (input) => {
          if (!parsesOrThrowsDerError(parsePrivateKeyInfo, input)) return;
          const info = decodeOneAsymmetricKey(input);
          const { oid, parameters } = info.privateKeyAlgorithm;
          // v2 without a public key is valid too, but the encoder only writes v2 with one.
          const versionImplied = info.version === (info.publicKey === undefined ? 0 : 1);
          if (info.hasAttributes || parameters.kind === 'other' || !versionImplied) return;
          expect(
            hex(encodeOneAsymmetricKey(oid, parameters, info.privateKey, info.publicKey)),
          ).toBe(hex(input));
        }),
        { seed: 5915, numRuns: 1000 },
      );
    },
  );
});
