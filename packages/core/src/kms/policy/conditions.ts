/**
 * IAM condition blocks, as a key policy uses them:
 *
 *   "Condition": { "<operator>": { "<condition key>": "<value>" | ["<value>", ...] }, ... }
 *
 * Every operator and every key must hold; a key's values are alternatives. Operators: the
 * String, Arn, Bool and Null families, with the `ForAllValues:` / `ForAnyValue:` set prefixes
 * and the `IfExists` suffix. An operator KMS Lab does not know never holds, so an unknown
 * condition cannot allow anything by mistake.
 */

/** The request's condition keys, lower-cased up to the key name an encryption context adds. */
export type RequestContext = ReadonlyMap<string, string | readonly string[]>;

const wildcard = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
    's',
  ).test(value);

const MATCHERS: Record<
  string,
  { match: (policy: string, request: string) => boolean; negated: boolean }
> = {
  StringEquals: { match: (p, r) => p === r, negated: false },
  StringNotEquals: { match: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: { match: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: {
    match: (p, r) => p.toLowerCase() === r.toLowerCase(),
    negated: true,
  },
  StringLike: { match: wildcard, negated: false },
  StringNotLike: { match: wildcard, negated: true },
  ArnEquals: { match: (p, r) => p === r, negated: false },
  ArnNotEquals: { match: (p, r) => p === r, negated: true },
  ArnLike: { match: wildcard, negated: false },
  ArnNotLike: { match: wildcard, negated: true },
  Bool: { match: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
};

/** A condition key as the request context names it: `kms:EncryptionContext:<key>` keeps its key's case. */
export function contextKeyName(key: string): string {
  const prefix = 'kms:encryptioncontext:';
  return key.toLowerCase().startsWith(prefix)
    ? `${prefix}${key.slice(prefix.length)}`
    : key.toLowerCase();
}

function holds(
  operator: string,
  key: string,
  policyValues: string[],
  context: RequestContext,
): boolean {
  const set = /^(ForAllValues|ForAnyValue):/.exec(operator)?.[1];
  const base = operator.replace(/^(ForAllValues|ForAnyValue):/, '');
  const ifExists = base.endsWith('IfExists');
  const name = ifExists ? base.slice(0, -'IfExists'.length) : base;
  const present = context.get(contextKeyName(key));
  if (name === 'Null') {
    // "Null": {"key": "true"} holds when the key is absent; "false" when it is present.
    return policyValues.some(
      (value) => (value.toLowerCase() === 'true') === (present === undefined),
    );
  }
  const matcher = MATCHERS[name];
  if (!matcher) return false;
  if (present === undefined) return ifExists || set === 'ForAllValues' || (matcher.negated && !set);
  const requestValues = typeof present === 'string' ? [present] : [...present];
  const matchesAny = (value: string) => policyValues.some((policy) => matcher.match(policy, value));
  if (set === 'ForAllValues')
    return requestValues.every((value) =>
      matcher.negated ? !matchesAny(value) : matchesAny(value),
    );
  const anyMatches = requestValues.some(matchesAny);
  return matcher.negated ? !anyMatches : anyMatches;
}

/** Whether a statement's Condition block holds for the request. */
export function conditionHolds(
  condition: Record<string, unknown>,
  context: RequestContext,
): boolean {
  return Object.entries(condition).every(
    ([operator, keys]) =>
      typeof keys === 'object' &&
      keys !== null &&
      Object.entries(keys as Record<string, unknown>).every(([key, value]) => {
        const values = (Array.isArray(value) ? value : [value]).map(String);
        return holds(operator, key, values, context);
      }),
  );
}
