/** CreateAlias, UpdateAlias, DeleteAlias, ListAliases. */
import { KmsError } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { StoredAlias } from '../../store/types.js';
import type { KmsContext } from '../context.js';
import { aliasArn } from '../identifiers.js';

/**
 * The aliases of AWS managed keys a fresh account lists. AWS: "The response might also
 * include aliases that have no TargetKeyId field. These are predefined aliases that AWS has
 * created but has not yet associated with a KMS key." KMS Lab runs no AWS service that
 * would create those keys, so they stay without one.
 */
export const PREDEFINED_AWS_ALIASES = [
  'alias/aws/acm',
  'alias/aws/dynamodb',
  'alias/aws/ebs',
  'alias/aws/elasticfilesystem',
  'alias/aws/es',
  'alias/aws/glue',
  'alias/aws/kinesisvideo',
  'alias/aws/lambda',
  'alias/aws/rds',
  'alias/aws/redshift',
  'alias/aws/s3',
  'alias/aws/secretsmanager',
  'alias/aws/ssm',
  'alias/aws/xray',
] as const;

/** AWS's answer to a wrong prefix, link included. */
export const ALIAS_PREFIX_MESSAGE =
  'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html';

/**
 * AWS's checks of an alias name beyond the model's pattern (`^[a-zA-Z0-9:/_-]+$`, which the
 * validation has already applied), in its order: the prefix, the reserved `alias/aws/`, then
 * the colon the pattern lets through but alias names may not hold.
 */
function checkAliasName(aliasName: string) {
  if (!aliasName.startsWith('alias/'))
    throw new KmsError('ValidationException', ALIAS_PREFIX_MESSAGE);
  if (aliasName.length === 'alias/'.length)
    throw new KmsError('ValidationException', `Alias '${aliasName}' has no name after "alias/".`);
  // AWS answers NotAuthorizedException, with no message, for any change to an alias of an
  // AWS managed key: only the service that owns it may make or move it.
  if (aliasName.startsWith('alias/aws/')) throw new KmsError('NotAuthorizedException', '');
  if (aliasName.includes(':'))
    throw new KmsError(
      'ValidationException',
      `${aliasName} contains invalid characters for an alias`,
    );
}

export function createAlias(kms: KmsContext, input: T.CreateAliasCommandInput) {
  return kms.run('CreateAlias', input, async () => {
    const aliasName = input.AliasName as string;
    checkAliasName(aliasName);
    const key = await kms.resolve(input.TargetKeyId as string, false);
    kms.requireNotPendingDeletion(key);
    await kms.exclusive(async () => {
      if (await kms.store.getAlias(aliasName))
        throw new KmsError(
          'AlreadyExistsException',
          `An alias with the name ${aliasArn(kms.at, aliasName)} already exists`,
        );
      const now = kms.now();
      await kms.store.putAlias({
        aliasName,
        targetKeyId: key.keyId,
        createdAt: now,
        lastUpdatedAt: now,
      });
    });
    return {};
  });
}

export function updateAlias(kms: KmsContext, input: T.UpdateAliasCommandInput) {
  return kms.run('UpdateAlias', input, async () => {
    const aliasName = input.AliasName as string;
    checkAliasName(aliasName);
    const key = await kms.resolve(input.TargetKeyId as string, false);
    kms.requireNotPendingDeletion(key);
    await kms.exclusive(async () => {
      const alias = await kms.store.getAlias(aliasName);
      if (!alias) throw kms.aliasNotFound(aliasName);
      await kms.store.putAlias({ ...alias, targetKeyId: key.keyId, lastUpdatedAt: kms.now() });
    });
    return {};
  });
}

export function deleteAlias(kms: KmsContext, input: T.DeleteAliasCommandInput) {
  return kms.run('DeleteAlias', input, async () => {
    const aliasName = input.AliasName as string;
    checkAliasName(aliasName);
    await kms.exclusive(async () => {
      if (!(await kms.store.getAlias(aliasName))) throw kms.aliasNotFound(aliasName);
      await kms.store.deleteAlias(aliasName);
    });
    return {};
  });
}

const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function listAliases(kms: KmsContext, input: T.ListAliasesCommandInput = {}) {
  return kms.run('ListAliases', input, async () => {
    const only =
      input.KeyId === undefined ? undefined : (await kms.resolve(input.KeyId, false)).keyId;
    const live: StoredAlias[] = [];
    for (const alias of await kms.store.listAliases()) {
      if (only !== undefined && alias.targetKeyId !== only) continue;
      // Settling the target removes the aliases of a key whose deletion came due.
      if (await kms.findKey(alias.targetKeyId)) live.push(alias);
    }
    const entries: T.AliasListEntry[] = live.map((alias) => ({
      AliasName: alias.aliasName,
      AliasArn: aliasArn(kms.at, alias.aliasName),
      TargetKeyId: alias.targetKeyId,
      CreationDate: alias.createdAt,
      LastUpdatedDate: alias.lastUpdatedAt,
    }));
    // Predefined aliases have no key, so a listing for one key never holds them.
    if (only === undefined)
      for (const aliasName of PREDEFINED_AWS_ALIASES)
        entries.push({ AliasName: aliasName, AliasArn: aliasArn(kms.at, aliasName) });
    entries.sort((a, b) => compareNames(a.AliasName as string, b.AliasName as string));
    const { page, truncated, nextMarker } = kms.paginate(entries, input.Limit, input.Marker);
    return {
      Aliases: page,
      Truncated: truncated,
      NextMarker: nextMarker,
    };
  });
}
