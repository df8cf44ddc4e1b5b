/**
 * The SM2 wrapping key of GetParametersForImport, China Regions only. AWS: "SM2PKE (China
 * Regions only): encrypts your key material with the SM2 public key encryption algorithm";
 * the wrapping key spec is SM2. The EncryptedKeyMaterial is then a GB/T 32918.4 ciphertext
 * (SM3, DER SM2Cipher), as `openssl pkeyutl -encrypt` makes with an SM2 public key and as
 * SM2PKE Decrypt reads it (kms-keys/encryption.ts).
 */
import { sm2 } from '../../curves/sm2.js';
import { parsePrivateKeyInfo } from '../../der/parse-key.js';
import { KmsError } from '../../errors.js';
import { generateKeyPair } from '../../keypairs/index.js';
import type { CryptoProvider } from '../../keypairs/types.js';
import type { PrivateKeySecret } from '../../store/types.js';
import { privateKeyBytesOf, sealPrivateKey } from '../private-keys.js';

/**
 * A fresh SM2 pair: the SPKI to hand out, and the private half sealed for the KMS key as the
 * store keeps keys WebCrypto cannot hold (PKCS #8 bytes, or wrapped under a CryptoKey).
 */
export async function newSm2WrappingKeyPair(
  crypto: CryptoProvider,
  holdsCryptoKeys: boolean,
  keyId: string,
): Promise<{ publicKey: Uint8Array; privateKey: PrivateKeySecret }> {
  const pair = await generateKeyPair('SM2', crypto);
  const sealed = await sealPrivateKey(
    crypto,
    holdsCryptoKeys,
    { keyId, keySpec: 'SM2', keyUsage: 'ENCRYPT_DECRYPT' },
    pair,
  );
  return { publicKey: sealed.publicKey as Uint8Array, privateKey: sealed.secret };
}

/** The key material inside an SM2PKE EncryptedKeyMaterial, or InvalidCiphertextException. */
export async function unwrapWithSm2(
  crypto: CryptoProvider,
  keyId: string,
  secret: PrivateKeySecret,
  encryptedKeyMaterial: Uint8Array,
): Promise<Uint8Array> {
  const pkcs8 = await privateKeyBytesOf(crypto, keyId, secret);
  // The wrapping key is the engine's own, made by newSm2WrappingKeyPair: an SM2 PKCS #8.
  const { privateKey } = parsePrivateKeyInfo(pkcs8);
  pkcs8.fill(0);
  try {
    return sm2.decrypt(encryptedKeyMaterial, privateKey);
  } catch {
    throw new KmsError(
      'InvalidCiphertextException',
      "The EncryptedKeyMaterial could not be unwrapped with the import parameters' wrapping key and SM2PKE: it is not an SM2 encryption (GB/T 32918.4, DER) under that key.",
    );
  } finally {
    privateKey.fill(0);
  }
}
