import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derTree, flatten, PRIVATE_KEY_INFO, SUBJECT_PUBLIC_KEY_INFO } from '../src/asn1/der-tree';

function der(type: 'ec' | 'rsa' | 'ed25519', options: object = {}) {
  const pair = generateKeyPairSync(type as 'ec', options as { namedCurve: string });
  return {
    spki: new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' })),
    pkcs8: new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' })),
  };
}

const names = (bytes: Uint8Array, schema = SUBJECT_PUBLIC_KEY_INFO) =>
  flatten(derTree(bytes, schema)).map((node) => `${node.name}|${node.summary}`);

describe('derTree', () => {
  it('names a P-256 SubjectPublicKeyInfo (OpenSSL DER) with its OIDs', () => {
    const { spki } = der('ec', { namedCurve: 'P-256' });
    expect(names(spki)).toEqual([
      'SubjectPublicKeyInfo|',
      'algorithm AlgorithmIdentifier|',
      'algorithm|id-ecPublicKey (1.2.840.10045.2.1)',
      'parameters|secp256r1 (NIST P-256) (1.2.840.10045.3.1.7)',
      'subjectPublicKey|65 bytes',
    ]);
  });

  it('keeps byte ranges that point at the element in the DER', () => {
    const { spki } = der('ec', { namedCurve: 'P-256' });
    const nodes = flatten(derTree(spki, SUBJECT_PUBLIC_KEY_INFO));
    expect(nodes[0]).toMatchObject({ start: 0, end: spki.length });
    const point = nodes.find((node) => node.name === 'subjectPublicKey');
    // BIT STRING: tag 03, length 66, 0 unused bits, then the uncompressed point 04 || x || y.
    expect(spki[point?.start as number]).toBe(0x03);
    expect(point?.end).toBe(spki.length);
    expect(spki[(point?.contentStart as number) + 1]).toBe(0x04);
    const curve = nodes.find((node) => node.name === 'parameters');
    expect(curve?.summary).toContain('1.2.840.10045.3.1.7');
  });

  it('opens the RSAPublicKey inside the BIT STRING and the RSAPrivateKey inside PKCS #8', () => {
    const { spki, pkcs8 } = der('rsa', { modulusLength: 2048 });
    expect(names(spki)).toContain('modulus|2048-bit integer');
    expect(names(spki)).toContain('publicExponent|65537');
    expect(names(spki)).toContain('parameters|');
    const privateNames = names(pkcs8, PRIVATE_KEY_INFO).map((each) => each.split('|')[0]);
    expect(privateNames).toEqual([
      'PrivateKeyInfo',
      'version',
      'privateKeyAlgorithm AlgorithmIdentifier',
      'algorithm',
      'parameters',
      'privateKey',
      'RSAPrivateKey',
      'version',
      'modulus',
      'publicExponent',
      'privateExponent',
      'prime1',
      'prime2',
      'exponent1',
      'exponent2',
      'coefficient',
    ]);
  });

  it('names ECPrivateKey fields, skipping its absent [0] parameters (OpenSSL PKCS #8)', () => {
    const { pkcs8 } = der('ec', { namedCurve: 'secp256k1' });
    const found = names(pkcs8, PRIVATE_KEY_INFO);
    expect(found).toContain('parameters|secp256k1 (1.3.132.0.10)');
    expect(found.map((each) => each.split('|')[0])).toEqual(
      expect.arrayContaining(['ECPrivateKey', 'privateKey', 'publicKey ECPoint', 'publicKey']),
    );
    expect(found).not.toContain('parameters ECParameters|');
  });

  it('names the Ed25519 CurvePrivateKey', () => {
    const { pkcs8 } = der('ed25519');
    const found = names(pkcs8, PRIVATE_KEY_INFO);
    expect(found).toContain('algorithm|id-Ed25519 (1.3.101.112)');
    expect(found).toContain('CurvePrivateKey|32 bytes');
  });

  it('rejects trailing bytes and truncated input with the byte offset', () => {
    const { spki } = der('ec', { namedCurve: 'P-256' });
    expect(() => derTree(Uint8Array.of(...spki, 0))).toThrow(/1 bytes follow/);
    expect(() => derTree(spki.subarray(0, 40))).toThrow(/malformed DER at byte 0/);
    expect(() => derTree(Uint8Array.of(0x30))).toThrow(/malformed DER at byte 0/);
  });
});

