/**
 * ML-DSA and ML-KEM keys in DER: known answers from the IETF LAMPS drafts' example keys (made
 * by other implementations from the seed 00 01 02 ...), which both check ML-DSA.KeyGen and
 * ML-KEM.KeyGen of @noble/post-quantum and our encoding byte for byte; the three forms of the
 * private key CHOICE; and precise rejection of anything else.
 */
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { describe, expect, it } from 'vitest';
import { DerError } from '../src/der/asn1.js';
import {
  decodeModuleLatticePrivateKey,
  encodeModuleLatticeKeyPair,
  encodeModuleLatticePrivateKey,
  MODULE_LATTICE_PARAMETER_SETS,
  type ModuleLatticeParameterSet,
  moduleLatticeParameterSet,
  parseModuleLatticePrivateKeyInfo,
  parseModuleLatticePublicKey,
} from '../src/der/module-lattice-key.js';
import { describeOid, ID_ALG_ML_KEM_768, ID_ED25519, ID_ML_DSA_44 } from '../src/der/oids.js';
import { encodeOneAsymmetricKey } from '../src/der/private-key-info.js';
import { encodeSubjectPublicKeyInfo } from '../src/der/subject-public-key-info.js';
import vectors from './vectors/module-lattice-keys.json' with { type: 'json' };

type Name = ModuleLatticeParameterSet['name'];
const KEY_GENERATION = {
  'ML-DSA-44': ml_dsa44,
  'ML-DSA-65': ml_dsa65,
  'ML-DSA-87': ml_dsa87,
  'ML-KEM-512': ml_kem512,
  'ML-KEM-768': ml_kem768,
  'ML-KEM-1024': ml_kem1024,
} as const;

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a DerError');
}

describe.each(vectors.vectors)('$parameterSet, the LAMPS example key', (vector) => {
  const name = vector.parameterSet as Name;
  const seed = fromHex(vector.seed);
  const spki = fromBase64(vector.spki);
  const pkcs8 = fromBase64(vector.pkcs8Seed);

  it('KeyGen from the seed and our encoding give the example SPKI and PKCS #8 exactly', () => {
    const { publicKey } = KEY_GENERATION[name].keygen(seed);
    const pair = encodeModuleLatticeKeyPair(name, seed, publicKey);
    expect(Buffer.from(pair.publicKey).toString('base64')).toBe(vector.spki);
    expect(Buffer.from(pair.privateKey).toString('base64')).toBe(vector.pkcs8Seed);
    // draft-ietf-lamps-kyber-certificates: "86 bytes" for every ML-KEM seed key; 54 for ML-DSA.
    expect(pkcs8).toHaveLength(name.startsWith('ML-KEM') ? 86 : 54);
  });

  it('parses back to the parameter set, the seed and the public key', () => {
    const parsedPublic = parseModuleLatticePublicKey(spki);
    expect(parsedPublic.parameterSet.name).toBe(name);
    expect(parsedPublic.publicKey).toEqual(KEY_GENERATION[name].keygen(seed).publicKey);
    const parsedPrivate = parseModuleLatticePrivateKeyInfo(pkcs8);
    expect(parsedPrivate).toEqual({
      parameterSet: moduleLatticeParameterSet(name),
      seed,
      expandedKey: undefined,
      publicKey: undefined,
    });
  });
});

const WITH_EXPANDED_FORMS = vectors.vectors.filter((vector) => vector.pkcs8Both !== undefined);

describe.each(WITH_EXPANDED_FORMS)('$parameterSet, the LAMPS example’s other forms', (vector) => {
  it('reads the expandedKey and both forms: the expanded key is KeyGen’s', () => {
    const name = vector.parameterSet as Name;
    const seed = fromHex(vector.seed);
    const expanded = parseModuleLatticePrivateKeyInfo(fromBase64(vector.pkcs8Expanded as string));
    const both = parseModuleLatticePrivateKeyInfo(fromBase64(vector.pkcs8Both as string));
    const { secretKey } = KEY_GENERATION[name].keygen(seed);
    expect(expanded.seed).toBeUndefined();
    expect(expanded.expandedKey).toEqual(secretKey);
    expect(both.seed).toEqual(seed);
    expect(both.expandedKey).toEqual(secretKey);
  });
});

