/**
 * The fields of a KMS Lab ciphertext blob (docs/ciphertext-format.md), with their byte
 * ranges, for the same kind of view as the ASN.1 tree. Reads the layout only: it checks
 * the magic, version, lengths and CRC-32 via core's parseBlob, and decrypts nothing.
 */
import { parseBlob } from '@kms-lab/core';
import { toHex } from '../lib/bytes';

export interface BlobField {
  name: string;
  start: number;
  end: number;
  /** What the bytes say, in words. */
  value: string;
}

const AAD_KINDS: Readonly<Record<number, string>> = {
  0: 'AWS encryption context',
  1: 'Alibaba Cloud Aad',
};

export function blobLayout(blob: Uint8Array): BlobField[] {
  // Throws BlobFormatError (not a blob, truncated, bad CRC) before anything is laid out.
  const parsed = parseBlob(blob);
  const keyIdLength = blob[4] as number;
  const keyIdEnd = 5 + keyIdLength;
  const ivStart = keyIdEnd + 32;
  const crcStart = ivStart + 12;
  const headerEnd = crcStart + 4;
  const tagStart = blob.length - 16;
  return [
    { name: 'magic', start: 0, end: 2, value: '"KL"' },
    { name: 'version', start: 2, end: 3, value: String(blob[2]) },
    { name: 'AAD kind', start: 3, end: 4, value: `${blob[3]}: ${AAD_KINDS[blob[3] as number]}` },
    { name: 'key ID length', start: 4, end: 5, value: String(keyIdLength) },
    { name: 'key ID', start: 5, end: keyIdEnd, value: parsed.keyId },
    {
      name: 'key material ID',
      start: keyIdEnd,
      end: ivStart,
      value: toHex(parsed.keyMaterialId),
    },
    { name: 'IV', start: ivStart, end: crcStart, value: toHex(parsed.iv) },
    {
      name: 'CRC-32',
      start: crcStart,
      end: headerEnd,
      value: toHex(blob.subarray(crcStart, headerEnd)),
    },
    {
      name: 'ciphertext',
      start: headerEnd,
      end: tagStart,
      value: `${tagStart - headerEnd} bytes of AES-256-GCM ciphertext (the PKCS #8 private key)`,
    },
    { name: 'tag', start: tagStart, end: blob.length, value: toHex(blob.subarray(tagStart)) },
  ];
}
