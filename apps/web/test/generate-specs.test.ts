import { describe, expect, it } from 'vitest';
import { ALIBABA_SPECS, AWS_SPECS } from '../src/features/generate/specs';
import { keySizeNotes } from '../src/output/key-size-notes';

describe("the Generate screen's key pair specs", () => {
  it('offer ML-KEM for the AWS operations, and none for the Alibaba ones', () => {
    expect(AWS_SPECS).toHaveLength(12);
    expect(AWS_SPECS.slice(-3)).toEqual(['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024']);
    expect(ALIBABA_SPECS.filter((spec) => /KEM/i.test(spec))).toEqual([]);
  });

  it('say why an ML-KEM key is its size, and nothing for the other specs', () => {
    for (const [spec, ek] of [
      ['ML_KEM_512', '800-byte ML-KEM-512'],
      ['ML_KEM_1024', '1568-byte ML-KEM-1024'],
    ] as const) {
      const notes = keySizeNotes(spec);
      expect(notes.publicKey).toBe(`the ${ek} encapsulation key ek in a SubjectPublicKeyInfo`);
      expect(notes.privateKey).toMatch(
        /^86 bytes at every ML-KEM level \(512, 768 and 1024 alike\)/,
      );
    }
    expect(keySizeNotes('RSA_2048')).toEqual({});
    expect(keySizeNotes(undefined)).toEqual({});
  });
});