describe('ML-DSA and ML-KEM DER: what is refused', () => {
  const [dsa44, , , , kem768] = MODULE_LATTICE_PARAMETER_SETS as [
    ModuleLatticeParameterSet,
    ...ModuleLatticeParameterSet[],
  ];
  const publicKey = new Uint8Array(1184);
  const seed = new Uint8Array(64).fill(7);

  it('the seed alternative is [0] IMPLICIT OCTET STRING: tag 0x80', () => {
    const der = encodeModuleLatticePrivateKey('ML-KEM-768', seed);
    expect(Buffer.from(der.subarray(0, 2)).toString('hex')).toBe('8040');
    expect(decodeModuleLatticePrivateKey('ML-KEM-768', der).seed).toEqual(seed);
  });

  it('sizes are the parameter set’s (SIZE constraints), when writing and reading', () => {
    expect(failure(() => encodeModuleLatticePrivateKey('ML-DSA-65', seed)).message).toBe(
      'ML-DSA-65 seed must be 32 bytes (SIZE (32)), got 64',
    );
    expect(
      failure(() => encodeModuleLatticeKeyPair('ML-KEM-512', seed, publicKey)).message,
    ).toContain('ML-KEM-512 public key must be 800 bytes');
    const shortSeed = encodeModuleLatticePrivateKey('ML-DSA-44', new Uint8Array(32));
    expect(failure(() => decodeModuleLatticePrivateKey('ML-KEM-512', shortSeed)).message).toBe(
      'ML-KEM-512-PrivateKey seed must be 64 bytes (SIZE (64)), got 32',
    );
    const wrongPublic = encodeSubjectPublicKeyInfo(
      ID_ALG_ML_KEM_768,
      { kind: 'absent' },
      publicKey.subarray(1),
    );
    expect(failure(() => parseModuleLatticePublicKey(wrongPublic))).toBeInstanceOf(DerError);
  });

  it('parameters must be absent, and the algorithm ML-DSA or ML-KEM', () => {
    const withNull = encodeSubjectPublicKeyInfo(kem768?.oid as string, { kind: 'null' }, publicKey);
    expect(failure(() => parseModuleLatticePublicKey(withNull)).message).toBe(
      'SubjectPublicKeyInfo: ML-KEM-768 parameters must be absent ("PARAMS ARE absent")',
    );
    const ed25519 = encodeOneAsymmetricKey(ID_ED25519, { kind: 'absent' }, seed);
    expect(failure(() => parseModuleLatticePrivateKeyInfo(ed25519)).message).toBe(
      `PrivateKeyInfo: ${describeOid(ID_ED25519)} is not ML-DSA or ML-KEM`,
    );
    expect(describeOid(dsa44.oid)).toBe(`id-ml-dsa-44 (${ID_ML_DSA_44})`);
  });

  it('anything but the three CHOICE alternatives, in DER, is a DerError', () => {
    const seed32 = new Uint8Array(32).fill(1);
    const seedHex = Buffer.from(seed32).toString('hex');
    for (const candidate of [
      `a020${seedHex}`, // [0] constructed
      `8120${seedHex}`, // [1]
      `0220${seedHex}`, // INTEGER
      `8020${seedHex}00`, // a trailing byte
      `80810020${seedHex}`.slice(0, 8), // a truncated long form
      `3022${`0420${seedHex}`}`, // both, without the expandedKey
    ])
      expect(
        failure(() => decodeModuleLatticePrivateKey('ML-DSA-44', fromHex(candidate))),
      ).toBeInstanceOf(DerError);
  });
});
