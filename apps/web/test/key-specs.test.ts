import { createKms, KeyUsageType } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import {
  ALL_KEY_SPECS,
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

  it('list every spec once, the post-quantum ones disabled', () => {
    const listed = KEY_SPEC_GROUPS.flatMap((group) => group.specs);
    expect([...listed].sort()).toEqual([...ALL_KEY_SPECS].sort());
    for (const group of KEY_SPEC_GROUPS)
      for (const spec of group.specs) expect(group.disabled, spec).toBe(isPostQuantum(spec));
    expect(usagesOf('SYMMETRIC_DEFAULT')).toEqual(['ENCRYPT_DECRYPT']);
    expect(usagesOf('SM2')).toEqual(['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT']);
  });
});
