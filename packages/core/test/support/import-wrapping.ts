/**
 * Wrapping key material for ImportKeyMaterial with node:crypto (OpenSSL), independently of
 * the engine: RSA-OAEP with crypto.publicEncrypt, and for RSA_AES_KEY_WRAP an ephemeral AES
 * key wrapped with RSA-OAEP followed by the material under OpenSSL's id-aes256-wrap-pad
 * (RFC 5649).
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPublicKey,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';

export type WrappingAlgorithm =
  | 'RSAES_OAEP_SHA_1'
  | 'RSAES_OAEP_SHA_256'
  | 'RSA_AES_KEY_WRAP_SHA_1'
  | 'RSA_AES_KEY_WRAP_SHA_256';

/** RFC 5649's alternative initial value, which OpenSSL's wrap-pad cipher takes as its IV. */
const RFC_5649_IV = Buffer.from('a65959a6', 'hex');

export function wrapKeyMaterial(
  publicKeyDer: Uint8Array,
  algorithm: WrappingAlgorithm,
  material: Uint8Array,
): Uint8Array {
  const oaep = (plaintext: Uint8Array) =>
    publicEncrypt(
      {
        key: createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' }),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256',
      },
      plaintext,
    );
  if (algorithm.startsWith('RSAES_OAEP')) return oaep(material);
  const aesKey = randomBytes(32);
  const wrap = createCipheriv('id-aes256-wrap-pad', aesKey, RFC_5649_IV);
  return Buffer.concat([oaep(aesKey), wrap.update(material), wrap.final()]);
}

/**
 * The plaintext of an Encrypt ciphertext blob (docs/ciphertext-format.md, no encryption
 * context), opened with node:crypto under the given AES key: proof of which material made it.
 */
export function openBlobWith(material: Uint8Array, blob: Uint8Array): Buffer {
  const idLength = blob[4] as number;
  const headerEnd = 53 + idLength;
  const iv = blob.subarray(37 + idLength, 49 + idLength);
  const decipher = createDecipheriv('aes-256-gcm', material, iv);
  decipher.setAAD(Buffer.concat([blob.subarray(0, headerEnd), Buffer.alloc(4)]));
  decipher.setAuthTag(blob.subarray(blob.length - 16));
  return Buffer.concat([
    decipher.update(blob.subarray(headerEnd, blob.length - 16)),
    decipher.final(),
  ]);
}

/** KMS Lab's KeyMaterialId of imported material (docs/design.md), computed with node:crypto. */
export const expectedMaterialId = (keyId: string, material: Uint8Array) =>
  createHmac('sha256', material).update(`kms-lab/key-material/${keyId}`).digest('hex');
