/**
 * The private halves of asymmetric and HMAC KMS keys: sealed into the form the store keeps
 * (store/types.ts, PrivateKeySecret) when a key is made, and opened into a PrivateKeyAccess
 * for the cryptography in kms-keys/ when a key is used. Imported CryptoKeys are cached per
 * key, in memory, non-extractable; unwrapped bytes are never kept.
 */
import { bufferSource } from '../keypairs/bytes.js';
import type { CryptoProvider } from '../keypairs/types.js';
import { type PrivateKeyAccess, privateKeyAccessFromBytes } from '../kms-keys/access.js';
import type { KmsKeyMaterial } from '../kms-keys/generate.js';
import type { KeySpec, KeyUsageType } from '../model/types.generated.js';
import type { PrivateKeySecret, StoredKey, StoredPrivateKey } from '../store/types.js';

interface WebCryptoKeyForm {
  /** The name kms-keys/ asks PrivateKeyAccess.webCryptoKey for. */
  name: string;
  algorithm: RsaHashedImportParams | EcKeyImportParams | HmacImportParams;
  format: 'pkcs8' | 'raw';
  usages: KeyUsage[];
}

const oaep = (hash: 'SHA-1' | 'SHA-256'): WebCryptoKeyForm => ({
  name: `RSA-OAEP/${hash}`,
  algorithm: { name: 'RSA-OAEP', hash },
  format: 'pkcs8',
  usages: ['decrypt'],
});
const ecdh = (namedCurve: 'P-256' | 'P-384' | 'P-521'): WebCryptoKeyForm[] => [
  {
    name: `ECDH/${namedCurve}`,
    algorithm: { name: 'ECDH', namedCurve },
    format: 'pkcs8',
    usages: ['deriveBits'],
  },
];
const hmac = (hash: 'SHA-256' | 'SHA-384' | 'SHA-512'): WebCryptoKeyForm[] => [
  { name: `HMAC/${hash}`, algorithm: { name: 'HMAC', hash }, format: 'raw', usages: ['sign'] },
];

/**
 * The CryptoKeys that cover every operation of a key of this spec and usage, or undefined
 * where WebCrypto lacks one of them. Signing keys are wrapped: AWS signs digests
 * (MessageType DIGEST), which WebCrypto's sign cannot.
 */
function webCryptoForms(spec: KeySpec, usage: KeyUsageType): WebCryptoKeyForm[] | undefined {
  if (usage === 'ENCRYPT_DECRYPT' && spec.startsWith('RSA_'))
    return [oaep('SHA-1'), oaep('SHA-256')];
  if (usage === 'KEY_AGREEMENT') {
    if (spec === 'ECC_NIST_P256') return ecdh('P-256');
    if (spec === 'ECC_NIST_P384') return ecdh('P-384');
    if (spec === 'ECC_NIST_P521') return ecdh('P-521');
  }
  if (spec === 'HMAC_256') return hmac('SHA-256');
  if (spec === 'HMAC_384') return hmac('SHA-384');
  if (spec === 'HMAC_512') return hmac('SHA-512');
  return undefined;
}

const AES_GCM_256 = { name: 'AES-GCM', length: 256 } as const;
/** The wrapped bytes are bound to their key: a record's secret cannot be moved to another. */
const wrapAad = (keyId: string) => new TextEncoder().encode(`kms-lab/private-key/${keyId}`);

/** Puts a fresh key's private half into the form its store keeps, and wipes the bytes. */
export async function sealPrivateKey(
  crypto: CryptoProvider,
  holdsCryptoKeys: boolean,
  key: Pick<StoredKey, 'keyId' | 'keySpec' | 'keyUsage'>,
  material: KmsKeyMaterial,
): Promise<StoredPrivateKey> {
  const secret = await sealSecret(crypto, holdsCryptoKeys, key, material.privateKey);
  material.privateKey.fill(0);
  return { publicKey: material.publicKey, secret };
}

