import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type LabFile, LabFileError, parseLabFile } from '../src/lab-file/format';

/** The example of docs/lab-state-format.md: the documentation and the reader agree. */
const DOC = readFileSync(
  fileURLToPath(new URL('../../../docs/lab-state-format.md', import.meta.url)),
  'utf8',
);
const EXAMPLE = /```json\n([\s\S]*?)\n```/.exec(DOC)?.[1] as string;

const example = (): LabFile => JSON.parse(EXAMPLE);
const refusal = (file: unknown) => {
  try {
    parseLabFile(typeof file === 'string' ? file : JSON.stringify(file));
  } catch (error) {
    expect(error).toBeInstanceOf(LabFileError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
};

describe('lab file format', () => {
  it("accepts the documentation's example as it is", () => {
    const file = parseLabFile(EXAMPLE);
    expect(file.keys[0]?.materials[0]?.material).toBe(
      'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
    );
    expect(file.history.map((entry) => entry.matchedHistoryId)).toEqual([undefined, 1]);
  });

  it('refuses what is not a lab file, and another version, saying so', () => {
    expect(refusal('{')).toBe('This is not a KMS Lab lab file: it is not JSON.');
    expect(refusal('[]')).toBe('This is not a KMS Lab lab file: it is not a JSON object.');
    expect(refusal({ ...example(), format: 'x' })).toBe(
      'This is not a KMS Lab lab file: its "format" is "x", not "kms-lab/lab-state".',
    );
    expect(refusal({ ...example(), version: 2 })).toBe(
      'This lab file is version 2; this KMS Lab reads version 1 only. Nothing was imported.',
    );
    expect(refusal({ ...example(), version: undefined })).toMatch(/is version \(none\)/);
  });

  it('refuses unknown fields, a plaintext private key above all, naming where', () => {
    const file = example();
    expect(refusal({ ...file, extra: 1 })).toMatch(/^This lab file is damaged: extra /);
    const history = [{ ...file.history[0], privateKeyPlaintext: 'AAAA' }];
    expect(refusal({ ...file, history })).toMatch(/damaged: history\.0\.privateKeyPlaintext/);
  });

  it('refuses values of the wrong form and references to nothing', () => {
    const file = example();
    const key = file.keys[0] as LabFile['keys'][number];
    const material = key.materials[0] as LabFile['keys'][number]['materials'][number];
    const withKey = (changes: object) => ({ ...file, keys: [{ ...key, ...changes }] });
    expect(refusal(withKey({ keyId: 'not-a-uuid' }))).toMatch(/keys\.0\.keyId must be a key ID/);
    expect(refusal(withKey({ keyUsage: 'SIGN_VERIFY' }))).toMatch(
      /KeyUsage its KeySpec does not allow/,
    );
    expect(refusal(withKey({ exportable: false }))).toMatch(
      /carries key material but is not exportable/,
    );
    expect(refusal(withKey({ tags: [] }))).toMatch(
      /is exportable but not .* with the kms-lab:exportable tag/,
    );
    expect(refusal(withKey({ materials: [{ ...material, material: 'AAAA' }] }))).toMatch(
      /must be 32 bytes/,
    );
    expect(refusal(withKey({ createdAt: '2026-13-45T00:00:00.000Z' }))).toMatch(
      /must be a real date/,
    );
    expect(
      refusal({
        ...file,
        aliases: [{ ...file.aliases[0], targetKeyId: '00000000-0000-4000-8000-000000000000' }],
      }),
    ).toMatch(
      /alias\/demo points to key 00000000-0000-4000-8000-000000000000, which is not in the file/,
    );
    expect(refusal({ ...file, journey: { ...file.journey, stored: [9] } })).toMatch(
      /the journey names history entry 9/,
    );
    expect(refusal({ ...file, history: [{ ...file.history[1], matchedHistoryId: 1 }] })).toMatch(
      /matches entry 1, which is not in the file/,
    );
  });
});
