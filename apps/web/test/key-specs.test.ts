import { createKms, KeyUsageType } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import {
  ALL_KEY_SPECS,
  isImportableSpec,
  isPostQuantum,
  KEY_SPEC_GROUPS,
  usagesOf,
} from '../src/features/keys/key-specs';

describe("the Create form's Key spec and Key usage options", () => {
  it('offer exactly the KeySpec and KeyUsage pairs the engine accepts', async () => {
    // CreateKey stops where it asks for the key pair: every pair is checked in milliseconds,
    // without generating RSA keys.
    const asked: string[] = [];
    const kms = createKms({
      generateKeyPair: async (spec) => {
        asked.push(spec);
        throw new Error('stop before making the key pair');
      },
    });
    const usages = Object.values(KeyUsageType);
    for (const spec of ALL_KEY_SPECS)
      for (const usage of usages) {
        const what = `${spec} ${usage}`;
        const outcome = await kms.createKey({ KeySpec: spec, KeyUsage: usage }).then(
          () => 'created',
          (error: Error) => error.name,
        );
        if (!usagesOf(spec).includes(usage)) expect(outcome, what).toBe('ValidationException');
        // Made from a seed, not by the key pair generator: the engine creates them outright.
        else if (spec === 'SYMMETRIC_DEFAULT' || spec.startsWith('HMAC_') || isPostQuantum(spec))
          expect(outcome, what).toBe('created');
        else {
          // Accepted: the engine went on to make a key pair of this spec.
          expect(outcome, what).toBe('KMSInternalException');
          expect(asked.at(-1), what).toBe(spec);
        }
      }
  });

  it('list every spec once, the post-quantum ones in a group of their own', () => {
    const listed = KEY_SPEC_GROUPS.flatMap((group) => group.specs);
    expect([...listed].sort()).toEqual([...ALL_KEY_SPECS].sort());
    const postQuantum = KEY_SPEC_GROUPS.find((group) => group.label.startsWith('Post-quantum'));
    expect(postQuantum?.specs).toEqual([
      'ML_DSA_44',
      'ML_DSA_65',
      'ML_DSA_87',
      'ML_KEM_512',
      'ML_KEM_768',
      'ML_KEM_1024',
    ]);
    expect(ALL_KEY_SPECS.filter(isPostQuantum)).toEqual(postQuantum?.specs);
    expect(usagesOf('ML_DSA_65')).toEqual(['SIGN_VERIFY']);
    expect(usagesOf('ML_KEM_1024')).toEqual(['ENCAPSULATE_DECAPSULATE']);
    expect(usagesOf('SYMMETRIC_DEFAULT')).toEqual(['ENCRYPT_DECRYPT']);
    expect(usagesOf('SM2')).toEqual(['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT']);
  });

  it('offer Origin EXTERNAL for exactly the specs whose material the engine imports', async () => {
    const kms = createKms();
    for (const spec of ALL_KEY_SPECS) {
      const outcome = await kms
        .createKey({ KeySpec: spec, KeyUsage: usagesOf(spec)[0], Origin: 'EXTERNAL' })
        .then(
          (created) => created.KeyMetadata?.KeyState,
          (error: Error) => error.name,
        );
      expect(outcome, spec).toBe(
        isImportableSpec(spec) ? 'PendingImport' : 'UnsupportedOperationException',
      );
    }
  });
});
