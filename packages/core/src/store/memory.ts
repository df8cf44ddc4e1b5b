import type { KeyStore, StoredAlias, StoredKey } from './types.js';

// Records are copied in and out so that a caller holding a record cannot change what
// is stored behind the engine's back; CryptoKeys are immutable and shared as they are.
const copyKey = (key: StoredKey): StoredKey => ({
  ...key,
  createdAt: new Date(key.createdAt),
  deletion: key.deletion && { ...key.deletion, date: new Date(key.deletion.date) },
  multiRegion: key.multiRegion && { ...key.multiRegion },
  tags: key.tags.map((tag) => ({ ...tag })),
  materials: key.materials.map((material) => ({
    ...material,
    createdAt: new Date(material.createdAt),
  })),
  rotation: {
    ...key.rotation,
    nextRotationDate: key.rotation.nextRotationDate && new Date(key.rotation.nextRotationDate),
  },
  grants: key.grants?.map((grant) => ({
    ...grant,
    createdAt: new Date(grant.createdAt),
    operations: [...grant.operations],
    constraints: grant.constraints && structuredClone(grant.constraints),
  })),
  grantTokenKey: key.grantTokenKey && new Uint8Array(key.grantTokenKey),
});
const copyAlias = (alias: StoredAlias): StoredAlias => ({
  ...alias,
  createdAt: new Date(alias.createdAt),
  lastUpdatedAt: new Date(alias.lastUpdatedAt),
});

/** A KeyStore in memory: keys live as long as the process or the page. */
export class MemoryKeyStore implements KeyStore {
  readonly holdsCryptoKeys: boolean = true;
  readonly #keys = new Map<string, StoredKey>();
  readonly #aliases = new Map<string, StoredAlias>();

  async getKey(keyId: string) {
    const key = this.#keys.get(keyId);
    return key && copyKey(key);
  }
  async listKeys() {
    return [...this.#keys.values()].map(copyKey);
  }
  async putKey(key: StoredKey) {
    this.#keys.set(key.keyId, copyKey(key));
  }
  async deleteKey(keyId: string) {
    this.#keys.delete(keyId);
  }
  async getAlias(aliasName: string) {
    const alias = this.#aliases.get(aliasName);
    return alias && copyAlias(alias);
  }
  async listAliases() {
    return [...this.#aliases.values()].map(copyAlias);
  }
  async putAlias(alias: StoredAlias) {
    this.#aliases.set(alias.aliasName, copyAlias(alias));
  }
  async deleteAlias(aliasName: string) {
    this.#aliases.delete(aliasName);
  }
}
