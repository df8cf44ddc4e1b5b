/**
 * Opt-in enforcement of key policies and grants: `enforcePolicies(kms, caller)` is the engine
 * as one caller sees it, refusing with AccessDeniedException (in AWS's words) what the key's
 * policy and grants do not allow that caller (authorize.ts). A server makes one per request
 * from the principal its credentials map to; without enforcement the engine stores policies
 * and grants and returns them, and allows everything.
 *
 * The key policy lockout check of PutKeyPolicy and CreateKey is made here for the real caller
 * (the engine on its own checks it for the account's root).
 */

import { KmsError } from '../../errors.js';
import { EMULATED_OPERATIONS } from '../../model/model.generated.js';
import { validateInput } from '../../model/validate.js';
import { asKmsError } from '../context.js';
import type { Kms } from '../kms.js';
import { authorize } from './authorize.js';
import { allowsFuturePutKeyPolicy } from './evaluate.js';
import { checkKeyPolicy, LOCKOUT_MESSAGE } from './policy-document.js';

type Input = Record<string, unknown>;
const emulated = new Set<string>(EMULATED_OPERATIONS);

/** The lockout safety check for `caller`; the engine is then told the check was made. */
function lockoutChecked(kms: Kms, caller: string, operation: string, input: Input): Input {
  if (
    (operation !== 'PutKeyPolicy' && operation !== 'CreateKey') ||
    typeof input.Policy !== 'string'
  )
    return input;
  if (input.BypassPolicyLockoutSafetyCheck) return input;
  let statements: ReturnType<typeof checkKeyPolicy>;
  try {
    statements = checkKeyPolicy(input.Policy);
  } catch {
    return input; // the engine answers for a malformed policy
  }
  // A key CreateKey has not made yet can only be named by a wildcard or "*".
  const keyArn =
    operation === 'CreateKey'
      ? `arn:aws:kms:${kms.region}:${kms.accountId}:key/*`
      : (input.KeyId as string);
  if (!allowsFuturePutKeyPolicy(statements, caller, keyArn))
    throw new KmsError('MalformedPolicyDocumentException', LOCKOUT_MESSAGE);
  return { ...input, BypassPolicyLockoutSafetyCheck: true };
}

async function keyArnOf(kms: Kms, keyId: unknown): Promise<unknown> {
  if (typeof keyId !== 'string') return keyId;
  try {
    return (await kms.describeKey({ KeyId: keyId })).KeyMetadata?.Arn ?? keyId;
  } catch {
    return keyId;
  }
}

/** The engine as `caller` (an IAM ARN) sees it when key policies and grants are enforced. */
export function enforcePolicies(kms: Kms, caller: string): Kms {
  return new Proxy(kms, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      const operation = `${property.charAt(0).toUpperCase()}${property.slice(1)}`;
      const method = value as (input: unknown) => Promise<unknown>;
      if (!emulated.has(operation)) return method.bind(target);
      return async (given: unknown = {}) => {
        let input = given as Input;
        try {
          validateInput(operation as never, input);
        } catch {
          return method.call(target, given); // the engine answers ValidationException
        }
        try {
          await authorize(target, caller, operation, input);
          if (operation === 'PutKeyPolicy')
            input = lockoutChecked(target, caller, operation, {
              ...input,
              KeyId: await keyArnOf(target, input.KeyId),
            });
          else input = lockoutChecked(target, caller, operation, input);
        } catch (error) {
          throw asKmsError(error);
        }
        return method.call(target, input);
      };
    },
  });
}
