import { readFile } from 'node:fs/promises';

/** Why a credentials file cannot be used; never quotes a secret. */
export class CredentialsFileError extends Error {
  override readonly name = 'CredentialsFileError';
}

/** One access key of a credentials file: its secret, and the principal it acts as. */
export interface CredentialEntry {
  secretAccessKey: string;
  /** The IAM ARN the key's requests come from, for policy enforcement; default the account's root. */
  principal?: string | undefined;
}

/** The IAM principals an access key may act as: an account root, a user, a role, an STS session. */
const PRINCIPAL =
  /^arn:aws[a-z-]*:(iam::\d{12}:(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+)|sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;

/**
 * Reads a credentials file: one JSON object mapping access key IDs to secret access keys,
 * `{ "AKIAEXAMPLE": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }`, or to the secret and the
 * principal the key acts as, `{ "AKIAALICE": { "secretAccessKey": "...", "principal":
 * "arn:aws:iam::111122223333:user/Alice" } }`.
 */
export async function loadCredentials(path: string): Promise<Map<string, CredentialEntry>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CredentialsFileError(
      `Cannot read the credentials file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}.`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new CredentialsFileError(`The credentials file ${path} is not JSON.`);
  }
  return credentialEntriesFrom(document, `The credentials file ${path}`);
}

function entryOf(accessKeyId: string, value: unknown, what: string): CredentialEntry {
  if (typeof value === 'string' && value !== '') return { secretAccessKey: value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { secretAccessKey, principal } = value as Record<string, unknown>;
    if (typeof secretAccessKey === 'string' && secretAccessKey !== '') {
      if (principal === undefined) return { secretAccessKey };
      if (typeof principal === 'string' && PRINCIPAL.test(principal))
        return { secretAccessKey, principal };
      throw new CredentialsFileError(
        `${what}: the principal of ${accessKeyId} must be an IAM ARN such as arn:aws:iam::111122223333:user/Alice or arn:aws:iam::111122223333:role/App.`,
      );
    }
  }
  throw new CredentialsFileError(
    `${what}: the secret access key of ${accessKeyId} must be a non-empty string (or {"secretAccessKey": "...", "principal": "<IAM ARN>"}).`,
  );
}

/** Checks a credentials object: access key IDs to secrets, or to a secret and a principal. */
export function credentialEntriesFrom(
  document: unknown,
  what = 'The credentials',
): Map<string, CredentialEntry> {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new CredentialsFileError(
      `${what} must be a JSON object of access key IDs to secret access keys.`,
    );
  const credentials = new Map<string, CredentialEntry>();
  for (const [accessKeyId, value] of Object.entries(document)) {
    if (!/^[A-Za-z0-9_+=,.@-]{1,128}$/.test(accessKeyId))
      throw new CredentialsFileError(
        `${what} holds an access key ID that is empty, too long or has characters other than letters, digits and _+=,.@-.`,
      );
    credentials.set(accessKeyId, entryOf(accessKeyId, value, what));
  }
  if (credentials.size === 0)
    throw new CredentialsFileError(`${what} holds no credentials; give at least one.`);
  return credentials;
}

/** The secrets of a credentials object, by access key ID (what SigV4 verification needs). */
export function credentialsFrom(document: unknown, what = 'The credentials'): Map<string, string> {
  return new Map(
    [...credentialEntriesFrom(document, what)].map(([id, entry]) => [id, entry.secretAccessKey]),
  );
}
