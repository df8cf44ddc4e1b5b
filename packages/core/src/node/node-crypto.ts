/**
 * A CryptoProvider for Node whose AES-GCM encrypt and decrypt run in OpenSSL synchronously
 * (node:crypto's cipher on the CryptoKey's KeyObject) instead of as a WebCrypto job. Node runs
 * every WebCrypto call as a job on libuv's thread pool; for the few hundred bytes a KMS
 * ciphertext holds, creating and scheduling the job costs more than the encryption, and it
 * is on every Encrypt, Decrypt and GenerateDataKey(Pair) (bench/ml-kem.mjs shows both). The
 * result is the same bytes (the same OpenSSL underneath; test/node-crypto.test.ts compares
 * them), non-extractable keys stay non-extractable (KeyObject.from reads the key inside Node,
 * it exports nothing), and whatever is not a plain AES-GCM call with a 128-bit tag and a
 * 96-bit IV goes to WebCrypto unchanged, with its own errors.
 *
 *   const kms = createKms({ crypto: createNodeCrypto() });
 */
import { createCipheriv, createDecipheriv, KeyObject } from 'node:crypto';
import type { CryptoProvider } from '../keypairs/types.js';

const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

interface GcmParameters {
  name: string;
  iv: BufferSource;
  additionalData?: BufferSource;
  tagLength?: number;
}

const bytesOf = (source: BufferSource): Uint8Array =>
  source instanceof ArrayBuffer
    ? new Uint8Array(source)
    : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);

/** An ArrayBuffer of exactly these bytes, as WebCrypto answers. */
const arrayBufferOf = (bytes: Buffer): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** WebCrypto's answer when a GCM tag does not verify. */
const operationError = () =>
  new DOMException('The operation failed for an operation-specific reason', 'OperationError');

export function createNodeCrypto(base: CryptoProvider = globalThis.crypto): CryptoProvider {
  const subtle = base.subtle;
  // null: a key Node cannot read (another WebCrypto's), left to that WebCrypto.
  const keyObjects = new WeakMap<CryptoKey, KeyObject | null>();
  const keyObjectOf = (key: CryptoKey): KeyObject | null => {
    let keyObject = keyObjects.get(key);
    if (keyObject === undefined) {
      try {
        keyObject = KeyObject.from(key);
      } catch {
        keyObject = null;
      }
      keyObjects.set(key, keyObject);
    }
    return keyObject;
  };

  /** The calls done here; anything else (and every error case) is WebCrypto's to answer. */
  const isPlainGcm = (
    algorithm: AlgorithmIdentifier | GcmParameters,
    key: CryptoKey,
    usage: KeyUsage,
  ): boolean => {
    if (typeof algorithm !== 'object' || algorithm.name !== 'AES-GCM') return false;
    const { iv, tagLength } = algorithm as GcmParameters;
    return (
      key.type === 'secret' &&
      key.algorithm.name === 'AES-GCM' &&
      key.usages.includes(usage) &&
      (tagLength === undefined || tagLength === 128) &&
      ArrayBuffer.isView(iv) &&
      iv.byteLength === GCM_IV_BYTES
    );
  };

  const cipherName = (key: CryptoKey) =>
    `aes-${(key.algorithm as AesKeyAlgorithm).length}-gcm` as 'aes-256-gcm';

  const encrypt: SubtleCrypto['encrypt'] = (algorithm, key, data) => {
    const keyObject = isPlainGcm(algorithm, key, 'encrypt') ? keyObjectOf(key) : null;
    if (!keyObject) return subtle.encrypt(algorithm, key, data);
    const { iv, additionalData } = algorithm as GcmParameters;
    const cipher = createCipheriv(cipherName(key), keyObject, bytesOf(iv));
    if (additionalData) cipher.setAAD(bytesOf(additionalData));
    const sealed = Buffer.concat([
      cipher.update(bytesOf(data)),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return Promise.resolve(arrayBufferOf(sealed));
  };

  const decrypt: SubtleCrypto['decrypt'] = (algorithm, key, data) => {
    const sealed = bytesOf(data);
    const keyObject =
      isPlainGcm(algorithm, key, 'decrypt') && sealed.length >= GCM_TAG_BYTES
        ? keyObjectOf(key)
        : null;
    if (!keyObject) return subtle.decrypt(algorithm, key, data);
    const { iv, additionalData } = algorithm as GcmParameters;
    const decipher = createDecipheriv(cipherName(key), keyObject, bytesOf(iv));
    if (additionalData) decipher.setAAD(bytesOf(additionalData));
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
    try {
      const opened = Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)),
        decipher.final(),
      ]);
      return Promise.resolve(arrayBufferOf(opened));
    } catch {
      return Promise.reject(operationError());
    }
  };

  // Every other SubtleCrypto method is WebCrypto's own, bound to it (Node checks `this`).
  const methods = [
    'decrypt',
    'deriveBits',
    'deriveKey',
    'digest',
    'encrypt',
    'exportKey',
    'generateKey',
    'importKey',
    'sign',
    'unwrapKey',
    'verify',
    'wrapKey',
  ] as const;
  const bound = Object.fromEntries(
    methods.map((name) => [name, (subtle[name] as (...args: unknown[]) => unknown).bind(subtle)]),
  ) as unknown as SubtleCrypto;
  return {
    subtle: Object.assign(bound, { encrypt, decrypt }),
    getRandomValues: base.getRandomValues.bind(base),
  };
}
