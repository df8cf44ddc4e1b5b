/**
 * Whether a caller may make a request, from the key policy and the grants of the key it acts
 * on, as AWS KMS decides when IAM policies add nothing: an explicit Deny in the key policy
 * refuses, an Allow in it or a grant for the caller permits, and anything else is refused.
 * Used by `enforcePolicies` (enforce.ts) only; the engine itself stores policies and grants
 * without enforcing them.
 */
import { parseBlob } from '../../blob/ciphertext.js';
import { KmsError } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import { readGrantToken } from '../grants/grant-tokens.js';
import type { Kms } from '../kms.js';
import { conditionHolds, contextKeyName, type RequestContext } from './conditions.js';
import { evaluatePolicy } from './evaluate.js';
import { checkKeyPolicy } from './policy-document.js';

/** Operations that act on no KMS key: IAM policies alone govern them, and KMS Lab has none. */
const WITHOUT_KEY = new Set([
  'CreateKey',
  'ListKeys',
  'ListAliases',
  'GenerateRandom',
  'ListRetirableGrants',
]);

type Input = Record<string, unknown>;

/** One permission a request needs: an action on a key, with the request's condition keys. */
interface Need {
  keyId: string;
  action: string;
  /** The grant operation that can give it instead, if any. */
  grantOperation: T.GrantOperation | undefined;
  encryptionContext: Record<string, string> | undefined;
}

const GRANT_OPERATIONS = new Set<string>([
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'Sign',
  'Verify',
  'GetPublicKey',
  'CreateGrant',
  'RetireGrant',
  'DescribeKey',
  'GenerateMac',
  'VerifyMac',
  'DeriveSharedSecret',
  'Encapsulate',
  'Decapsulate',
]);

const keyOfBlob = (blob: unknown) => {
  try {
    return blob instanceof Uint8Array ? parseBlob(blob).keyId : undefined;
  } catch {
    return undefined; // not a ciphertext: the operation answers for it
  }
};

/** The permissions an operation needs (none when its key is not named or not readable). */
function needsOf(operation: string, input: Input): Need[] {
  const context = input.EncryptionContext as Record<string, string> | undefined;
  const need = (keyId: unknown, action = operation, encryptionContext = context): Need[] =>
    typeof keyId === 'string'
      ? [
          {
            keyId,
            action: `kms:${action}`,
            grantOperation: GRANT_OPERATIONS.has(action) ? (action as T.GrantOperation) : undefined,
            encryptionContext,
          },
        ]
      : [];
  switch (operation) {
    case 'Decrypt':
      return need(input.KeyId ?? keyOfBlob(input.CiphertextBlob));
    case 'ReEncrypt':
      return [
        ...need(
          input.SourceKeyId ?? keyOfBlob(input.CiphertextBlob),
          'ReEncryptFrom',
          input.SourceEncryptionContext as Record<string, string> | undefined,
        ),
        ...need(
          input.DestinationKeyId,
          'ReEncryptTo',
          input.DestinationEncryptionContext as Record<string, string> | undefined,
        ),
      ].map((entry) => ({ ...entry, grantOperation: entry.action.slice(4) as T.GrantOperation }));
    case 'CreateAlias':
    case 'UpdateAlias':
      return need(input.TargetKeyId);
    case 'DeleteAlias':
      return need(input.AliasName);
    case 'RetireGrant':
      return need(
        input.KeyId ??
          (typeof input.GrantToken === 'string'
            ? readGrantToken(input.GrantToken)?.keyId
            : undefined),
      );
    default:
      return need(input.KeyId);
  }
}

/**
 * AWS: "kms:RecipientAttestation:ImageSha384" and "kms:RecipientAttestation:PCR<n>" are the
 * image hash and PCRs of the attestation document in a request's Recipient. A document that
 * fails verification adds none: the operation itself then refuses it (ValidationException).
 */
async function recipientConditionKeys(kms: Kms, input: Input): Promise<Record<string, string>> {
  if (input.Recipient === undefined) return {};
  try {
    return (await kms.recipientConditionKeys(input.Recipient as T.RecipientInfo)) ?? {};
  } catch {
    return {};
  }
}

/** The condition keys of a request on one key. */
function requestContext(
  caller: string,
  need: Need,
  metadata: T.KeyMetadata,
  input: Input,
  attested: Record<string, string>,
): RequestContext {
  const context = new Map<string, string | readonly string[]>([
    ['aws:principalarn', caller],
    ['kms:keyspec', metadata.KeySpec as string],
    ['kms:keyusage', metadata.KeyUsage as string],
    ['kms:keyorigin', metadata.Origin as string],
    ['kms:grantisforawsresource', 'false'],
  ]);
  const account = /::(\d{12}):/.exec(caller)?.[1];
  if (account) context.set('kms:calleraccount', account);
  if (need.encryptionContext) {
    context.set('kms:encryptioncontextkeys', Object.keys(need.encryptionContext));
    for (const [key, value] of Object.entries(need.encryptionContext))
      context.set(contextKeyName(`kms:EncryptionContext:${key}`), value);
  }
  for (const [member, key] of [
    ['KeyPairSpec', 'kms:datakeypairspec'],
    ['EncryptionAlgorithm', 'kms:encryptionalgorithm'],
    ['SigningAlgorithm', 'kms:signingalgorithm'],
    ['MacAlgorithm', 'kms:macalgorithm'],
    ['GranteePrincipal', 'kms:granteeprincipal'],
    ['RetiringPrincipal', 'kms:retiringprincipal'],
  ] as const)
    if (typeof input[member] === 'string') context.set(key, input[member] as string);
  if (Array.isArray(input.Operations))
    context.set('kms:grantoperations', input.Operations as string[]);
  for (const [key, value] of Object.entries(attested)) context.set(contextKeyName(key), value);
  return context;
}

