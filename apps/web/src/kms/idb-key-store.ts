import type { KeyStore, StoredAlias, StoredKey } from '@kms-lab/core';
import type { KmsLabDb } from './db';
import { sealMaterials, wantsExportable } from './exportable';

export type StoreTopic = 'keys' | 'history' | 'clock';

export interface IdbKeyStoreOptions {
  /** Told after every write, so other tabs can be told too. */
  onChange?: (topic: StoreTopic) => void;
  /** Web Locks (navigator.locks) for a lock shared by every tab of the origin. */
  locks?: Pick<LockManager, 'request'> | undefined;
  lockName?: string;
}

/**
 * The engine's KeyStore over IndexedDB. Master key material stays a non-extractable
 * CryptoKey: IndexedDB keeps CryptoKeys by structured clone, and this store refuses to
 * write key material in any other form.
 */
export class IdbKeyStore implements KeyStore {
  readonly holdsCryptoKeys = true;
  readonly #db: KmsLabDb;
  readonly #onChange: (topic: StoreTopic) => void;
  readonly #locks: IdbKeyStoreOptions['locks'];
  readonly #lockName: string;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(db: KmsLabDb, options: IdbKeyStoreOptions = {}) {
    this.#db = db;
    this.#onChange = options.onChange ?? (() => {});
    this.#locks = options.locks;
    this.#lockName = options.lockName ?? 'kms-lab-key-store';
  }

  async getKey(keyId: string) {
    return this.#db.get('keys', keyId);
  }
  async listKeys() {
    return this.#db.getAll('keys');
  }
  async putKey(key: StoredKey) {
    const sealed = await sealMaterials(key);
    assertNoRawKeyMaterial(sealed);
    await this.#db.put('keys', sealed);
    this.#onChange('keys');
  }
  async deleteKey(keyId: string) {
    await this.#db.delete('keys', keyId);
    this.#onChange('keys');
  }
  async getAlias(aliasName: string) {
    return this.#db.get('aliases', aliasName);
  }
  async listAliases() {
    return this.#db.getAll('aliases');
  }
  async putAlias(alias: StoredAlias) {
    await this.#db.put('aliases', alias);
    this.#onChange('keys');
  }
  async deleteAlias(aliasName: string) {
    await this.#db.delete('aliases', aliasName);
    this.#onChange('keys');
  }

  /**
   * Serialises the engine's read-modify-write sequences across every tab (Web Locks),
   * or within this page where Web Locks are missing.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#locks) return this.#locks.request(this.#lockName, work) as Promise<T>;
    const result = this.#tail.then(work, work);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

const isCryptoKey = (value: unknown): value is CryptoKey =>
  typeof value === 'object' &&
  value !== null &&
  !(value instanceof Uint8Array) &&
  'extractable' in value;

const isNonExtractableCryptoKey = (value: unknown) =>
  isCryptoKey(value) && value.extractable === false;

/**
 * Key material must be non-extractable CryptoKeys, or bytes wrapped under one: raw bytes
 * would be readable from disk. Symmetric material is a CryptoKey; the private half of an
 * asymmetric or HMAC key is CryptoKeys, or AES-GCM ciphertext under a CryptoKey. The one
 * exception: a key made exportable (kms/exportable.ts) keeps its AES material as an
 * extractable CryptoKey, still never as bytes.
 */
export function assertNoRawKeyMaterial(key: StoredKey): void {
  const exportable = wantsExportable(key);
  const materials = key.pendingRotationMaterial
    ? [...key.materials, key.pendingRotationMaterial]
    : key.materials;
  for (const material of materials) {
    // Imported material deleted or expired: only its ID and terms are kept.
    if (material.secret === undefined) continue;
    const allowed = exportable
      ? isCryptoKey(material.secret)
      : isNonExtractableCryptoKey(material.secret);
    if (!allowed)
      throw new Error(
        `Refusing to store key material ${material.keyMaterialId}: it must be a ${exportable ? '' : 'non-extractable '}CryptoKey.`,
      );
  }
  const secret = key.privateKey?.secret;
  if (secret === undefined) return;
  const held =
    secret.kind === 'cryptoKeys'
      ? Object.values(secret.keys).length > 0 &&
        Object.values(secret.keys).every(isNonExtractableCryptoKey)
      : secret.kind === 'wrapped' && isNonExtractableCryptoKey(secret.wrappingKey);
  if (!held)
    throw new Error(
      `Refusing to store the private key of ${key.keyId}: it must be non-extractable CryptoKeys or wrapped under one.`,
    );
}
