/**
 * The key store file's records of key policies and grants (store-format.ts has the rest of a
 * key). A key's `policy` is its policy document as text; `grants` lists its grants, oldest
 * first; `grantTokenKey` (base64, 32 bytes) authenticates its grant tokens.
 */
import {
  type GrantOperation,
  GrantOperation as GrantOperations,
  type StoredGrant,
} from '@kms-lab/core';
import { Fields, StoreFormatError } from './record-fields.js';

const GRANT_ID = /^[0-9a-f]{64}$/;

export function grantToJson(grant: StoredGrant) {
  return {
    grantId: grant.grantId,
    name: grant.name,
    createdAt: grant.createdAt.toISOString(),
    granteePrincipal: grant.granteePrincipal,
    granteeServicePrincipal: grant.granteeServicePrincipal,
    retiringPrincipal: grant.retiringPrincipal,
    retiringServicePrincipal: grant.retiringServicePrincipal,
    issuingAccount: grant.issuingAccount,
    operations: [...grant.operations],
    constraints: grant.constraints && {
      encryptionContextEquals: grant.constraints.encryptionContextEquals,
      encryptionContextSubset: grant.constraints.encryptionContextSubset,
      sourceArn: grant.constraints.sourceArn,
    },
  };
}

/** An encryption context: a JSON object of strings. */
function contextOf(fields: Fields, name: string): Record<string, string> | undefined {
  if (!fields.has(name)) return undefined;
  const value = fields.object(name).record as Record<string, unknown>;
  for (const [key, entry] of Object.entries(value))
    if (typeof entry !== 'string')
      throw new StoreFormatError(
        `${fields.where}.${name}: the value of '${key}' must be a string.`,
      );
  return { ...(value as Record<string, string>) };
}

export function grantFromJson(where: string, record: unknown): StoredGrant {
  const grant = new Fields(where, record);
  const operations = grant.array('operations').map((operation, index) => {
    if (typeof operation !== 'string' || !Object.hasOwn(GrantOperations, operation))
      throw new StoreFormatError(`${where}.operations[${index}] is not a grant operation.`);
    return operation as GrantOperation;
  });
  const constraints = grant.has('constraints') ? grant.object('constraints') : undefined;
  const parsed: StoredGrant = {
    grantId: grant.matching('grantId', GRANT_ID, '64 lowercase hex characters'),
    name: grant.optionalString('name'),
    createdAt: grant.date('createdAt'),
    granteePrincipal: grant.optionalString('granteePrincipal'),
    granteeServicePrincipal: grant.optionalString('granteeServicePrincipal'),
    retiringPrincipal: grant.optionalString('retiringPrincipal'),
    retiringServicePrincipal: grant.optionalString('retiringServicePrincipal'),
    issuingAccount: grant.string('issuingAccount'),
    operations,
    constraints: constraints && {
      encryptionContextEquals: contextOf(constraints, 'encryptionContextEquals'),
      encryptionContextSubset: contextOf(constraints, 'encryptionContextSubset'),
      sourceArn: constraints.optionalString('sourceArn'),
    },
  };
  if ((parsed.granteePrincipal === undefined) === (parsed.granteeServicePrincipal === undefined))
    throw new StoreFormatError(
      `${where}: a grant has one of 'granteePrincipal' and 'granteeServicePrincipal'.`,
    );
  return parsed;
}

/** The policy and grant members of a key record, read after its other members. */
export function policyAndGrantsOf(key: Fields) {
  const grants = key.has('grants')
    ? key
        .array('grants')
        .map((entry, index) => grantFromJson(`${key.where}.grants[${index}]`, entry))
    : undefined;
  const grantIds = new Set(grants?.map((grant) => grant.grantId));
  if (grants && grantIds.size !== grants.length)
    throw new StoreFormatError(`${key.where}: a grantId appears twice.`);
  const grantTokenKey = key.has('grantTokenKey') ? key.bytes('grantTokenKey') : undefined;
  if (grantTokenKey && grantTokenKey.length !== 32)
    throw new StoreFormatError(`${key.where}: 'grantTokenKey' must be 32 bytes.`);
  if (grants?.length && !grantTokenKey)
    throw new StoreFormatError(`${key.where}: a key with grants must have a 'grantTokenKey'.`);
  return { policy: key.optionalString('policy'), grants, grantTokenKey };
}
