import { createKms, GrantOperation } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import { grantOperationsFor, takesContextConstraints } from '../src/features/keys/grant-operations';

/** One key of each kind a grant's operations depend on: key usage, and symmetric or not. */
const KINDS = [
  { KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT' },
  { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' },
  { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
  { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' },
  { KeySpec: 'ML_KEM_512', KeyUsage: 'ENCAPSULATE_DECAPSULATE' },
  { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
] as const;

const GRANTEE = 'arn:aws:iam::111122223333:role/Worker';

describe("the Grants form's operations", () => {
  it('are exactly the operations the engine accepts in a grant on each kind of key', async () => {
    const kms = createKms();
    for (const kind of KINDS) {
      const created = await kms.createKey(kind);
      const KeyId = created.KeyMetadata?.KeyId as string;
      const accepted: string[] = [];
      for (const operation of Object.values(GrantOperation)) {
        const outcome = await kms
          .createGrant({ KeyId, GranteePrincipal: GRANTEE, Operations: [operation] })
          .then(
            () => 'created',
            (error: Error) => error.name,
          );
        if (outcome === 'created') accepted.push(operation);
        else expect(outcome, `${kind.KeySpec} ${operation}`).toBe('ValidationException');
      }
      expect(
        [...grantOperationsFor(kind.KeySpec, kind.KeyUsage)].sort(),
        `${kind.KeySpec} ${kind.KeyUsage}`,
      ).toEqual(accepted.sort());
    }
  });

  it('offer an encryption context constraint only where the engine accepts one', async () => {
    const kms = createKms();
    for (const kind of KINDS) {
      const created = await kms.createKey(kind);
      const KeyId = created.KeyMetadata?.KeyId as string;
      const outcome = await kms
        .createGrant({
          KeyId,
          GranteePrincipal: GRANTEE,
          Operations: ['DescribeKey'],
          Constraints: { EncryptionContextSubset: { tenant: 'acme' } },
        })
        .then(
          () => 'created',
          (error: Error) => error.name,
        );
      expect(outcome, kind.KeySpec).toBe(
        takesContextConstraints(kind.KeySpec) ? 'created' : 'ValidationException',
      );
    }
  });
});
