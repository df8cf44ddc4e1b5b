import type { KeySummary } from '../../kms/key-summary';

/** How requests and snippets name a key: its first alias, or its key ID. */
export const keyRefOf = (key: KeySummary) => key.aliases[0] ?? key.keyId;

/** The app's key a KeyId names: key ID, key ARN, alias name or alias ARN. */
export function findKey(keys: readonly KeySummary[], ref: string): KeySummary | undefined {
  const name = ref.trim();
  if (name === '') return undefined;
  return keys.find(
    (key) =>
      key.keyId === name ||
      key.arn === name ||
      key.aliases.some((alias) => alias === name || name.endsWith(`:${alias}`)),
  );
}

export const canEncrypt = (key: KeySummary) => key.keyUsage === 'ENCRYPT_DECRYPT';
