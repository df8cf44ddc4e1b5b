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
  /**
   * A Region other than the default one: its records are in regional-keys and
   * regional-aliases. Absent: the default Region's, in keys and aliases.
   */
  region?: string | undefined;
}

/** The stored key or alias without the Region its record carries. */
function withoutRegion<T extends object>(
  record: (T & { region: string }) | undefined,
): T | undefined {
  if (!record) return undefined;
  const { region: _, ...rest } = record;
  return rest as unknown as T;
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
  readonly #region: string | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(db: KmsLabDb, options: IdbKeyStoreOptions = {}) {
    this.#db = db;
    this.#onChange = options.onChange ?? (() => {});
    this.#locks = options.locks;
    // One lock for every Region: the engine's writes may span Regions (ReplicateKey).
    this.#lockName = options.lockName ?? 'kms-lab-key-store';
    this.#region = options.region;
  }

  async getKey(keyId: string): Promise<StoredKey | undefined> {
    const region = this.#region;
    if (region === undefined) return this.#db.get('keys', keyId);
    return withoutRegion<StoredKey>(await this.#db.get('regional-keys', [region, keyId]));
  }
  async listKeys(): Promise<StoredKey[]> {
    const region = this.#region;
    if (region === undefined) return this.#db.getAll('keys');
    const records = await this.#db.getAllFromIndex('regional-keys', 'region', region);
    return records.map((record) => withoutRegion<StoredKey>(record) as StoredKey);
  }
  async putKey(key: StoredKey) {
    const sealed = await sealMaterials(key);
    assertNoRawKeyMaterial(sealed);
    const region = this.#region;
    if (region === undefined) await this.#db.put('keys', sealed);
    else await this.#db.put('regional-keys', { ...sealed, region });
    this.#onChange('keys');
  }
  async deleteKey(keyId: string) {
    const region = this.#region;
    if (region === undefined) await this.#db.delete('keys', keyId);
    else await this.#db.delete('regional-keys', [region, keyId]);
    this.#onChange('keys');
  }
  async getAlias(aliasName: string): Promise<StoredAlias | undefined> {
    const region = this.#region;
    if (region === undefined) return this.#db.get('aliases', aliasName);
    return withoutRegion<StoredAlias>(await this.#db.get('regional-aliases', [region, aliasName]));
  }
  async listAliases(): Promise<StoredAlias[]> {
    const region = this.#region;
    if (region === undefined) return this.#db.getAll('aliases');
    const records = await this.#db.getAllFromIndex('regional-aliases', 'region', region);
    return records.map((record) => withoutRegion<StoredAlias>(record) as StoredAlias);
  }
  async putAlias(alias: StoredAlias) {
    const region = this.#region;
    if (region === undefined) await this.#db.put('aliases', alias);
    else await this.#db.put('regional-aliases', { ...alias, region });
    this.#onChange('keys');
  }
  async deleteAlias(aliasName: string) {
    const region = this.#region;
    if (region === undefined) await this.#db.delete('aliases', aliasName);
    else await this.#db.delete('regional-aliases', [region, aliasName]);
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
