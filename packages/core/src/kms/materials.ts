import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { KmsError } from '../errors.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { RotationType } from '../model/types.generated.js';
import type { KeyMaterialSecret, StoredKey, StoredKeyMaterial } from '../store/types.js';
import type { WebCryptoKey } from '../webcrypto-types.js';

const AES_GCM_256 = { name: 'AES-GCM', length: 256 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Key material for a symmetric KMS key: AES-256, non-extractable wherever the store allows. */
export async function newKeyMaterial(
  crypto: CryptoProvider,
  holdsCryptoKeys: boolean,
  createdAt: Date,
  rotationType?: RotationType,
): Promise<StoredKeyMaterial> {
  const keyMaterialId = bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
  const secret: KeyMaterialSecret = holdsCryptoKeys
    ? await crypto.subtle.generateKey(AES_GCM_256, false, ['encrypt', 'decrypt'])
    : crypto.getRandomValues(new Uint8Array(32));
  return { keyMaterialId, secret, createdAt, rotationType };
}

/** Turns stored material into a usable, non-extractable CryptoKey, caching imports. */
export class MaterialKeys {
  readonly #imported = new Map<string, Promise<CryptoKey>>();
  constructor(private readonly crypto: CryptoProvider) {}

  cryptoKey(material: StoredKeyMaterial): Promise<WebCryptoKey> {
    // Imported material that was deleted or expired: the key answers as AWS's PendingImport.
    if (material.secret === undefined)
      return Promise.reject(
        new KmsError(
          'KMSInvalidStateException',
          `Key material ${material.keyMaterialId} is pending import.`,
        ),
      );
    if (!(material.secret instanceof Uint8Array)) return Promise.resolve(material.secret);
    let key = this.#imported.get(material.keyMaterialId);
    if (!key) {
      key = this.crypto.subtle.importKey(
        'raw',
        material.secret as BufferSource,
        AES_GCM_256,
        false,
        ['encrypt', 'decrypt'],
      );
      this.#imported.set(material.keyMaterialId, key);
    }
    return key;
  }
}

export const currentMaterial = (key: StoredKey) => key.materials[key.materials.length - 1];

export const findMaterial = (key: StoredKey, materialId: Uint8Array) => {
  const hex = bytesToHex(materialId);
  return key.materials.find((material) => material.keyMaterialId === hex);
};

export const materialIdBytes = (material: StoredKeyMaterial) => hexToBytes(material.keyMaterialId);

export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

/**
 * Alibaba Cloud names key versions with UUIDs; KMS Lab's version of a key material is
 * the first 16 bytes of its KeyMaterialId written as a UUID, so the two always agree.
 */
export const keyVersionId = (material: StoredKeyMaterial) => {
  const hex = material.keyMaterialId;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
