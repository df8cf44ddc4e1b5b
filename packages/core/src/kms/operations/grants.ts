/** CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant. */
import { bytesToHex } from '@noble/hashes/utils.js';
import { KmsError } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { StoredGrant, StoredKey } from '../../store/types.js';
import type { KmsContext } from '../context.js';
import { findGrantByToken } from '../grants/grant-lookup.js';
import {
  checkGrantId,
  checkGrantPrincipals,
  checkGrantQuotas,
  checkGrantRequest,
  grantListEntry,
  grantTerms,
  sameTerms,
} from '../grants/grant-rules.js';
import { issueGrantToken } from '../grants/grant-tokens.js';

/** AWS: ListGrants and ListRetirableGrants return 50 grants unless Limit says otherwise, 100 at most. */
const DEFAULT_GRANTS_PAGE = 50;
const MAX_GRANTS_PAGE = 100;

/** The principal a grant's IssuingAccount names: the account's root, as AWS shows it. */
const issuingAccount = (kms: KmsContext) => `arn:${kms.at.partition}:iam::${kms.accountId}:root`;

const grantNotFound = (kms: KmsContext, key: StoredKey, grantId: string) =>
  new KmsError('NotFoundException', `Grant '${grantId}' does not exist on key '${kms.arn(key)}'`);

export function createGrant(kms: KmsContext, input: T.CreateGrantCommandInput) {
  return kms.run('CreateGrant', input, async () => {
    checkGrantPrincipals(input);
    const key = await kms.resolve(input.KeyId as string, false);
    kms.requireEnabled(key);
    checkGrantRequest(kms.arn(key), key, input);
    await kms.checkGrantTokens(input.GrantTokens);
    const terms = grantTerms(input, issuingAccount(kms));
    const grantee = (input.GranteePrincipal ?? input.GranteeServicePrincipal) as string;
    return kms.exclusive(async () => {
      const fresh = await kms.store.getKey(key.keyId);
      if (!fresh) throw kms.keyNotFound(kms.arn(key));
      const grants = fresh.grants ?? [];
      // AWS: "When this value [Name] is present, you can retry a CreateGrant request with
      // identical parameters; if the grant already exists, the original GrantId is returned
      // without creating a new grant." The token is new every time.
      const existing =
        input.Name === undefined ? undefined : grants.find((grant) => sameTerms(grant, terms));
      if (!existing) checkGrantQuotas(kms.arn(fresh), grants, grantee);
      kms.dryRun(input.DryRun);
      let grant = existing;
      if (!grant) {
        grant = {
          ...terms,
          grantId: bytesToHex(kms.crypto.getRandomValues(new Uint8Array(32))),
          createdAt: kms.now(),
        } satisfies StoredGrant;
        fresh.grants = [...grants, grant];
        fresh.grantTokenKey ??= kms.crypto.getRandomValues(new Uint8Array(32));
        await kms.store.putKey(fresh);
      }
      return {
        GrantId: grant.grantId,
        GrantToken: issueGrantToken(
          fresh.grantTokenKey as Uint8Array,
          fresh.keyId,
          grant.grantId,
          kms.crypto,
        ),
      };
    });
  });
}

export function listGrants(kms: KmsContext, input: T.ListGrantsCommandInput) {
  return kms.run('ListGrants', input, async () => {
    if (input.GranteePrincipal !== undefined && input.GranteeServicePrincipal !== undefined)
      throw new KmsError(
        'ValidationException',
        'You can specify either GranteePrincipal or GranteeServicePrincipal, but not both.',
      );
    const key = await kms.resolve(input.KeyId as string, false);
    if (input.GrantId !== undefined) checkGrantId(input.GrantId);
    const grants = (key.grants ?? []).filter(
      (grant) =>
        (input.GrantId === undefined || grant.grantId === input.GrantId) &&
        (input.GranteePrincipal === undefined ||
          grant.granteePrincipal === input.GranteePrincipal) &&
        (input.GranteeServicePrincipal === undefined ||
          grant.granteeServicePrincipal === input.GranteeServicePrincipal),
    );
    return grantsPage(
      kms,
      grants.map((grant) => grantListEntry(kms.arn(key), grant)),
      input,
    );
  });
}

