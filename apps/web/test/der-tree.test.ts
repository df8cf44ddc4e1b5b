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
