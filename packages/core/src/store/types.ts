import type {
  AlgorithmSpec,
  ExpirationModelType,
  GrantOperation,
  KeySpec,
  KeyUsageType,
  RotationType,
  Tag,
  WrappingKeySpec,
} from '../model/types.generated.js';
import type { WebCryptoKey } from '../webcrypto-types.js';

/**
 * A KMS key's AES-256-GCM key material: a non-extractable CryptoKey where the store can
 * keep CryptoKey objects (memory, IndexedDB), raw bytes where it serialises (a file).
 */
export type KeyMaterialSecret = WebCryptoKey | Uint8Array;

export interface StoredKeyMaterial {
  /** 64 lowercase hex characters, as AWS's KeyMaterialId. */
  keyMaterialId: string;
  /**
   * Absent while imported material is deleted (DeleteImportedKeyMaterial) or expired: the
   * same material must be imported again, which its KeyMaterialId recognises.
   */
  secret?: KeyMaterialSecret | undefined;
  /** When this material was made: the key's creation, or the rotation that made it. */
  createdAt: Date;
  /** How it came to be; absent for the key's initial material. */
  rotationType?: RotationType | undefined;
  /** Material imported into an EXTERNAL key (ImportKeyMaterial): how the last import set it. */
  imported?: StoredImportTerms | undefined;
}

/** What ImportKeyMaterial said of the material: its expiry and its description. */
export interface StoredImportTerms {
  expirationModel: ExpirationModelType;
  /** When the material is deleted, for KEY_MATERIAL_EXPIRES. */
  validTo?: Date | undefined;
  description?: string | undefined;
}

/**
 * One GetParametersForImport answer: the wrapping key pair's private half (kept as the store
 * keeps private keys) and what its import token is bound to. Dropped once expired.
 */
export interface StoredImportParameters {
  /** 32 lowercase hex characters: the import token names it. */
  tokenId: string;
  wrappingKeySpec: WrappingKeySpec;
  wrappingAlgorithm: AlgorithmSpec;
  validTo: Date;
  /** PKCS #8 bytes in stores that serialise, else a non-extractable RSA-OAEP CryptoKey. */
  privateKey: PrivateKeySecret;
}

/**
 * How the private half of an asymmetric KMS key, or an HMAC key, is kept:
 * - `bytes`: PKCS #8 DER (the raw key for HMAC), in stores that serialise (the server's file);
 * - `cryptoKeys`: non-extractable CryptoKeys, one per WebCrypto algorithm the key needs, where
 *   WebCrypto has every algorithm of the key (RSA-OAEP, ECDH, HMAC-SHA-256/384/512);
 * - `wrapped`: PKCS #8 encrypted with AES-256-GCM under a non-extractable CryptoKey, where
 *   WebCrypto lacks an algorithm (secp256k1, SM2, Ed25519ph, HMAC-SHA-224, ML-DSA, ML-KEM,
 *   and signing with MessageType DIGEST, which WebCrypto cannot do).
 */
export type PrivateKeySecret =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'cryptoKeys'; keys: Record<string, WebCryptoKey> }
  | { kind: 'wrapped'; wrappingKey: WebCryptoKey; iv: Uint8Array; ciphertext: Uint8Array };

/** An asymmetric KMS key's key pair, or an HMAC key: it never leaves the engine. */
export interface StoredPrivateKey {
  /** DER SubjectPublicKeyInfo; absent for HMAC keys. */
  publicKey?: Uint8Array | undefined;
  secret: PrivateKeySecret;
}

/**
 * A grant on a KMS key (CreateGrant). Principals are kept as given; the encryption context
 * constraints as AWS returns them in ListGrants.
 */
export interface StoredGrant {
  /** 64 lowercase hex characters, as AWS's grant IDs. */
  grantId: string;
  name?: string | undefined;
  createdAt: Date;
  granteePrincipal?: string | undefined;
  granteeServicePrincipal?: string | undefined;
  retiringPrincipal?: string | undefined;
  retiringServicePrincipal?: string | undefined;
  /** The principal that created the grant: its account is the grant's IssuingAccount. */
  issuingAccount: string;
  operations: GrantOperation[];
  constraints?:
    | {
        encryptionContextEquals?: Record<string, string> | undefined;
        encryptionContextSubset?: Record<string, string> | undefined;
        sourceArn?: string | undefined;
      }
    | undefined;
}

export interface StoredKey {
  keyId: string;
  createdAt: Date;
  description: string;
  keyUsage: KeyUsageType;
  keySpec: KeySpec;
  enabled: boolean;
  /**
   * Set while the key is pending deletion. `afterReplicas`: a multi-Region primary key waits
   * for its replicas to be deleted (PendingReplicaDeletion); its window starts after them.
   */
  deletion?: { date: Date; windowDays: number; afterReplicas?: boolean | undefined } | undefined;
  /**
   * Multi-Region keys only (`mrk-` key IDs): the Region of the primary key. Every related key
   * (the primary and its replicas, one per Region) holds the same key ID and key material.
   */
  multiRegion?: { primaryRegion: string } | undefined;
  tags: Tag[];
  /** Oldest first; the last one is current. Empty for asymmetric and HMAC keys. */
  materials: StoredKeyMaterial[];
  /** Asymmetric and HMAC keys only. */
  privateKey?: StoredPrivateKey | undefined;
  rotation: {
    enabled: boolean;
    periodDays: number;
    nextRotationDate?: Date | undefined;
    onDemandCount: number;
  };
  /**
   * The key policy document, exactly as given to CreateKey or PutKeyPolicy, or AWS's default
   * policy. Absent in records written before KMS Lab kept policies: the default policy.
   */
  policy?: string | undefined;
  /** Oldest first. Absent in records written before KMS Lab kept grants: none. */
  grants?: StoredGrant[] | undefined;
  /**
   * 32 random bytes that authenticate this key's grant tokens (kms/grants/grant-tokens.ts),
   * made with its first grant. Not key material: a token proves only that KMS Lab issued it.
   */
  grantTokenKey?: Uint8Array | undefined;
  /** EXTERNAL for keys made for imported key material; absent: AWS_KMS. */
  origin?: 'EXTERNAL' | undefined;
  /** EXTERNAL keys: the import parameters that are still valid, oldest first. */
  importParameters?: StoredImportParameters[] | undefined;
  /**
   * EXTERNAL symmetric keys: material imported with ImportType NEW_KEY_MATERIAL into a key that
   * already has material, waiting for RotateKeyOnDemand to make it current (PENDING_ROTATION).
   */
  pendingRotationMaterial?: StoredKeyMaterial | undefined;
  /**
   * EXTERNAL HMAC and asymmetric keys: which material was imported (its KeyMaterialId, so only
   * the same can be imported again) and the last import's terms. `privateKey` is absent while
   * it is deleted.
   */
  importedPrivateKey?: { keyMaterialId: string; terms: StoredImportTerms } | undefined;
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
