import type { KeySpec, KeyUsageType, RotationType, Tag } from '../model/types.generated.js';

/**
 * A KMS key's AES-256-GCM key material: a non-extractable CryptoKey where the store can
 * keep CryptoKey objects (memory, IndexedDB), raw bytes where it serialises (a file).
 */
export type KeyMaterialSecret = CryptoKey | Uint8Array;

export interface StoredKeyMaterial {
  /** 64 lowercase hex characters, as AWS's KeyMaterialId. */
  keyMaterialId: string;
  secret: KeyMaterialSecret;
  /** When this material was made: the key's creation, or the rotation that made it. */
  createdAt: Date;
  /** How it came to be; absent for the key's initial material. */
  rotationType?: RotationType | undefined;
}

export interface StoredKey {
  keyId: string;
  createdAt: Date;
  description: string;
  keyUsage: KeyUsageType;
  keySpec: KeySpec;
  enabled: boolean;
  /** Set while the key is pending deletion. */
  deletion?: { date: Date; windowDays: number } | undefined;
  tags: Tag[];
  /** Oldest first; the last one is current. Empty for asymmetric and HMAC keys. */
  materials: StoredKeyMaterial[];
  rotation: {
    enabled: boolean;
    periodDays: number;
    nextRotationDate?: Date | undefined;
    onDemandCount: number;
  };
}

export interface StoredAlias {
  aliasName: string;
  targetKeyId: string;
  createdAt: Date;
  lastUpdatedAt: Date;
}

/**
 * Where the engine keeps keys and aliases. Implementations: memory (here), IndexedDB
 * (the web app), a JSON file (the server). Every method may be called concurrently;
 * the engine serialises its own writes through `exclusive` when the store offers it
 * (e.g. a cross-tab lock), and through an in-process lock otherwise.
 */
export interface KeyStore {
  /** True when the store keeps CryptoKey objects as they are (structured clone). */
  readonly holdsCryptoKeys: boolean;
  getKey(keyId: string): Promise<StoredKey | undefined>;
  listKeys(): Promise<StoredKey[]>;
  putKey(key: StoredKey): Promise<void>;
  deleteKey(keyId: string): Promise<void>;
  getAlias(aliasName: string): Promise<StoredAlias | undefined>;
  listAliases(): Promise<StoredAlias[]>;
  putAlias(alias: StoredAlias): Promise<void>;
  deleteAlias(aliasName: string): Promise<void>;
  exclusive?<T>(work: () => Promise<T>): Promise<T>;
}
