/** CreateAlias, UpdateAlias, DeleteAlias, ListAliases. */
import { KmsError } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { StoredAlias } from '../../store/types.js';
import type { KmsContext } from '../context.js';
import { aliasArn } from '../identifiers.js';

function checkAliasName(aliasName: string) {
  if (!aliasName.startsWith('alias/') || aliasName.length === 'alias/'.length)
    throw new KmsError(
      'ValidationException',
      `Alias must start with the prefix "alias/" followed by a name; got '${aliasName}'.`,
    );
  if (aliasName.startsWith('alias/aws/'))
    throw new KmsError(
      'InvalidAliasNameException',
      `Alias '${aliasName}' begins with 'alias/aws/', which is reserved for AWS managed keys.`,
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
    live.sort((a, b) => (a.aliasName < b.aliasName ? -1 : a.aliasName > b.aliasName ? 1 : 0));
    const { page, truncated, nextMarker } = kms.paginate(live, input.Limit, input.Marker);
    return {
      Aliases: page.map((alias) => ({
        AliasName: alias.aliasName,
        AliasArn: aliasArn(kms.at, alias.aliasName),
        TargetKeyId: alias.targetKeyId,
        CreationDate: alias.createdAt,
        LastUpdatedDate: alias.lastUpdatedAt,
      })),
      Truncated: truncated,
      NextMarker: nextMarker,
    };
  });
}
