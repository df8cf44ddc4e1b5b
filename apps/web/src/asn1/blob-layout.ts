/**
 * The fields of a KMS Lab ciphertext blob (docs/ciphertext-format.md, the source of truth),
 * with their byte ranges, what each says and why it is there: the blob explained byte by
 * byte, as "The Illustrated TLS Connection" explains a record. Reads the layout only: it
 * checks the magic, version, lengths and CRC-32 via core's parseBlob, and decrypts nothing.
 */
import { encodeEncryptionContext, parseBlob } from '@kms-lab/core';
import { toHex, utf8 } from '../lib/bytes';

export interface BlobField {
  name: string;
  start: number;
  end: number;
  /** What the bytes say, in words. */
  value: string;
  /** Why the field is in the blob, from docs/ciphertext-format.md. */
  why: string;
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
    {
      name: 'magic',
      start: 0,
      end: 2,
      value: '"KL"',
      why: 'Two fixed bytes that mark a KMS Lab blob: a reader refuses anything else at once.',
    },
    {
      name: 'version',
      start: 2,
      end: 3,
      value: String(blob[2]),
      why: 'The layout of what follows. A new layout would get a new version byte; a reader refuses a version it does not know, and version 1 blobs keep decrypting.',
    },
    {
      name: 'AAD kind',
      start: 3,
      end: 4,
      value: `${blob[3]}: ${AAD_KINDS[blob[3] as number]}`,
      why: 'Which API sealed the blob: Decrypt refuses an Alibaba Cloud Aad blob, and AdvanceDecrypt an AWS one.',
    },
    {
      name: 'key ID length',
      start: 4,
      end: 5,
      value: String(keyIdLength),
      why: 'How many key ID bytes follow (a UUID takes 36), so the reader knows where each later field starts.',
    },
    {
      name: 'key ID',
      start: 5,
      end: keyIdEnd,
      value: parsed.keyId,
      why: 'The KMS key that sealed the blob, in ASCII: this is why Decrypt needs no KeyId.',
    },
    {
      name: 'key material ID',
      start: keyIdEnd,
      end: ivStart,
      value: toHex(parsed.keyMaterialId),
      why: 'Which key material of that key encrypted it. Rotation adds material and never deletes any, so a blob made before any number of rotations still finds its own.',
    },
    {
      name: 'IV',
      start: ivStart,
      end: crcStart,
      value: toHex(parsed.iv),
      why: 'A fresh random 96-bit AES-GCM nonce: one key must never encrypt twice with the same nonce.',
    },
    {
      name: 'CRC-32',
      start: crcStart,
      end: headerEnd,
      value: toHex(blob.subarray(crcStart, headerEnd)),
      why: `A checksum (CRC-32, as zlib) of the ${crcStart} bytes before it. Any changed header byte is caught here, before a key is looked up, so a damaged blob is never taken for one naming another key.`,
    },
    {
      name: 'ciphertext',
      start: headerEnd,
      end: tagStart,
      value: `${tagStart - headerEnd} bytes of AES-256-GCM ciphertext (the PKCS #8 private key)`,
      why: 'The plaintext (for a data key pair, its DER PKCS #8 private key) encrypted with AES-256-GCM under that key material: exactly as long as the plaintext.',
    },
    {
      name: 'tag',
      start: tagStart,
      end: blob.length,
      value: toHex(blob.subarray(tagStart)),
      why: 'The 128-bit GCM authentication tag over the ciphertext and the AAD (the header, then the encryption context or Aad). A different context, or any changed byte, fails here with InvalidCiphertextException.',
    },
  ];
}

/** The bytes of a field in hex, the first `max` of them when it is longer. */
export function hexPreview(blob: Uint8Array, field: BlobField, max = 16): string {
  const size = field.end - field.start;
  const shown = toHex(blob.subarray(field.start, field.start + Math.min(size, max)), ' ');
  return size > max ? `${shown} … (${size} bytes)` : shown;
}

/** What AES-GCM authenticated besides the ciphertext: the header, then the context bytes. */
export interface SealedAad {
  headerEnd: number;
  /** The canonical encryption context (AAD kind 0) or the Aad (kind 1), as bytes. */
  contextBytes: Uint8Array;
  kind: 'encryption context' | 'Aad';
}

/**
 * The AAD a blob was sealed with, from the context (or Aad) the response was made with:
 * `AAD = header || context-bytes` (docs/ciphertext-format.md, Encryption). Undefined when
 * the context cannot be encoded (a lone surrogate, which the engine refuses anyway).
 */
export function sealedAad(
  blob: Uint8Array,
  sealedWith: { encryptionContext?: Record<string, string> | undefined; aadText?: string },
): SealedAad | undefined {
  const headerEnd = 5 + (blob[4] as number) + 32 + 12 + 4;
  if (blob[3] === 1)
    return { headerEnd, contextBytes: utf8(sealedWith.aadText ?? ''), kind: 'Aad' };
  try {
    return {
      headerEnd,
      contextBytes: encodeEncryptionContext(sealedWith.encryptionContext),
      kind: 'encryption context',
    };
  } catch {
    return undefined;
  }
}