describe('derTree on ML-KEM and ML-DSA keys (IETF LAMPS seed form)', () => {
  it('names the ML-KEM OID, the encapsulation key and the 64-byte seed d || z', async () => {
    const { generateKeyPair } = await import('@kms-lab/core');
    const pair = await generateKeyPair('ML_KEM_768', globalThis.crypto);
    expect(pair.privateKey.length).toBe(86);
    expect(names(pair.publicKey)).toEqual([
      'SubjectPublicKeyInfo|',
      'algorithm AlgorithmIdentifier|',
      'algorithm|id-alg-ml-kem-768 (2.16.840.1.101.3.4.4.2)',
      'subjectPublicKey|1184 bytes: the ML-KEM-768 encapsulation key ek (FIPS 203)',
    ]);
    expect(names(pair.privateKey, PRIVATE_KEY_INFO)).toEqual([
      'PrivateKeyInfo|',
      'version|0',
      'privateKeyAlgorithm AlgorithmIdentifier|',
      'algorithm|id-alg-ml-kem-768 (2.16.840.1.101.3.4.4.2)',
      'privateKey|66 bytes',
      "seed [0] IMPLICIT OCTET STRING|64 bytes: d || z, ML-KEM.KeyGen's two 32-byte seeds (FIPS 203)",
    ]);
    const seed = flatten(derTree(pair.privateKey, PRIVATE_KEY_INFO)).at(-1);
    // IMPLICIT [0], primitive: tag 0x80, length 64, then the seed: the DER's last 64 bytes.
    expect(seed).toMatchObject({ type: '[0]', start: 20, contentStart: 22, end: 86 });
    expect(pair.privateKey[20]).toBe(0x80);
  });

  it('names every ML-KEM level and each ML-DSA key GetPublicKey returns', async () => {
    const { createKms, generateKeyPair } = await import('@kms-lab/core');
    for (const [spec, oid] of [
      ['ML_KEM_512', 'id-alg-ml-kem-512 (2.16.840.1.101.3.4.4.1)'],
      ['ML_KEM_1024', 'id-alg-ml-kem-1024 (2.16.840.1.101.3.4.4.3)'],
    ] as const) {
      const pair = await generateKeyPair(spec, globalThis.crypto);
      expect(names(pair.publicKey)[2]).toBe(`algorithm|${oid}`);
      expect(pair.privateKey.length).toBe(86);
      expect(names(pair.privateKey, PRIVATE_KEY_INFO).at(-1)).toMatch(
        /^seed .*\|64 bytes: d \|\| z/,
      );
    }
    const kms = createKms();
    for (const [spec, oid, bytes] of [
      ['ML_DSA_44', 'id-ml-dsa-44 (2.16.840.1.101.3.4.3.17)', 1312],
      ['ML_DSA_65', 'id-ml-dsa-65 (2.16.840.1.101.3.4.3.18)', 1952],
      ['ML_DSA_87', 'id-ml-dsa-87 (2.16.840.1.101.3.4.3.19)', 2592],
    ] as const) {
      const { KeyMetadata } = await kms.createKey({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
      const { PublicKey } = await kms.getPublicKey({ KeyId: KeyMetadata?.KeyId as string });
      expect(names(PublicKey as Uint8Array).slice(2)).toEqual([
        `algorithm|${oid}`,
        `subjectPublicKey|${bytes} bytes: the ${spec.replaceAll('_', '-')} public key pk (FIPS 204)`,
      ]);
    }
  });

  it('names the expandedKey and both alternatives of the ML-KEM private key CHOICE', async () => {
    const { encodeOneAsymmetricKey, ID_ALG_ML_KEM_768 } = await import('@kms-lab/core');
    // DER by hand: OCTET STRING (SIZE (2400)) and SEQUENCE { seed, expandedKey }.
    const dk = Uint8Array.of(0x04, 0x82, 0x09, 0x60, ...new Uint8Array(2400));
    const seed = Uint8Array.of(0x04, 0x40, ...new Uint8Array(64).fill(1));
    const both = Uint8Array.of(0x30, 0x82, 0x09, 0xa6, ...seed, ...dk);
    const absent = { kind: 'absent' } as const;
    const named = (privateKey: Uint8Array) =>
      names(encodeOneAsymmetricKey(ID_ALG_ML_KEM_768, absent, privateKey), PRIVATE_KEY_INFO).slice(
        5,
      );
    expect(named(dk)).toEqual([
      'expandedKey OCTET STRING|2400 bytes: the decapsulation key dk (FIPS 203)',
    ]);
    expect(named(both)).toEqual([
      'both SEQUENCE|',
      "seed|64 bytes: d || z, ML-KEM.KeyGen's two 32-byte seeds (FIPS 203)",
      'expandedKey|2400 bytes: the decapsulation key dk (FIPS 203)',
    ]);
  });

  it("names an ML-DSA private key's 32-byte seed ξ", async () => {
    const { encodeModuleLatticeKeyPair } = await import('@kms-lab/core');
    const { privateKey } = encodeModuleLatticeKeyPair(
      'ML-DSA-65',
      new Uint8Array(32).fill(7),
      new Uint8Array(1952),
    );
    expect(names(privateKey, PRIVATE_KEY_INFO).slice(3)).toEqual([
      'algorithm|id-ml-dsa-65 (2.16.840.1.101.3.4.3.18)',
      'privateKey|34 bytes',
      "seed [0] IMPLICIT OCTET STRING|32 bytes: ξ, ML-DSA.KeyGen's seed (FIPS 204)",
    ]);
  });
});

describe('derTree on the engine’s own key pairs', () => {
  it('names every element of every data key pair spec, public and private', async () => {
    const { generateKeyPair, KEY_PAIR_SPECS } = await import('@kms-lab/core');
    for (const spec of Object.keys(KEY_PAIR_SPECS) as (keyof typeof KEY_PAIR_SPECS)[]) {
      if (spec === 'RSA_3072' || spec === 'RSA_4096') continue; // same schema as RSA_2048, slow
      const pair = await generateKeyPair(spec, globalThis.crypto);
      for (const [der, schema] of [
        [pair.publicKey, SUBJECT_PUBLIC_KEY_INFO],
        [pair.privateKey, PRIVATE_KEY_INFO],
      ] as const) {
        const nodes = flatten(derTree(der, schema));
        // A node without a schema name is named by its bare type, e.g. "SEQUENCE".
        const unnamed = nodes.filter((node) => node.name === node.type).map((node) => node.type);
        expect({ spec, schema: schema.name, unnamed }).toEqual({
          spec,
          schema: schema.name,
          unnamed: [],
        });
      }
    }
  });
});