export function listRetirableGrants(kms: KmsContext, input: T.ListRetirableGrantsCommandInput) {
  return kms.run('ListRetirableGrants', input, async () => {
    if ((input.RetiringPrincipal === undefined) === (input.RetiringServicePrincipal === undefined))
      throw new KmsError(
        'ValidationException',
        'You must specify either RetiringPrincipal or RetiringServicePrincipal, but not both.',
      );
    const keys = (await Promise.all((await kms.store.listKeys()).map((key) => kms.settle(key))))
      .filter((key): key is StoredKey => key !== undefined)
      .sort(
        (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.keyId.localeCompare(b.keyId),
      );
    const entries = keys.flatMap((key) =>
      (key.grants ?? [])
        .filter((grant) =>
          input.RetiringPrincipal !== undefined
            ? grant.retiringPrincipal === input.RetiringPrincipal
            : grant.retiringServicePrincipal === input.RetiringServicePrincipal,
        )
        .map((grant) => grantListEntry(kms.arn(key), grant)),
    );
    return grantsPage(kms, entries, input);
  });
}

function grantsPage(
  kms: KmsContext,
  entries: T.GrantListEntry[],
  input: { Limit?: number | undefined; Marker?: string | undefined },
) {
  // AWS: "When this value is present, KMS does not return more than the specified number of
  // items, but it might return fewer": a Limit above 100 gives pages of 100.
  const limit = Math.min(input.Limit ?? DEFAULT_GRANTS_PAGE, MAX_GRANTS_PAGE);
  const { page, truncated, nextMarker } = kms.paginate(entries, limit, input.Marker);
  return { Grants: page, Truncated: truncated, NextMarker: nextMarker };
}

export function retireGrant(kms: KmsContext, input: T.RetireGrantCommandInput = {}) {
  return kms.run('RetireGrant', input, async () => {
    let key: StoredKey;
    let grantId: string;
    if (input.GrantToken !== undefined) {
      const target = await findGrantByToken(kms, input.GrantToken);
      key = target.key;
      grantId = target.claim.grantId;
      if (
        (input.GrantId !== undefined && input.GrantId !== grantId) ||
        (input.KeyId !== undefined && (await kms.resolve(input.KeyId, false)).keyId !== key.keyId)
      )
        throw new KmsError(
          'ValidationException',
          'The GrantToken identifies a different grant from the KeyId and GrantId given with it.',
        );
    } else {
      if (input.KeyId === undefined || input.GrantId === undefined)
        throw new KmsError(
          'ValidationException',
          'To identify the grant to retire, specify its GrantToken, or both its KeyId and GrantId.',
        );
      checkGrantId(input.GrantId);
      key = await kms.resolve(input.KeyId, false);
      grantId = input.GrantId;
    }
    await deleteGrant(kms, key, grantId, input.DryRun);
    return {};
  });
}

export function revokeGrant(kms: KmsContext, input: T.RevokeGrantCommandInput) {
  return kms.run('RevokeGrant', input, async () => {
    checkGrantId(input.GrantId as string);
    const key = await kms.resolve(input.KeyId as string, false);
    await deleteGrant(kms, key, input.GrantId as string, input.DryRun);
    return {};
  });
}

async function deleteGrant(
  kms: KmsContext,
  key: StoredKey,
  grantId: string,
  dryRun: boolean | undefined,
) {
  await kms.exclusive(async () => {
    const fresh = await kms.store.getKey(key.keyId);
    if (!fresh) throw kms.keyNotFound(kms.arn(key));
    const grants = fresh.grants ?? [];
    if (!grants.some((grant) => grant.grantId === grantId))
      throw grantNotFound(kms, fresh, grantId);
    kms.dryRun(dryRun);
    fresh.grants = grants.filter((grant) => grant.grantId !== grantId);
    await kms.store.putKey(fresh);
  });
}
