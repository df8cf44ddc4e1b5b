import type { Page } from '@playwright/test';

/** Everything the origin's storage holds, read in the page with the raw browser APIs. */
export interface StorageDump {
  /** Every string (and number, key path, store name…) found, joined by newlines. */
  text: string;
  /** Every byte found in an ArrayBuffer or typed array, concatenated, as base64. */
  bytesBase64: string;
  databases: string[];
  /** `${database}/${store}` of every object store read. */
  stores: string[];
  /** Values that are CryptoKeys: where, and their properties. */
  cryptoKeys: { path: string; extractable: boolean; algorithm: string; type: string }[];
}

/**
 * Dumps every object store of every IndexedDB database of the page's origin, plus
 * localStorage, sessionStorage and the URL. Runs in the page: no app code is involved.
 */
export function dumpStorage(page: Page): Promise<StorageDump> {
  return page.evaluate(async () => {
    const text: string[] = [location.href];
    const bytes: number[] = [];
    const cryptoKeys: StorageDump['cryptoKeys'] = [];
    const stores: string[] = [];

    const walk = (value: unknown, path: string, seen: Set<object>): void => {
      if (value === null || value === undefined) return;
      if (typeof value === 'string') text.push(value);
      else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
        text.push(String(value));
      else if (value instanceof CryptoKey)
        cryptoKeys.push({
          path,
          extractable: value.extractable,
          algorithm: value.algorithm.name,
          type: value.type,
        });
      else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const view =
          value instanceof ArrayBuffer
            ? new Uint8Array(value)
            : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        for (const byte of view) bytes.push(byte);
        bytes.push(0);
      } else if (value instanceof Date) text.push(value.toISOString());
      else if (value instanceof Blob) text.push(`[Blob ${value.size}]`);
      else if (typeof value === 'object') {
        if (seen.has(value)) return;
        seen.add(value);
        const entries =
          value instanceof Map
            ? [...value.entries()]
            : value instanceof Set
              ? [...value.values()].map((each, index) => [index, each])
              : Object.entries(value);
        for (const [key, each] of entries) {
          walk(key, `${path}.key`, seen);
          walk(each, `${path}.${String(key)}`, seen);
        }
      }
    };

    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });

    const databases = await indexedDB.databases();
    for (const { name } of databases) {
      if (!name) continue;
      const open = indexedDB.open(name);
      const db = await request(open);
      try {
        for (const storeName of Array.from(db.objectStoreNames)) {
          stores.push(`${name}/${storeName}`);
          const store = db.transaction(storeName, 'readonly').objectStore(storeName);
          const [keys, values] = await Promise.all([
            request(store.getAllKeys()),
            request(store.getAll()),
          ]);
          walk(keys, `${name}/${storeName}#keys`, new Set());
          walk(values, `${name}/${storeName}`, new Set());
        }
      } finally {
        db.close();
      }
    }
    for (const storage of [localStorage, sessionStorage]) {
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index);
        if (key === null) continue;
        text.push(key, storage.getItem(key) ?? '');
      }
    }

    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return {
      text: text.join('\n'),
      bytesBase64: btoa(binary),
      databases: databases.map((each) => each.name ?? ''),
      stores,
      cryptoKeys,
    };
  });
}

/** A CryptoKey found in a stored secret, and how exporting it failed (it must). */
export interface StoredCryptoKey {
  extractable: boolean;
  algorithm: string;
  type: string;
  usages: string[];
  /** The exportKey error's name; absent when the export worked. */
  exportError?: string;
}

/** What one stored secret is made of: its CryptoKeys and its byte arrays. */
export interface StoredSecret {
  /** The secret is a CryptoKey itself (a symmetric key's material), not a record. */
  isCryptoKey: boolean;
  /** A record's `kind`: `cryptoKeys`, `wrapped` (or `bytes`, which must not be in a private half). */
  kind: string | undefined;
  /** Every CryptoKey of the secret (the key's own, or the wrapping key) and an export try. */
  cryptoKeys: StoredCryptoKey[];
  /** Byte arrays in the secret: the wrapped ciphertext (AES-GCM) and its IV; none for CryptoKeys. */
  byteLengths: number[];
}

