/**
 * The wrapping keys of GetParametersForImport and the unwrapping of ImportKeyMaterial's
 * EncryptedKeyMaterial, as AWS defines its wrapping algorithms:
 * - RSAES_OAEP_SHA_1 / RSAES_OAEP_SHA_256: the material encrypted with RSA-OAEP (MGF1 with the
 *   same hash) under the wrapping public key;
 * - RSA_AES_KEY_WRAP_SHA_1 / RSA_AES_KEY_WRAP_SHA_256: an ephemeral 256-bit AES key encrypted
 *   with RSA-OAEP, followed by the material wrapped under that AES key with AES Key Wrap with
 *   Padding (RFC 5649), what OpenSSL calls id-aes256-wrap-pad.
 * The RSA pairs are WebCrypto's; RFC 5649 is @noble/ciphers' aeskwp (WebCrypto's AES-KW is
 * RFC 3394 only, which cannot wrap a length that is not a multiple of 8 bytes).
 */
import { aeskwp } from '@noble/ciphers/aes.js';
import { KmsError } from '../../errors.js';
import { bufferSource } from '../../keypairs/bytes.js';
import type { CryptoProvider } from '../../keypairs/types.js';
import type { AlgorithmSpec, WrappingKeySpec } from '../../model/types.generated.js';
import type { PrivateKeySecret, StoredImportParameters } from '../../store/types.js';
import { unwrapWithSm2 } from './sm2-wrapping.js';

export type RsaWrappingAlgorithm = Exclude<AlgorithmSpec, 'SM2PKE' | 'RSAES_PKCS1_V1_5'>;
export type RsaWrappingKeySpec = Exclude<WrappingKeySpec, 'SM2'>;

const MODULUS_BITS: Record<RsaWrappingKeySpec, number> = {
  RSA_2048: 2048,
  RSA_3072: 3072,
  RSA_4096: 4096,
};

const OAEP_HASH: Record<RsaWrappingAlgorithm, 'SHA-1' | 'SHA-256'> = {
  RSAES_OAEP_SHA_1: 'SHA-1',
  RSAES_OAEP_SHA_256: 'SHA-256',
  RSA_AES_KEY_WRAP_SHA_1: 'SHA-1',
  RSA_AES_KEY_WRAP_SHA_256: 'SHA-256',
};

/** AWS's RSA_AES algorithms use a 256-bit ephemeral AES key. */
const EPHEMERAL_AES_KEY_BYTES = 32;

export const isRsaWrappingAlgorithm = (
  algorithm: AlgorithmSpec,
): algorithm is RsaWrappingAlgorithm => Object.hasOwn(OAEP_HASH, algorithm);

export const isRsaWrappingKeySpec = (spec: WrappingKeySpec): spec is RsaWrappingKeySpec =>
  Object.hasOwn(MODULUS_BITS, spec);

const oaepAlgorithm = (algorithm: RsaWrappingAlgorithm) => ({
  name: 'RSA-OAEP',
  hash: OAEP_HASH[algorithm],
});

/**
 * A fresh RSA wrapping pair: the SPKI to hand out, and the private half as the store keeps
 * private keys: a non-extractable CryptoKey where it holds CryptoKeys, else PKCS #8 bytes.
 */
export async function newWrappingKeyPair(
  crypto: CryptoProvider,
  holdsCryptoKeys: boolean,
  spec: RsaWrappingKeySpec,
  algorithm: RsaWrappingAlgorithm,
): Promise<{ publicKey: Uint8Array; privateKey: PrivateKeySecret }> {
  const pair = (await crypto.subtle.generateKey(
    {
      ...oaepAlgorithm(algorithm),
      modulusLength: MODULUS_BITS[spec],
      publicExponent: new Uint8Array([1, 0, 1]),
    },
    !holdsCryptoKeys,
    ['encrypt', 'decrypt'],
  )) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  if (holdsCryptoKeys)
    return { publicKey, privateKey: { kind: 'cryptoKeys', keys: { oaep: pair.privateKey } } };
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return { publicKey, privateKey: { kind: 'bytes', bytes: pkcs8 } };
}

async function oaepPrivateKey(
  crypto: CryptoProvider,
  parameters: StoredImportParameters,
  algorithm: RsaWrappingAlgorithm,
): Promise<CryptoKey> {
  const secret = parameters.privateKey;
  if (secret.kind === 'cryptoKeys' && secret.keys.oaep) return secret.keys.oaep;
  if (secret.kind === 'bytes')
    return crypto.subtle.importKey(
      'pkcs8',
      bufferSource(secret.bytes),
      oaepAlgorithm(algorithm),
      false,
      ['decrypt'],
    );
  throw new KmsError('KMSInternalException', 'The import parameters have no wrapping key.');
}

const unwrapFailed = (algorithm: AlgorithmSpec, why: string) =>
  new KmsError(
    'InvalidCiphertextException',
    `The EncryptedKeyMaterial could not be unwrapped with the import parameters' wrapping key and ${algorithm}: ${why}.`,
  );

/** The key material inside EncryptedKeyMaterial, or InvalidCiphertextException. */
export async function unwrapKeyMaterial(
  crypto: CryptoProvider,
  keyId: string,
  parameters: StoredImportParameters,
  encryptedKeyMaterial: Uint8Array,
): Promise<Uint8Array> {
  const algorithm = parameters.wrappingAlgorithm;
  const spec = parameters.wrappingKeySpec;
  if (algorithm === 'SM2PKE' && spec === 'SM2')
    return unwrapWithSm2(crypto, keyId, parameters.privateKey, encryptedKeyMaterial);
  if (!isRsaWrappingAlgorithm(algorithm) || !isRsaWrappingKeySpec(spec))
    throw new KmsError('KMSInternalException', `KMS Lab cannot unwrap with ${algorithm}.`);
  const privateKey = await oaepPrivateKey(crypto, parameters, algorithm);
  const rsaBytes = MODULUS_BITS[spec] / 8;
  const oaepDecrypt = async (ciphertext: Uint8Array) => {
    if (ciphertext.length !== rsaBytes)
      throw unwrapFailed(
        algorithm,
        `its RSA-OAEP part must be ${rsaBytes} bytes (the ${spec} modulus), not ${ciphertext.length}`,
      );
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt(oaepAlgorithm(algorithm), privateKey, bufferSource(ciphertext)),
      );
    } catch {
      throw unwrapFailed(
        algorithm,
        'RSA-OAEP decryption failed (another wrapping key, another hash, or damaged bytes)',
      );
    }
  };
  if (algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256')
    return oaepDecrypt(encryptedKeyMaterial);
  if (encryptedKeyMaterial.length <= rsaBytes)
    throw unwrapFailed(
      algorithm,
      `it must be the ${rsaBytes}-byte RSA-OAEP encryption of an AES key followed by the AES key wrap of the material`,
    );
  const aesKey = await oaepDecrypt(encryptedKeyMaterial.subarray(0, rsaBytes));
  try {
    if (aesKey.length !== EPHEMERAL_AES_KEY_BYTES)
      throw unwrapFailed(algorithm, `its AES key must be 32 bytes, not ${aesKey.length}`);
    try {
      return aeskwp(aesKey).decrypt(encryptedKeyMaterial.subarray(rsaBytes));
    } catch {
      throw unwrapFailed(algorithm, 'the AES key wrap with padding (RFC 5649) does not open');
    }
  } finally {
    aesKey.fill(0);
  }
}
