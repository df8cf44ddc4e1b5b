import { createDecipheriv } from 'node:crypto';

/**
 * Decrypts a KMS Lab blob with node:crypto alone (docs/ciphertext-format.md): AES-256-GCM,
 * AAD = header || the empty encryption context. Proves the seed's bytes are the key material.
 */
export function decryptWithNode(blob: Uint8Array, aesKey: Buffer): Buffer {
  const keyIdLength = blob[4] as number;
  const headerLength = 53 + keyIdLength;
  const iv = blob.subarray(37 + keyIdLength, 49 + keyIdLength);
  const decipher = createDecipheriv('aes-256-gcm', aesKey, iv);
  decipher.setAAD(Buffer.concat([blob.subarray(0, headerLength), Buffer.alloc(4)]));
  decipher.setAuthTag(blob.subarray(blob.length - 16));
  return Buffer.concat([
    decipher.update(blob.subarray(headerLength, blob.length - 16)),
    decipher.final(),
  ]);
}
