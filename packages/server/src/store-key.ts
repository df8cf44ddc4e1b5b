/**
 * The store key: 32 random bytes in `<store file>.key` beside the store (mode 0600), made when
 * a store first needs it. It wraps the private halves of asymmetric and HMAC KMS keys in the
 * store file with AES-256-GCM, so the file never holds a private key in the clear: a copy of
 * the store alone (a backup, a paste, a commit) gives none away. The two files travel together.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { FILE_MODE } from './atomic-file.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const storeKeyPath = (storePath: string) => `${storePath}.key`;

/** Why the store key cannot be used; the message never quotes a secret. */
export class StoreKeyError extends Error {
  override readonly name = 'StoreKeyError';
}

/** The store key, or undefined when its file does not exist. */
export async function readStoreKey(storePath: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(storeKeyPath(storePath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== text.trim())
    throw new StoreKeyError(
      `${storeKeyPath(storePath)} is not a KMS Lab store key (32 bytes, base64)`,
    );
  return key;
}

/** Reads the store key, making it first if there is none (two servers racing agree on one). */
export async function readOrCreateStoreKey(storePath: string): Promise<Buffer> {
  const existing = await readStoreKey(storePath);
  if (existing) return existing;
  const key = randomBytes(KEY_BYTES);
  try {
    const file = await open(storeKeyPath(storePath), 'wx', FILE_MODE);
    try {
      await file.chmod(FILE_MODE);
      await file.writeFile(`${key.toString('base64')}\n`, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readStoreKey(storePath)) as Buffer;
  }
}

/** The record a secret is wrapped for: a wrapped secret cannot be moved to another key. */
const aad = (keyId: string) => Buffer.from(`kms-lab/private-key/${keyId}`);

/** base64 of IV || ciphertext || tag. */
export function wrapSecret(storeKey: Buffer, keyId: string, secret: Uint8Array): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', storeKey, iv);
  cipher.setAAD(aad(keyId));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64');
}

/** The secret, or undefined when the wrapping is damaged or was made with another store key. */
export function unwrapSecret(
  storeKey: Buffer,
  keyId: string,
  wrapped: Uint8Array,
): Uint8Array | undefined {
  if (wrapped.length < IV_BYTES + TAG_BYTES + 1) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', storeKey, wrapped.subarray(0, IV_BYTES));
  decipher.setAAD(aad(keyId));
  decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
  try {
    const body = wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES);
    return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch {
    return undefined;
  }
}
