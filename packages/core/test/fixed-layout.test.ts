import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derOctetString, derSequence, derUnsignedInteger, encodeDer } from '../src/der/asn1.js';
import { encodeCurvePrivateKey } from '../src/der/curve-private-key.js';
import { encodeEcPrivateKey } from '../src/der/ec-private-key.js';
import { fixedLayoutEncoder } from '../src/der/fixed-layout.js';
import { encodeEcKeyPair, encodeEd25519KeyPair } from '../src/der/key-pair.js';
import {
  encodeModuleLatticeKeyPair,
  encodeModuleLatticePrivateKey,
  MODULE_LATTICE_PARAMETER_SETS,
  moduleLatticeParameterSet,
} from '../src/der/module-lattice-key.js';
import { ID_EC_PUBLIC_KEY, ID_ED25519 } from '../src/der/oids.js';
import { encodeOneAsymmetricKey } from '../src/der/private-key-info.js';
import { encodeSubjectPublicKeyInfo } from '../src/der/subject-public-key-info.js';
import { KEY_PAIR_SPECS, type SupportedDataKeyPairSpec } from '../src/index.js';

const EC_CURVES = (Object.keys(KEY_PAIR_SPECS) as SupportedDataKeyPairSpec[])
  .map((spec) => KEY_PAIR_SPECS[spec])
  .filter((info) => info.curveOid !== undefined)
  .map((info) => ({ spec: info.spec, curveOid: info.curveOid as string, bytes: info.keyBytes }));

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });

describe('fixed-layout DER templates', () => {
  // EC_CURVES leaves out Ed25519 and the ML-KEM specs (no curve): they have tests of their own below.
  it('covers every EC spec', () => {
    expect(EC_CURVES.map(({ spec }) => spec).sort()).toEqual(
      ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2'].sort(),
    );
  });

  for (const { spec, curveOid, bytes: size } of EC_CURVES) {
    it(`${spec}: the template gives exactly asn1js's encoding of every key`, () => {
      fc.assert(
        fc.property(bytes(size), bytes(2 * size), (privateKey, xy) => {
          const publicKey = Uint8Array.of(0x04, ...xy);
          const parameters = { kind: 'oid', oid: curveOid } as const;
          const fast = encodeEcKeyPair({ curveOid, privateKey, publicKey });
          expect(fast.publicKey).toEqual(
            encodeSubjectPublicKeyInfo(ID_EC_PUBLIC_KEY, parameters, publicKey),
          );
          expect(fast.privateKey).toEqual(
            encodeOneAsymmetricKey(
              ID_EC_PUBLIC_KEY,
              parameters,
              encodeEcPrivateKey({ privateKey, publicKey, curveOid }),
            ),
          );
        }),
        { numRuns: 50, seed: 20261127 },
      );
    });
  }

  it('Ed25519: the template gives exactly asn1js encoding of every key', () => {
    fc.assert(
      fc.property(bytes(32), bytes(32), (seed, publicKey) => {
        const fast = encodeEd25519KeyPair(seed, publicKey);
        const absent = { kind: 'absent' } as const;
        expect(fast.publicKey).toEqual(encodeSubjectPublicKeyInfo(ID_ED25519, absent, publicKey));
        expect(fast.privateKey).toEqual(
          encodeOneAsymmetricKey(ID_ED25519, absent, encodeCurvePrivateKey(seed)),
        );
      }),
      { numRuns: 50, seed: 20261127 },
    );
  });

  // ML-KEM data key pairs (and ML-DSA and ML-KEM KMS keys): SPKI and seed-form PKCS #8.
  for (const set of MODULE_LATTICE_PARAMETER_SETS) {
    it(`${set.name}: the template gives exactly asn1js's encoding of every key`, () => {
      const absent = { kind: 'absent' } as const;
      fc.assert(
        fc.property(bytes(set.seedBytes), bytes(set.publicKeyBytes), (seed, publicKey) => {
          const fast = encodeModuleLatticeKeyPair(set.name, seed, publicKey);
          expect(fast.publicKey).toEqual(encodeSubjectPublicKeyInfo(set.oid, absent, publicKey));
          expect(fast.privateKey).toEqual(
            encodeOneAsymmetricKey(set.oid, absent, encodeModuleLatticePrivateKey(set.name, seed)),
          );
        }),
        { numRuns: 20, seed: 20261129 },
      );
    });
  }

  it('covers every ML-KEM data key pair spec', () => {
    const mlKem = (Object.keys(KEY_PAIR_SPECS) as SupportedDataKeyPairSpec[]).flatMap((spec) => {
      const info = KEY_PAIR_SPECS[spec];
      return info.family === 'ml-kem' ? [info.parameterSet] : [];
    });
    expect(mlKem).toEqual(['ML-KEM-512', 'ML-KEM-768', 'ML-KEM-1024']);
    for (const name of mlKem) expect(moduleLatticeParameterSet(name)).toBeDefined();
  });

  it('refuses a structure whose layout depends on its values', () => {
    // An INTEGER drops leading zeros, so its length follows its value.
    const integer = ({ n }: { n: Uint8Array }) => encodeDer(derSequence([derUnsignedInteger(n)]));
    expect(() => fixedLayoutEncoder(integer, { n: new Uint8Array(8).fill(1) })).toThrow(
      /does not sit at one fixed place/,
    );
  });

  it('refuses values of another length or prefix than the template', () => {
    const octets = ({ v }: { v: Uint8Array }) => encodeDer(derSequence([derOctetString(v)]));
    const encode = fixedLayoutEncoder(octets, { v: Uint8Array.of(4, 1, 1) }, { v: 1 });
    expect(encode({ v: Uint8Array.of(4, 9, 8) })).toEqual(octets({ v: Uint8Array.of(4, 9, 8) }));
    expect(() => encode({ v: Uint8Array.of(4, 9) })).toThrow(/must be 3 bytes/);
    expect(() => encode({ v: Uint8Array.of(2, 9, 8) })).toThrow(/prefix/);
  });
});
