import { readFile } from 'node:fs/promises';

/** Why a credentials file cannot be used; never quotes a secret. */
export class CredentialsFileError extends Error {
  override readonly name = 'CredentialsFileError';
}

/**
 * Reads a credentials file: one JSON object mapping access key IDs to secret access
 * keys, `{ "AKIAEXAMPLE": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }`.
 */
export async function loadCredentials(path: string): Promise<Map<string, string>> {
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
  return credentialsFrom(document, `The credentials file ${path}`);
}

/** Checks a credentials object: non-empty string IDs to non-empty string secrets. */
export function credentialsFrom(document: unknown, what = 'The credentials'): Map<string, string> {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new CredentialsFileError(
      `${what} must be a JSON object of access key IDs to secret access keys.`,
    );
  const credentials = new Map<string, string>();
  for (const [accessKeyId, secret] of Object.entries(document)) {
    if (!/^[A-Za-z0-9_+=,.@-]{1,128}$/.test(accessKeyId))
      throw new CredentialsFileError(
        `${what} holds an access key ID that is empty, too long or has characters other than letters, digits and _+=,.@-.`,
      );
    if (typeof secret !== 'string' || secret === '')
      throw new CredentialsFileError(
        `${what}: the secret access key of ${accessKeyId} must be a non-empty string.`,
      );
    credentials.set(accessKeyId, secret);
  }
  if (credentials.size === 0)
    throw new CredentialsFileError(`${what} holds no credentials; give at least one.`);
  return credentials;
}
