/** GetKeyPolicy, PutKeyPolicy, ListKeyPolicies; and the checks CreateKey makes of its Policy. */
import { KmsError } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { StoredKey } from '../../store/types.js';
import type { KmsContext } from '../context.js';
import { DEFAULT_POLICY_NAME, defaultKeyPolicy } from '../policy/default-policy.js';
import { allowsFuturePutKeyPolicy } from '../policy/evaluate.js';
import { checkKeyPolicy, LOCKOUT_MESSAGE } from '../policy/policy-document.js';

/** A key's policy: as stored, or AWS's default for keys stored before KMS Lab kept policies. */
export const policyOf = (kms: KmsContext, key: StoredKey): string =>
  key.policy ?? defaultKeyPolicy(kms.at.partition, kms.accountId);

/**
 * The checks of a new key policy (CreateKey's Policy, PutKeyPolicy): a well-formed document
 * within AWS's size limit that, unless the caller bypasses the safety check, lets the caller
 * change it again.
 */
export function checkNewKeyPolicy(
  kms: KmsContext,
  keyArn: string,
  policy: string,
  bypassLockoutSafetyCheck: boolean | undefined,
): void {
  const statements = checkKeyPolicy(policy);
  if (!bypassLockoutSafetyCheck && !allowsFuturePutKeyPolicy(statements, kms.caller, keyArn))
    throw new KmsError('MalformedPolicyDocumentException', LOCKOUT_MESSAGE);
}

/** AWS: "The only valid name is default." */
function checkPolicyName(kms: KmsContext, key: StoredKey, name: string | undefined): void {
  if (name !== undefined && name !== DEFAULT_POLICY_NAME)
    throw new KmsError(
      'NotFoundException',
      `No key policy named '${name}' is attached to ${kms.arn(key)}: the only key policy name is default.`,
    );
}

export function getKeyPolicy(kms: KmsContext, input: T.GetKeyPolicyCommandInput) {
  return kms.run('GetKeyPolicy', input, async () => {
    const key = await kms.resolve(input.KeyId as string, false);
    checkPolicyName(kms, key, input.PolicyName);
    return { Policy: policyOf(kms, key), PolicyName: DEFAULT_POLICY_NAME };
  });
}

export function putKeyPolicy(kms: KmsContext, input: T.PutKeyPolicyCommandInput) {
  return kms.run('PutKeyPolicy', input, async () => {
    await kms.update(
      input.KeyId as string,
      (key) => {
        checkPolicyName(kms, key, input.PolicyName);
        checkNewKeyPolicy(
          kms,
          kms.arn(key),
          input.Policy as string,
          input.BypassPolicyLockoutSafetyCheck,
        );
      },
      (key) => {
        key.policy = input.Policy as string;
      },
    );
    return {};
  });
}

export function listKeyPolicies(kms: KmsContext, input: T.ListKeyPoliciesCommandInput) {
  return kms.run('ListKeyPolicies', input, async () => {
    await kms.resolve(input.KeyId as string, false);
    const { page, truncated, nextMarker } = kms.paginate(
      [DEFAULT_POLICY_NAME],
      input.Limit,
      input.Marker,
    );
    return { PolicyNames: page, Truncated: truncated, NextMarker: nextMarker };
  });
}
