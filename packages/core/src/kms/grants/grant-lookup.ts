/**
 * Grant tokens in requests. Every operation that takes GrantTokens accepts the tokens
 * CreateGrant returned while their grants exist; a token KMS Lab did not issue is
 * InvalidGrantTokenException, as is one whose grant was retired or revoked, or whose key was
 * deleted: AWS records no answer for those, and refusing them tells a test that it holds a
 * token that no longer gives anything. Policies and grants are not enforced unless the engine
 * is asked to (README), so a valid token changes nothing else.
 */
import { KmsError } from '../../errors.js';
import type { StoredGrant, StoredKey } from '../../store/types.js';
import type { KmsContext } from '../context.js';
import { type GrantTokenClaim, isGenuineGrantToken, readGrantToken } from './grant-tokens.js';

const invalidToken = (why: string) =>
  new KmsError('InvalidGrantTokenException', `The grant token is not valid: ${why}`);

/** A genuine token's key and grant; `grant` is undefined once the grant is retired or revoked. */
export interface GrantTokenTarget {
  key: StoredKey;
  claim: GrantTokenClaim;
  grant: StoredGrant | undefined;
}

/** Finds what a token names; a token KMS Lab did not issue (or whose key is gone) is refused. */
export async function findGrantByToken(kms: KmsContext, token: string): Promise<GrantTokenTarget> {
  const claim = readGrantToken(token);
  if (!claim) throw invalidToken('it is not a grant token that CreateGrant returned.');
  const key = await kms.findKey(claim.keyId);
  if (!key?.grantTokenKey || !isGenuineGrantToken(claim, key.grantTokenKey))
    throw invalidToken(
      key
        ? 'it is not a grant token that CreateGrant returned.'
        : `the KMS key of its grant (${kms.arn(claim.keyId)}) no longer exists.`,
    );
  return { key, claim, grant: key.grants?.find((grant) => grant.grantId === claim.grantId) };
}

/** The GrantTokens check of every operation that takes them (after the key's own checks). */
export async function checkGrantTokens(
  kms: KmsContext,
  tokens: readonly string[] | undefined,
): Promise<void> {
  for (const token of tokens ?? []) {
    const { claim, grant } = await findGrantByToken(kms, token);
    if (!grant) throw invalidToken(`its grant ${claim.grantId} was retired or revoked.`);
  }
}
