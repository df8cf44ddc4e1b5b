import type { WebCryptoKey, WebSubtleCrypto } from '../webcrypto-types.js';
import { crc32 } from './crc32.js';

/**
 * KMS Lab's ciphertext blob, format version 1 (docs/ciphertext-format.md has the
 * byte-by-byte description and a worked example).
 *
 *   offset   size  field
 *   0        2     magic "KL" (0x4b 0x4c)
 *   2        1     format version (1)
 *   3        1     AAD kind: 0 AWS encryption context, 1 Alibaba Cloud Aad
 *   4        1     key ID length L (1..255)
 *   5        L     key ID (ASCII)
 *   5+L      32    key material ID (the 64-hex KeyMaterialId as bytes)
 *   37+L     12    AES-GCM IV
 *   49+L     4     CRC-32 of bytes 0..49+L, big-endian
 *   53+L     n     AES-256-GCM ciphertext
 *   53+L+n   16    AES-GCM tag
 *
 * The GCM additional authenticated data is the whole header (bytes 0..53+L) followed by
 * the encoded encryption context or Aad, so neither can be swapped without detection.
 * The CRC lets a damaged header be told apart from an intact one that names a key this
 * KMS no longer has: a damaged blob is always InvalidCiphertextException.
 */
export const BLOB_MAGIC = Uint8Array.of(0x4b, 0x4c);
export const BLOB_VERSION = 1;
export const IV_LENGTH = 12;
export const TAG_LENGTH = 16;
export const KEY_MATERIAL_ID_LENGTH = 32;

export const AadKind = { AwsEncryptionContext: 0, AlibabaAad: 1 } as const;
export type AadKind = (typeof AadKind)[keyof typeof AadKind];

export interface BlobHeader {
  aadKind: AadKind;
  keyId: string;
  keyMaterialId: Uint8Array;
  iv: Uint8Array;
}

export interface ParsedBlob extends BlobHeader {
  /** The header bytes as they stand in the blob, CRC included: part of the AAD. */
  headerBytes: Uint8Array;
  /** Ciphertext followed by the tag, as WebCrypto's AES-GCM takes it. */
  sealed: Uint8Array;
}

export class BlobFormatError extends Error {
  override readonly name = 'BlobFormatError';
}

const ascii = new TextEncoder();
const asciiDecoder = new TextDecoder('ascii');

export function encodeHeader(header: BlobHeader): Uint8Array {
  const keyId = ascii.encode(header.keyId);
  if (keyId.length < 1 || keyId.length > 255)
    throw new BlobFormatError('key ID length out of range');
  if (header.keyMaterialId.length !== KEY_MATERIAL_ID_LENGTH)
    throw new BlobFormatError('key material ID must be 32 bytes');
  if (header.iv.length !== IV_LENGTH) throw new BlobFormatError('IV must be 12 bytes');
  const length = 5 + keyId.length + KEY_MATERIAL_ID_LENGTH + IV_LENGTH + 4;
  const out = new Uint8Array(length);
  out.set(BLOB_MAGIC, 0);
  out[2] = BLOB_VERSION;
  out[3] = header.aadKind;
  out[4] = keyId.length;
  out.set(keyId, 5);
  out.set(header.keyMaterialId, 5 + keyId.length);
  out.set(header.iv, 5 + keyId.length + KEY_MATERIAL_ID_LENGTH);
  new DataView(out.buffer).setUint32(length - 4, crc32(out.subarray(0, length - 4)));
  return out;
}

export function parseBlob(blob: Uint8Array): ParsedBlob {
  if (blob.length < 5 || blob[0] !== BLOB_MAGIC[0] || blob[1] !== BLOB_MAGIC[1])
    throw new BlobFormatError('not a KMS Lab ciphertext blob');
  if (blob[2] !== BLOB_VERSION) throw new BlobFormatError(`unknown format version ${blob[2]}`);
  const keyIdLength = blob[4] as number;
  const headerLength = 5 + keyIdLength + KEY_MATERIAL_ID_LENGTH + IV_LENGTH + 4;
  if (keyIdLength === 0 || blob.length < headerLength + TAG_LENGTH)
    throw new BlobFormatError('blob is truncated');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (view.getUint32(headerLength - 4) !== crc32(blob.subarray(0, headerLength - 4)))
    throw new BlobFormatError('header checksum mismatch');
  const aadKind = blob[3];
  if (aadKind !== AadKind.AwsEncryptionContext && aadKind !== AadKind.AlibabaAad)
    throw new BlobFormatError(`unknown AAD kind ${aadKind}`);
  const materialAt = 5 + keyIdLength;
  return {
    aadKind,
    keyId: asciiDecoder.decode(blob.subarray(5, materialAt)),
    keyMaterialId: blob.slice(materialAt, materialAt + KEY_MATERIAL_ID_LENGTH),
    iv: blob.slice(
      materialAt + KEY_MATERIAL_ID_LENGTH,
      materialAt + KEY_MATERIAL_ID_LENGTH + IV_LENGTH,
    ),
    headerBytes: blob.slice(0, headerLength),
    sealed: blob.slice(headerLength),
  };
}

const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
};

/** Encrypts `plaintext` under `key` and returns the complete blob. */
export async function sealBlob(
  subtle: WebSubtleCrypto,
  key: WebCryptoKey,
  header: BlobHeader,
  context: Uint8Array,
  plaintext: Uint8Array,
): Promise<Uint8Array> {
  const headerBytes = encodeHeader(header);
  const sealed = new Uint8Array(
    await subtle.encrypt(
      {
        name: 'AES-GCM',
        iv: header.iv as BufferSource,
        additionalData: concat(headerBytes, context) as BufferSource,
        tagLength: 128,
      },
      key,
      plaintext as BufferSource,
    ),
  );
  return concat(headerBytes, sealed);
}

/** Decrypts a parsed blob; rejects (with WebCrypto's OperationError) when anything differs. */
export async function openBlob(
  subtle: WebSubtleCrypto,
  key: WebCryptoKey,
  blob: ParsedBlob,
  context: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(
    await subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: blob.iv as BufferSource,
        additionalData: concat(blob.headerBytes, context) as BufferSource,
        tagLength: 128,
      },
      key,
      blob.sealed as BufferSource,
    ),
  );
}