async function sealSecret(
  crypto: CryptoProvider,
  holdsCryptoKeys: boolean,
  key: Pick<StoredKey, 'keyId' | 'keySpec' | 'keyUsage'>,
  privateKey: Uint8Array,
): Promise<PrivateKeySecret> {
  if (!holdsCryptoKeys) return { kind: 'bytes', bytes: privateKey.slice() };
  const forms = webCryptoForms(key.keySpec, key.keyUsage);
  if (forms) {
    const keys: Record<string, CryptoKey> = {};
    for (const form of forms)
      keys[form.name] = await crypto.subtle.importKey(
        form.format,
        bufferSource(privateKey),
        form.algorithm,
        false,
        form.usages,
      );
    return { kind: 'cryptoKeys', keys };
  }
  const wrappingKey = await crypto.subtle.generateKey(AES_GCM_256, false, ['encrypt', 'decrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: wrapAad(key.keyId) },
      wrappingKey,
      bufferSource(privateKey),
    ),
  );
  return { kind: 'wrapped', wrappingKey, iv, ciphertext };
}

type WrappedSecret = Extract<PrivateKeySecret, { kind: 'wrapped' }>;

/** The PKCS #8 inside a `wrapped` secret sealed for `keyId`. */
async function unwrapSecret(crypto: CryptoProvider, keyId: string, secret: WrappedSecret) {
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bufferSource(secret.iv), additionalData: wrapAad(keyId) },
      secret.wrappingKey,
      bufferSource(secret.ciphertext),
    ),
  );
}

/**
 * The PKCS #8 bytes of a secret sealed by `sealPrivateKey` for `keyId`, for the keys WebCrypto
 * cannot hold (`bytes` or `wrapped`); the caller wipes them after use.
 */
export function privateKeyBytesOf(
  crypto: CryptoProvider,
  keyId: string,
  secret: PrivateKeySecret,
): Promise<Uint8Array> {
  if (secret.kind === 'bytes') return Promise.resolve(secret.bytes.slice());
  if (secret.kind === 'wrapped') return unwrapSecret(crypto, keyId, secret);
  return Promise.reject(new Error('This key is held as non-extractable CryptoKeys.'));
}

/** Opens stored private keys for use, caching the CryptoKeys made from them per key. */
export class PrivateKeys {
  readonly #access = new Map<string, PrivateKeyAccess>();
  constructor(private readonly crypto: CryptoProvider) {}

  access(key: StoredKey): PrivateKeyAccess {
    let access = this.#access.get(key.keyId);
    if (!access) {
      const stored = key.privateKey;
      if (!stored) throw new Error(`${key.keyId} holds no private key`);
      access = this.#open(key.keyId, stored.secret);
      this.#access.set(key.keyId, access);
    }
    return access;
  }

  #open(keyId: string, secret: PrivateKeySecret): PrivateKeyAccess {
    const crypto = this.crypto;
    switch (secret.kind) {
      case 'bytes':
        return privateKeyAccessFromBytes(secret.bytes, crypto);
      case 'cryptoKeys':
        return {
          bytes: () => Promise.reject(new Error('This key is held as non-extractable CryptoKeys.')),
          webCryptoKey: async (name) => {
            const held = secret.keys[name];
            if (!held) throw new Error(`This key holds no ${name} CryptoKey.`);
            return held;
          },
        };
      case 'wrapped': {
        const unwrap = () => unwrapSecret(crypto, keyId, secret);
        const imported = new Map<string, Promise<CryptoKey>>();
        return {
          bytes: unwrap,
          webCryptoKey(name, algorithm, usages) {
            let cryptoKey = imported.get(name);
            if (!cryptoKey) {
              const format = algorithm.name === 'HMAC' ? 'raw' : 'pkcs8';
              cryptoKey = unwrap().then((bytes) =>
                crypto.subtle
                  .importKey(format, bufferSource(bytes), algorithm, false, usages)
                  .finally(() => bytes.fill(0)),
              );
              imported.set(name, cryptoKey);
              cryptoKey.catch(() => imported.delete(name));
            }
            return cryptoKey;
          },
        };
      }
    }
  }
}
