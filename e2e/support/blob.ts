/**
 * Reads the header of a KMS Lab ciphertext blob (docs/ciphertext-format.md, version 1):
 * magic "KL", version, AAD kind, key ID length L, key ID, then the 32-byte key material ID.
 */
export interface BlobHeader {
  aadKind: 'aws-encryption-context' | 'alibaba-aad';
  keyId: string;
  /** 64 lowercase hex characters, as AWS's KeyMaterialId. */
  keyMaterialId: string;
}

export function readBlobHeader(blobBase64: string): BlobHeader {
  const blob = Buffer.from(blobBase64.replace(/\s+/g, ''), 'base64');
  if (blob.length < 5 || blob.toString('latin1', 0, 2) !== 'KL' || blob[2] !== 1)
    throw new Error('not a version 1 KMS Lab ciphertext blob');
  const keyIdLength = blob[4] as number;
  const materialStart = 5 + keyIdLength;
  return {
    aadKind: blob[3] === 0 ? 'aws-encryption-context' : 'alibaba-aad',
    keyId: blob.toString('ascii', 5, materialStart),
    keyMaterialId: blob.subarray(materialStart, materialStart + 32).toString('hex'),
  };
}