const sessionRole = (arn: string) => {
  const match = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : undefined;
};

/** AWS: a grant's encryption context constraint, against the request's context. */
function constraintsMet(
  grant: T.GrantListEntry,
  context: Record<string, string> | undefined,
): boolean {
  const { EncryptionContextEquals: equals, EncryptionContextSubset: subset } =
    grant.Constraints ?? {};
  const given = context ?? {};
  if (equals) {
    const keys = Object.keys(given);
    if (
      keys.length !== Object.keys(equals).length ||
      keys.some((key) => given[key] !== equals[key])
    )
      return false;
  }
  if (subset && Object.entries(subset).some(([key, value]) => given[key] !== value)) return false;
  return true;
}

async function grantsOf(kms: Kms, keyArn: string): Promise<T.GrantListEntry[]> {
  const grants: T.GrantListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await kms.listGrants({ KeyId: keyArn, Limit: 100, Marker: marker });
    grants.push(...(page.Grants ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return grants;
}

function grantAllows(
  grant: T.GrantListEntry,
  caller: string,
  need: Need,
  input: Input,
  operation: string,
): boolean {
  const grantee = grant.GranteePrincipal;
  if (grantee !== caller && grantee !== sessionRole(caller)) return false;
  if (!need.grantOperation || !grant.Operations?.includes(need.grantOperation)) return false;
  // AWS: the constraint "doesn't apply" to DescribeKey and RetireGrant.
  if (operation === 'DescribeKey' || operation === 'RetireGrant') return true;
  return constraintsMet(
    grant,
    need.encryptionContext ?? (input.EncryptionContext as Record<string, string> | undefined),
  );
}

/** AWS's words for a refusal by a key policy. */
const accessDenied = (caller: string, action: string, keyArn: string, explicit: boolean) =>
  new KmsError(
    'AccessDeniedException',
    `User: ${caller} is not authorized to perform: ${action} on resource: ${keyArn} ${
      explicit
        ? 'with an explicit deny in a resource-based policy'
        : `because no resource-based policy allows the ${action} action`
    }`,
  );

/** Throws AccessDeniedException unless the caller may make this request. */
export async function authorize(
  kms: Kms,
  caller: string,
  operation: string,
  input: Input,
): Promise<void> {
  if (WITHOUT_KEY.has(operation)) return;
  const needs = needsOf(operation, input);
  const attested = needs.length > 0 ? await recipientConditionKeys(kms, input) : {};
  for (const need of needs) {
    let metadata: T.KeyMetadata | undefined;
    try {
      metadata = (await kms.describeKey({ KeyId: need.keyId })).KeyMetadata;
    } catch {
      continue; // no such key: the operation itself answers NotFoundException
    }
    if (!metadata?.Arn) continue;
    const keyArn = metadata.Arn;
    if (operation === 'RetireGrant' && (await retiringPrincipalMay(kms, keyArn, caller, input)))
      continue;
    const statements = checkKeyPolicy((await kms.getKeyPolicy({ KeyId: keyArn })).Policy as string);
    const context = requestContext(caller, need, metadata, input, attested);
    const decision = evaluatePolicy(
      statements,
      { principal: caller, action: need.action, resource: keyArn },
      (statement) => conditionHolds(statement.Condition ?? {}, context),
    );
    if (decision === 'Deny') throw accessDenied(caller, need.action, keyArn, true);
    if (decision === 'Allow') continue;
    const grants = await grantsOf(kms, keyArn);
    if (!grants.some((grant) => grantAllows(grant, caller, need, input, operation)))
      throw accessDenied(caller, need.action, keyArn, false);
  }
}

/** AWS: a grant's retiring principal may retire it, whatever the key policy says. */
async function retiringPrincipalMay(kms: Kms, keyArn: string, caller: string, input: Input) {
  const grantId =
    (input.GrantId as string | undefined) ??
    (typeof input.GrantToken === 'string' ? readGrantToken(input.GrantToken)?.grantId : undefined);
  const grant = (await grantsOf(kms, keyArn)).find((entry) => entry.GrantId === grantId);
  return (
    grant !== undefined &&
    (grant.RetiringPrincipal === caller || grant.RetiringPrincipal === sessionRole(caller))
  );
}
