/**
 * What a grant may say, as AWS's developer guide ("Grant operations", "Grant constraints")
 * and the CreateGrant API reference state it: the operations each kind of KMS key allows in
 * a grant, the encryption context constraints (only where the operations take an encryption
 * context), and the quotas on grants.
 */
import { KmsError } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { StoredGrant, StoredKey } from '../../store/types.js';

/** Allowed on every KMS key: they act on the key or the grant, not on data. */
const GENERAL: readonly T.GrantOperation[] = ['CreateGrant', 'DescribeKey', 'RetireGrant'];

/** AWS, "Grant operations": the cryptographic operations a grant may allow, per key type. */
function cryptographicOperations(key: StoredKey): readonly T.GrantOperation[] {
  switch (key.keyUsage) {
    case 'ENCRYPT_DECRYPT':
      return key.keySpec === 'SYMMETRIC_DEFAULT'
        ? [
            'Decrypt',
            'Encrypt',
            'GenerateDataKey',
            'GenerateDataKeyPair',
            'GenerateDataKeyPairWithoutPlaintext',
            'GenerateDataKeyWithoutPlaintext',
            'ReEncryptFrom',
            'ReEncryptTo',
          ]
        : ['Decrypt', 'Encrypt', 'GetPublicKey', 'ReEncryptFrom', 'ReEncryptTo'];
    case 'SIGN_VERIFY':
      return ['GetPublicKey', 'Sign', 'Verify'];
    case 'KEY_AGREEMENT':
      return ['DeriveSharedSecret', 'GetPublicKey'];
    case 'ENCAPSULATE_DECAPSULATE':
      return ['Decapsulate', 'Encapsulate', 'GetPublicKey'];
    case 'GENERATE_VERIFY_MAC':
      return ['GenerateMac', 'VerifyMac'];
  }
}

/** The operations a grant on this key may allow. */
export const grantOperationsFor = (key: StoredKey): T.GrantOperation[] => [
  ...GENERAL,
  ...cryptographicOperations(key),
];

/** AWS: "Each constraint value can include up to 8 encryption context pairs." */
export const MAX_CONSTRAINT_PAIRS = 8;
/** AWS: "The encryption context value in each constraint cannot exceed 384 characters." */
export const MAX_CONSTRAINT_VALUE_CHARACTERS = 384;
/** AWS quotas: grants per KMS key, and grants for one grantee principal per KMS key. */
export const MAX_GRANTS_PER_KEY = 50_000;
export const MAX_GRANTS_PER_GRANTEE_PER_KEY = 500;

const invalid = (message: string) => new KmsError('ValidationException', message);

/** CreateGrant's checks of the request against the key it names, in AWS's words where known. */
export function checkGrantRequest(
  keyArn: string,
  key: StoredKey,
  input: T.CreateGrantRequest,
): void {
  const operations = input.Operations ?? [];
  if (operations.length === 0)
    throw invalid('Operations must name at least one operation for the grant to allow.');
  const allowed = grantOperationsFor(key);
  const refused = operations.filter((operation) => !allowed.includes(operation));
  if (refused.length > 0)
    throw invalid(
      `${refused.length === 1 ? `Grant operation ${refused[0]} is` : `Grant operations ${refused.join(', ')} are`} not valid for ${keyArn}, whose key spec is ${key.keySpec} and key usage ${key.keyUsage}. Valid grant operations for this key: ${allowed.join(', ')}.`,
    );
  const { EncryptionContextEquals: equals, EncryptionContextSubset: subset } =
    input.Constraints ?? {};
  for (const [name, context] of [
    ['EncryptionContextEquals', equals],
    ['EncryptionContextSubset', subset],
  ] as const) {
    if (context === undefined) continue;
    if (key.keySpec !== 'SYMMETRIC_DEFAULT')
      throw invalid(
        `The ${name} grant constraint is valid only for symmetric encryption KMS keys; ${keyArn} is a ${key.keySpec} key, whose operations take no encryption context.`,
      );
    if (Object.keys(context).length > MAX_CONSTRAINT_PAIRS)
      throw invalid(
        `The ${name} grant constraint has ${Object.keys(context).length} encryption context pairs; a constraint can have at most ${MAX_CONSTRAINT_PAIRS}.`,
      );
    for (const [contextKey, value] of Object.entries(context))
      if (value.length > MAX_CONSTRAINT_VALUE_CHARACTERS)
        throw invalid(
          `The value of '${contextKey}' in the ${name} grant constraint is ${value.length} characters long; it can be at most ${MAX_CONSTRAINT_VALUE_CHARACTERS}.`,
        );
  }
}

