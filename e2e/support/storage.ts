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

/**
 * Opens the app's database with the raw IndexedDB API, takes the first stored key's
 * material and tries to export it. The app's code takes no part.
 */
export function probeMasterKey(page: Page, database: string) {
  return page.evaluate(async (name) => {
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const db = await request(indexedDB.open(name));
    try {
      const keys = (await request(
        db.transaction('keys', 'readonly').objectStore('keys').getAll(),
      )) as { keyId: string; materials: { secret: unknown }[] }[];
      const secret = keys[0]?.materials[0]?.secret;
      if (!(secret instanceof CryptoKey))
        return { keyCount: keys.length, isCryptoKey: false as const };
      let exportError: string | undefined;
      try {
        await crypto.subtle.exportKey('raw', secret);
      } catch (error) {
        exportError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      return {
        keyCount: keys.length,
        isCryptoKey: true as const,
        extractable: secret.extractable,
        algorithm: secret.algorithm.name,
        usages: [...secret.usages],
        exportError,
      };
    } finally {
      db.close();
    }
  }, database);
}

/** The private half of one asymmetric or HMAC KMS key, as IndexedDB holds it. */
export interface StoredPrivateHalf {
  keyId: string;
  keySpec: string;
  keyUsage: string;
  /** `privateKey.secret.kind`: `cryptoKeys`, `wrapped` (or `bytes`, which must not be here). */
  kind: string | undefined;
  /** Every CryptoKey of the secret (the key's own, or the wrapping key) and an export try. */
  cryptoKeys: { extractable: boolean; algorithm: string; type: string; exportError?: string }[];
  /** Byte arrays in the secret: the wrapped ciphertext (AES-GCM) and its IV; none for CryptoKeys. */
  byteLengths: number[];
}

/**
 * Reads the `keys` store of the app's database with the raw IndexedDB API and, for each key
 * with a private half, what its secret is made of; tries to export every CryptoKey in it.
 */
export function readPrivateHalves(page: Page, database: string): Promise<StoredPrivateHalf[]> {
  return page.evaluate(async (name) => {
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const db = await request(indexedDB.open(name));
    try {
      const keys = (await request(
        db.transaction('keys', 'readonly').objectStore('keys').getAll(),
      )) as {
        keyId: string;
        keySpec: string;
        keyUsage: string;
        privateKey?: { secret?: Record<string, unknown> };
      }[];
      const halves: StoredPrivateHalf[] = [];
      for (const key of keys) {
        const secret = key.privateKey?.secret;
        if (!secret) continue;
        const values = [
          ...Object.values(secret),
          ...Object.values((secret.keys as Record<string, unknown> | undefined) ?? {}),
        ];
        const cryptoKeys: StoredPrivateHalf['cryptoKeys'] = [];
        const byteLengths: number[] = [];
        for (const value of values) {
          if (value instanceof CryptoKey) {
            let exportError: string | undefined;
            try {
              await crypto.subtle.exportKey(value.type === 'secret' ? 'raw' : 'pkcs8', value);
            } catch (error) {
              exportError = error instanceof Error ? error.name : String(error);
            }
            cryptoKeys.push({
              extractable: value.extractable,
              algorithm: value.algorithm.name,
              type: value.type,
              exportError,
            });
          } else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value))
            byteLengths.push(value.byteLength);
        }
        halves.push({
          keyId: key.keyId,
          keySpec: key.keySpec,
          keyUsage: key.keyUsage,
          kind: typeof secret.kind === 'string' ? secret.kind : undefined,
          cryptoKeys,
          byteLengths,
        });
      }
      return halves;
    } finally {
      db.close();
    }
  }, database);
}
