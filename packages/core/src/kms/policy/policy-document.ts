/**
 * Key policy documents: the checks CreateKey and PutKeyPolicy make before they take one
 * (MalformedPolicyDocumentException, and LimitExceededException over AWS's 32 KB), and the
 * evaluation the lockout safety check needs. The grammar is IAM's JSON policy language:
 *
 *   policy    = { "Version"?: "2012-10-17" | "2008-10-17", "Id"?: string, "Statement": statement | [statement, ...] }
 *   statement = { "Sid"?: string, "Effect": "Allow" | "Deny",
 *                 "Principal" | "NotPrincipal": "*" | { "AWS" | "Service" | "Federated" | "CanonicalUser": string | [string, ...] },
 *                 "Action" | "NotAction": string | [string, ...], "Resource" | "NotResource": string | [string, ...],
 *                 "Condition"?: { operator: { key: value | [value, ...] } } }
 */
import { KmsError } from '../../errors.js';

/** AWS quotas: "Key policy document size: 32 KB (32,768 bytes)". */
export const MAX_KEY_POLICY_BYTES = 32_768;

/** The messages AWS answers with for these two faults. */
export const LOCKOUT_MESSAGE =
  'The new key policy will not allow you to update the key policy in the future.';
export const INVALID_PRINCIPALS_MESSAGE =
  'Policy contains a statement with one or more invalid principals.';

type Json = Record<string, unknown>;
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Json;
}

const malformed = (message: string) => new KmsError('MalformedPolicyDocumentException', message);
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringOrStrings = (value: unknown): value is string | string[] =>
  typeof value === 'string' ||
  (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string'));
export const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

/** An AWS principal a key policy may name: an account, an IAM user or role, an STS session, or "*". */
const AWS_PRINCIPAL =
  /^(\*|\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|(user|role)\/[\w+=,.@/-]+)|arn:aws[a-z-]*:sts::\d{12}:(assumed-role|federated-user)\/[\w+=,.@/-]+)$/;
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

function checkPrincipal(where: string, principal: unknown): void {
  if (principal === '*') return;
  if (!isObject(principal) || Object.keys(principal).length === 0)
    throw malformed(`${where} must be "*" or an object such as {"AWS": "<principal ARN>"}.`);
  for (const [type, values] of Object.entries(principal)) {
    if (!PRINCIPAL_TYPES.includes(type))
      throw malformed(`${where} has an unknown principal type '${type}'.`);
    if (!isStringOrStrings(values))
      throw malformed(`${where}.${type} must be a string or a list of strings.`);
    if (type === 'AWS' && !asList(values).every((value) => AWS_PRINCIPAL.test(value)))
      throw malformed(INVALID_PRINCIPALS_MESSAGE);
  }
}

function checkStatement(where: string, statement: unknown): PolicyStatement {
  if (!isObject(statement)) throw malformed(`${where} is not a JSON object.`);
  if (statement.Sid !== undefined && typeof statement.Sid !== 'string')
    throw malformed(`${where}.Sid must be a string.`);
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
    throw malformed(`${where}.Effect must be "Allow" or "Deny".`);
  const principals = ['Principal', 'NotPrincipal'].filter((name) => name in statement);
  // AWS: "Each statement in the key policy must contain one or more principals."
  if (principals.length !== 1)
    throw malformed(
      principals.length === 0
        ? `${where} has no Principal: each statement of a key policy must name one or more principals.`
        : `${where} has both Principal and NotPrincipal; give one of them.`,
    );
  for (const name of principals) checkPrincipal(`${where}.${name}`, statement[name]);
  for (const [element, negated] of [
    ['Action', 'NotAction'],
    ['Resource', 'NotResource'],
  ] as const) {
    if (element in statement && negated in statement)
      throw malformed(`${where} has both ${element} and ${negated}; give one of them.`);
    // AWS: a statement without Action or Resource "has no effect", and is accepted.
    for (const name of [element, negated])
      if (name in statement && !isStringOrStrings(statement[name]))
        throw malformed(`${where}.${name} must be a string or a non-empty list of strings.`);
  }
  if (statement.Condition !== undefined) {
    if (!isObject(statement.Condition) || !Object.values(statement.Condition).every(isObject))
      throw malformed(
        `${where}.Condition must be an object of condition operators, each an object of condition keys.`,
      );
  }
  return statement as unknown as PolicyStatement;
}

/** Parses and checks a key policy; returns its statements. */
export function checkKeyPolicy(text: string): PolicyStatement[] {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_KEY_POLICY_BYTES)
    throw new KmsError(
      'LimitExceededException',
      `The key policy is ${bytes} bytes; a key policy can be at most ${MAX_KEY_POLICY_BYTES} bytes (32 KB).`,
    );
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw malformed(`The key policy is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(document)) throw malformed('The key policy must be a JSON object.');
  if (
    document.Version !== undefined &&
    !['2012-10-17', '2008-10-17'].includes(document.Version as string)
  )
    throw malformed('The key policy\'s Version must be "2012-10-17" (or the older "2008-10-17").');
  if (document.Id !== undefined && typeof document.Id !== 'string')
    throw malformed("The key policy's Id must be a string.");
  const { Statement } = document;
  if (Statement === undefined) throw malformed('The key policy has no Statement.');
  const statements = Array.isArray(Statement) ? Statement : [Statement];
  if (statements.length === 0) throw malformed("The key policy's Statement list is empty.");
  return statements.map((statement, index) =>
    checkStatement(Array.isArray(Statement) ? `Statement[${index}]` : 'Statement', statement),
  );
}
