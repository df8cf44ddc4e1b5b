/**
 * PEM (RFC 7468): round trips, agreement with node:crypto, tolerated whitespace, and clear
 * errors for everything else; fuzzed with a fixed seed.
 */
import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPem, PemError, type PemLabel, toPem } from '../src/der/pem.js';

const hex = (data: Uint8Array) => Buffer.from(data).toString('hex');

const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spkiDer = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
const pkcs8Der = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));
const spkiPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();

const BODY = 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=';
const block = (body: string, begin = 'PUBLIC KEY', end = begin) =>
  `-----BEGIN ${begin}-----\n${body}\n-----END ${end}-----\n`;

describe('toPem', () => {
  it('writes what OpenSSL writes', () => {
    expect(toPem(spkiDer, 'PUBLIC KEY')).toBe(spkiPem);
    expect(toPem(pkcs8Der, 'PRIVATE KEY')).toBe(
      privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    );
  });

  it('round-trips any DER in 64-character lines', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 600 }),
        fc.constantFrom<PemLabel>('PUBLIC KEY', 'PRIVATE KEY'),
        (der, label) => {
          const pem = toPem(der, label);
          const lines = pem.trimEnd().split('\n');
          expect(lines[0]).toBe(`-----BEGIN ${label}-----`);
          expect(lines.at(-1)).toBe(`-----END ${label}-----`);
          const body = lines.slice(1, -1);
          for (const line of body.slice(0, -1)) expect(line).toHaveLength(64);
          expect(body.at(-1)?.length).toBeLessThanOrEqual(64);
          const parsed = fromPem(pem, label);
          expect(parsed.label).toBe(label);
          expect(hex(parsed.der)).toBe(hex(der));
        },
      ),
      { seed: 7468, numRuns: 300 },
    );
  });

  it('refuses other labels and empty input', () => {
    expect(() => toPem(spkiDer, 'CERTIFICATE' as PemLabel)).toThrow(
      "PEM: unsupported label 'CERTIFICATE'",
    );
    expect(() => toPem(new Uint8Array(), 'PUBLIC KEY')).toThrow('PEM: no DER to encode');
  });
});

describe('fromPem', () => {
  it("reads OpenSSL's PEM", () => {
    expect(hex(fromPem(spkiPem, 'PUBLIC KEY').der)).toBe(hex(spkiDer));
    expect(fromPem(spkiPem).label).toBe('PUBLIC KEY');
  });

  it('tolerates CRLF and whitespace around the block and at line ends', () => {
    const crlf = spkiPem.replace(/\n/g, '\r\n');
    expect(hex(fromPem(crlf).der)).toBe(hex(spkiDer));
    expect(hex(fromPem(`\n\t  ${spkiPem}  \n\n`).der)).toBe(hex(spkiDer));
    expect(hex(fromPem(spkiPem.replace(/\n/g, ' \t\n')).der)).toBe(hex(spkiDer));
  });

  const errors: [string, string, string][] = [
    ['an empty string', '', "missing '-----BEGIN <label>-----' line"],
    ['no BEGIN line', BODY, "missing '-----BEGIN <label>-----' line"],
    [
      'text before BEGIN',
      `Subject: me\n${block(BODY)}`,
      'text before the BEGIN line is not allowed',
    ],
    [
      'a missing footer',
      `-----BEGIN PUBLIC KEY-----\n${BODY}\n`,
      "missing '-----END PUBLIC KEY-----' line",
    ],
    [
      'a malformed footer',
      `-----BEGIN PUBLIC KEY-----\n${BODY}\n-----END PUBLIC KEY--`,
      'malformed END line',
    ],
    [
      'mismatched labels',
      block(BODY, 'PUBLIC KEY', 'PRIVATE KEY'),
      "END label 'PRIVATE KEY' does not match BEGIN label 'PUBLIC KEY'",
    ],
    ['text after END', `${block(BODY)}trailing`, 'text after the END line is not allowed'],
    ['two blocks', `${block(BODY)}${block(BODY)}`, 'text after the END line is not allowed'],
    [
      'an unsupported label',
      block(BODY, 'CERTIFICATE'),
      "unsupported label 'CERTIFICATE' (expected PUBLIC KEY or PRIVATE KEY)",
    ],
    [
      'an RSA PRIVATE KEY (PKCS #1) label',
      block(BODY, 'RSA PRIVATE KEY'),
      "unsupported label 'RSA PRIVATE KEY'",
    ],
    ['an empty body', '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----', 'the body is empty'],
    ['a blank line in the body', spkiPem.replace(/\n(?=.{64}\n)/, '\n\n'), 'line 2 is blank'],
    ['a non-base64 character', block(BODY.replace('Q', '*')), 'line 2 is not base64'],
    ['base64url characters', block(BODY.replace('Q', '_')), 'line 2 is not base64'],
    ['bad padding', block(BODY.replace('=', '')), 'invalid base64'],
    ['non-zero padding bits', block(BODY.replace('E=', 'F=')), 'invalid base64'],
    ['padding mid-body', block(`AAA=\n${BODY}`), 'line 2 has 4 characters'],
    [
      'a short line mid-body',
      block(`${BODY.slice(0, 40)}\n${BODY.slice(40)}`),
      'line 2 has 40 characters; RFC 7468 lines are 64',
    ],
    [
      'a line over 64',
      block(`${BODY}${BODY.slice(0, 8)}`.replace('=', 'A')),
      'line 2 has 68 characters',
    ],
    ['encapsulated headers', block(`Proc-Type: 4,ENCRYPTED\n${BODY}`), 'line 2 is a header'],
  ];

  it.each(errors)('rejects %s with a PemError', (_, text, message) => {
    expect(() => fromPem(text)).toThrow(PemError);
    expect(() => fromPem(text)).toThrow(message);
  });

  it('rejects a block of the wrong kind', () => {
    expect(() => fromPem(spkiPem, 'PRIVATE KEY')).toThrow(
      "PEM: expected a 'PRIVATE KEY' block, found 'PUBLIC KEY'",
    );
    expect(() => fromPem(42 as unknown as string)).toThrow('PEM: expected a string');
  });

  it('throws only PemError on arbitrary and mangled text', () => {
    const pemLike = fc
      .tuple(
        fc.constantFrom(spkiPem, toPem(pkcs8Der, 'PRIVATE KEY')),
        fc.nat(),
        fc.string({ maxLength: 3 }),
      )
      .map(([pem, at, insert]) => {
        const position = at % (pem.length + 1);
        return pem.slice(0, position) + insert + pem.slice(position + 1);
      });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), pemLike), (text) => {
        try {
          fromPem(text);
        } catch (error) {
          if (!(error instanceof PemError)) throw error;
        }
      }),
      { seed: 1421, numRuns: 1000 },
    );
  });
});