/** One row of the app's `keys` store, its secrets described. */
interface StoredKey {
  keyId: string;
  keySpec: string;
  keyUsage: string;
  /** Each key material's secret (symmetric keys). */
  materials: StoredSecret[];
  /** The private half's secret (asymmetric and HMAC keys). */
  privateKey: StoredSecret | undefined;
}

/**
 * Reads the `keys` store of the app's database with the raw IndexedDB API (the app's code
 * takes no part) and describes every secret in it, trying to export each CryptoKey.
 */
function readKeysStore(page: Page, database: string): Promise<StoredKey[]> {
  return page.evaluate(async (name) => {
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const isBytes = (value: unknown) => value instanceof ArrayBuffer || ArrayBuffer.isView(value);

    const readSecret = async (secret: unknown): Promise<StoredSecret> => {
      const record = (secret ?? {}) as Record<string, unknown>;
      // A record's parts are its values, and those of its `keys` (a CryptoKey per use).
      const parts =
        secret instanceof CryptoKey || isBytes(secret)
          ? [secret]
          : [
              ...Object.values(record),
              ...Object.values((record.keys as Record<string, unknown> | undefined) ?? {}),
            ];
      const described: StoredSecret = {
        isCryptoKey: secret instanceof CryptoKey,
        kind: typeof record.kind === 'string' ? record.kind : undefined,
        cryptoKeys: [],
        byteLengths: [],
      };
      for (const part of parts) {
        if (part instanceof CryptoKey) {
          let exportError: string | undefined;
          try {
            await crypto.subtle.exportKey(part.type === 'secret' ? 'raw' : 'pkcs8', part);
          } catch (error) {
            exportError = error instanceof Error ? error.name : String(error);
          }
          described.cryptoKeys.push({
            extractable: part.extractable,
            algorithm: part.algorithm.name,
            type: part.type,
            usages: [...part.usages],
            exportError,
          });
        } else if (isBytes(part)) described.byteLengths.push((part as ArrayBuffer).byteLength);
      }
      return described;
    };

    const db = await request(indexedDB.open(name));
    try {
      const rows = (await request(
        db.transaction('keys', 'readonly').objectStore('keys').getAll(),
      )) as {
        keyId: string;
        keySpec: string;
        keyUsage: string;
        materials?: { secret: unknown }[];
        privateKey?: { secret?: unknown };
      }[];
      const keys: StoredKey[] = [];
      for (const row of rows) {
        const materials: StoredSecret[] = [];
        for (const material of row.materials ?? [])
          materials.push(await readSecret(material.secret));
        const privateSecret = row.privateKey?.secret;
        keys.push({
          keyId: row.keyId,
          keySpec: row.keySpec,
          keyUsage: row.keyUsage,
          materials,
          privateKey: privateSecret === undefined ? undefined : await readSecret(privateSecret),
        });
      }
      return keys;
    } finally {
      db.close();
    }
  }, database);
}

/** The first stored key's first key material, and whether it is a CryptoKey that will not export. */
export async function probeMasterKey(page: Page, database: string) {
  const keys = await readKeysStore(page, database);
  const secret = keys[0]?.materials[0];
  const key = secret?.isCryptoKey ? secret.cryptoKeys[0] : undefined;
  if (!key) return { keyCount: keys.length, isCryptoKey: false as const };
  return { keyCount: keys.length, isCryptoKey: true as const, ...key };
}

/** The private half of one asymmetric or HMAC KMS key, as IndexedDB holds it. */
export interface StoredPrivateHalf extends Omit<StoredSecret, 'isCryptoKey'> {
  keyId: string;
  keySpec: string;
  keyUsage: string;
}

/** What each key with a private half keeps of it in the app's database. */
export async function readPrivateHalves(
  page: Page,
  database: string,
): Promise<StoredPrivateHalf[]> {
  const keys = await readKeysStore(page, database);
  return keys.flatMap(({ keyId, keySpec, keyUsage, privateKey }) => {
    if (!privateKey) return [];
    const { kind, cryptoKeys, byteLengths } = privateKey;
    return [{ keyId, keySpec, keyUsage, kind, cryptoKeys, byteLengths }];
  });
}
