import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DerError, outlineDer } from '../src/index.js';

describe('outlineDer', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pkcs8 = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));

  it('gives the offsets of an OpenSSL PKCS #8 and its nested elements', () => {
    const [top] = outlineDer(pkcs8);
    expect(top).toMatchObject({ tagClass: 0, constructed: true, tagNumber: 16, start: 0 });
    expect(top?.end).toBe(pkcs8.length);
    const fields = outlineDer(pkcs8, top?.contentStart, top?.end);
    expect(fields.map((field) => field.tagNumber)).toEqual([2, 16, 4]);
    // Each field starts where the previous one ends, and the last ends with the parent.
    fields.forEach((field, i) => {
      expect(field.start).toBe(i === 0 ? top?.contentStart : fields[i - 1]?.end);
    });
    expect(fields.at(-1)?.end).toBe(top?.end);
    const algorithm = outlineDer(pkcs8, fields[1]?.contentStart, fields[1]?.end);
    expect(algorithm.map((element) => element.oid)).toEqual([
      '1.2.840.10045.2.1',
      '1.2.840.10045.3.1.7',
    ]);
    // The OCTET STRING holds the ECPrivateKey, itself DER that node:crypto wrote.
    const octets = fields[2] as NonNullable<(typeof fields)[2]>;
    const [ecPrivateKey] = outlineDer(pkcs8, octets.contentStart, octets.end);
    expect(ecPrivateKey?.tagNumber).toBe(16);
    const inner = outlineDer(pkcs8, ecPrivateKey?.contentStart, ecPrivateKey?.end);
    expect(inner.map(({ tagClass, tagNumber }) => [tagClass, tagNumber])).toContainEqual([2, 1]);
  });

  it('refuses truncated bytes and indefinite lengths with DerError', () => {
    expect(() => outlineDer(pkcs8.subarray(0, pkcs8.length - 1))).toThrow(DerError);
    expect(() => outlineDer(Uint8Array.of(0x30, 0x80, 0x05, 0x00, 0x00, 0x00))).toThrow(
      /indefinite length/,
    );
  });
});
