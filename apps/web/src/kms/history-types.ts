/**
 * What the app remembers of each data key operation. Public keys and ciphertext blobs
 * only: a plaintext private key is never part of a record (history-store.ts checks).
 */
export interface HistoryRecord {
  id?: number;
  /** The app clock's time of the operation. */
  at: Date;
  operation: string;
  /** The master key's ID (Alibaba) or ARN (AWS), as the response named it. */
  keyId?: string;
  keyPairSpec?: string;
  /** DER SubjectPublicKeyInfo. */
  publicKey?: Uint8Array;
  privateKeyCiphertextBlob?: Uint8Array;
  encryptionContext?: Record<string, string>;
  /** Alibaba's additional authenticated data (not secret). */
  aad?: Uint8Array;
  keyMaterialId?: string;
  keyVersionId?: string;
  /** Set when the operation failed: the AWS exception name or Alibaba code. */
  errorName?: string;
  /** For Decrypt: the history entry whose public key the decrypted private key matches. */
  matchedHistoryId?: number;
}