/** The principals of a CreateGrant request: one grantee, at most one retiring principal. */
export function checkGrantPrincipals(input: T.CreateGrantRequest): void {
  if ((input.GranteePrincipal === undefined) === (input.GranteeServicePrincipal === undefined))
    throw invalid(
      'You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.',
    );
  if (input.RetiringPrincipal !== undefined && input.RetiringServicePrincipal !== undefined)
    throw invalid(
      'You can specify either RetiringPrincipal or RetiringServicePrincipal, but not both.',
    );
  if (input.GranteeServicePrincipal !== undefined) {
    // AWS: "When you specify a GranteeServicePrincipal, you must also specify a SourceArn
    // grant constraint. In addition, you must specify either a RetiringPrincipal or a
    // RetiringServicePrincipal."
    if (input.Constraints?.SourceArn === undefined)
      throw invalid(
        'A grant for a GranteeServicePrincipal must have a SourceArn grant constraint.',
      );
    if (input.RetiringPrincipal === undefined && input.RetiringServicePrincipal === undefined)
      throw invalid(
        'A grant for a GranteeServicePrincipal must have a RetiringPrincipal or a RetiringServicePrincipal.',
      );
  }
}

/** AWS quotas on the number of grants: LimitExceededException. */
export function checkGrantQuotas(keyArn: string, grants: readonly StoredGrant[], grantee: string) {
  if (grants.length >= MAX_GRANTS_PER_KEY)
    throw new KmsError(
      'LimitExceededException',
      `${keyArn} already has ${MAX_GRANTS_PER_KEY} grants, the most a KMS key can have.`,
    );
  const forGrantee = grants.filter(
    (grant) => (grant.granteePrincipal ?? grant.granteeServicePrincipal) === grantee,
  ).length;
  if (forGrantee >= MAX_GRANTS_PER_GRANTEE_PER_KEY)
    throw new KmsError(
      'LimitExceededException',
      `${keyArn} already has ${MAX_GRANTS_PER_GRANTEE_PER_KEY} grants for ${grantee}, the most one grantee principal can have on a KMS key.`,
    );
}

/** The grant a request describes, without its ID and date: Name idempotency compares these. */
export function grantTerms(input: T.CreateGrantRequest, issuingAccount: string) {
  const { EncryptionContextEquals, EncryptionContextSubset, SourceArn } = input.Constraints ?? {};
  const constraints =
    input.Constraints &&
    (EncryptionContextEquals || EncryptionContextSubset || SourceArn !== undefined)
      ? {
          encryptionContextEquals: EncryptionContextEquals,
          encryptionContextSubset: EncryptionContextSubset,
          sourceArn: SourceArn,
        }
      : undefined;
  return {
    name: input.Name,
    granteePrincipal: input.GranteePrincipal,
    granteeServicePrincipal: input.GranteeServicePrincipal,
    retiringPrincipal: input.RetiringPrincipal,
    retiringServicePrincipal: input.RetiringServicePrincipal,
    issuingAccount,
    operations: [...(input.Operations ?? [])],
    constraints,
  } satisfies Omit<StoredGrant, 'grantId' | 'createdAt'>;
}

/** True when an existing grant has the same terms (operations and context pairs in any order). */
export function sameTerms(grant: StoredGrant, terms: ReturnType<typeof grantTerms>): boolean {
  const sortedContext = (context: Record<string, string> | undefined) =>
    context && Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = (g: Omit<StoredGrant, 'grantId' | 'createdAt'>) =>
    JSON.stringify([
      g.name,
      g.granteePrincipal,
      g.granteeServicePrincipal,
      g.retiringPrincipal,
      g.retiringServicePrincipal,
      [...new Set(g.operations)].sort(),
      sortedContext(g.constraints?.encryptionContextEquals),
      sortedContext(g.constraints?.encryptionContextSubset),
      g.constraints?.sourceArn,
    ]);
  return canonical(grant) === canonical(terms);
}

/** ListGrants' GrantListEntry for a stored grant. */
export function grantListEntry(keyArn: string, grant: StoredGrant): T.GrantListEntry {
  const constraints = grant.constraints && {
    EncryptionContextEquals: grant.constraints.encryptionContextEquals,
    EncryptionContextSubset: grant.constraints.encryptionContextSubset,
    SourceArn: grant.constraints.sourceArn,
  };
  return {
    KeyId: keyArn,
    GrantId: grant.grantId,
    Name: grant.name,
    CreationDate: grant.createdAt,
    GranteePrincipal: grant.granteePrincipal,
    RetiringPrincipal: grant.retiringPrincipal,
    IssuingAccount: grant.issuingAccount,
    Operations: [...grant.operations],
    Constraints: constraints,
    GranteeServicePrincipal: grant.granteeServicePrincipal,
    RetiringServicePrincipal: grant.retiringServicePrincipal,
  };
}

/** AWS grant IDs are 64 hex characters: anything else is InvalidGrantIdException. */
export function checkGrantId(grantId: string): void {
  if (!/^[0-9a-f]{64}$/.test(grantId))
    throw new KmsError(
      'InvalidGrantIdException',
      `Invalid grantId '${grantId}': a grant ID is 64 lowercase hexadecimal characters.`,
    );
}
