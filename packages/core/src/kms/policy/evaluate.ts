/**
 * Evaluating key policy statements for one request, as IAM does for a key policy: an explicit
 * Deny wins, then any Allow; otherwise the request is implicitly denied. Principals, actions
 * and resources match with IAM's rules: `*` and `?` wildcards in actions and resources (actions
 * case-insensitively), and an account principal (`123456789012` or its `:root` ARN) standing
 * for every principal of that account, since the account's IAM policies (which KMS Lab does not
 * have) decide for them.
 */
import { asList, type PolicyStatement } from './policy-document.js';

export interface PolicyRequest {
  /** The caller's ARN: `arn:aws:iam::<account>:root`, `...:user/<name>`, `...:role/<name>`. */
  principal: string;
  /** `kms:<Operation>`. */
  action: string;
  /** The key ARN. */
  resource: string;
}

export type PolicyDecision = 'Allow' | 'Deny' | 'ImplicitDeny';

/** IAM's wildcard match: `*` any run of characters, `?` any one. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  const regex = new RegExp(
    `^${escaped.replaceAll('*', '.*').replaceAll('?', '.')}$`,
    ignoreCase ? 'i' : '',
  );
  return regex.test(value);
}

const accountOf = (arn: string) => /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];

/** The role ARN an STS assumed-role session acts as. */
function roleOfSession(arn: string): string | undefined {
  const match = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : undefined;
}

function principalMatches(principal: unknown, caller: string): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const named = asList((principal as { AWS?: string | string[] }).AWS);
  const account = accountOf(caller);
  const role = roleOfSession(caller);
  return named.some(
    (value) =>
      value === '*' ||
      value === caller ||
      value === role ||
      (account !== undefined &&
        (value === account || value === `arn:${caller.split(':')[1]}:iam::${account}:root`)),
  );
}

function statementApplies(statement: PolicyStatement, request: PolicyRequest): boolean {
  const principal =
    statement.Principal !== undefined
      ? principalMatches(statement.Principal, request.principal)
      : !principalMatches(statement.NotPrincipal, request.principal);
  const action =
    statement.Action !== undefined
      ? asList(statement.Action).some((pattern) => wildcard(pattern, request.action, true))
      : statement.NotAction !== undefined &&
        !asList(statement.NotAction).some((pattern) => wildcard(pattern, request.action, true));
  const resource =
    statement.Resource !== undefined
      ? asList(statement.Resource).some((pattern) => wildcard(pattern, request.resource, false))
      : statement.NotResource !== undefined &&
        !asList(statement.NotResource).some((pattern) =>
          wildcard(pattern, request.resource, false),
        );
  return principal && action && resource;
}

/**
 * The decision of a key policy for a request. `conditionHolds` says whether a statement's
 * Condition is met (statements without one always apply).
 */
export function evaluatePolicy(
  statements: readonly PolicyStatement[],
  request: PolicyRequest,
  conditionHolds: (statement: PolicyStatement) => boolean,
): PolicyDecision {
  let allowed = false;
  for (const statement of statements) {
    if (!statementApplies(statement, request)) continue;
    if (statement.Condition !== undefined && !conditionHolds(statement)) continue;
    if (statement.Effect === 'Deny') return 'Deny';
    allowed = true;
  }
  return allowed ? 'Allow' : 'ImplicitDeny';
}

/**
 * AWS's lockout safety check: the new policy must let the caller call PutKeyPolicy again.
 * Conditions cannot be known in advance, so the check reads them leniently (an Allow's as met,
 * a Deny's as not): it refuses only a policy that certainly locks the caller out.
 */
export const allowsFuturePutKeyPolicy = (
  statements: readonly PolicyStatement[],
  caller: string,
  keyArn: string,
) =>
  evaluatePolicy(
    statements,
    { principal: caller, action: 'kms:PutKeyPolicy', resource: keyArn },
    (statement) => statement.Effect === 'Allow',
  ) === 'Allow';
