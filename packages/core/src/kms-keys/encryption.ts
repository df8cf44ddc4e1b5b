/**
 * Encrypt and Decrypt with asymmetric KMS keys. RSAES_OAEP_SHA_1/256 is RSA-OAEP with MGF1
 * over the same hash and an empty label, what WebCrypto does and what OpenSSL does with
 * `-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256`.
 * SM2PKE is GB/T 32918.4 with SM3 (curves/sm2.ts), the ciphertext a DER SM2Cipher as OpenSSL
 * writes it. Anything that does not decrypt is AWS's InvalidCiphertextException.
 */
import { sm2 } from '../curves/sm2.js';
import { bufferSource, randomSource } from '../keypairs/bytes.js';
import { rsaSpec } from '../keypairs/specs.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { KeySpec } from '../model/types.generated.js';
import type { PrivateKeyAccess } from './access.js';
import { readPrivateKey, readPublicKey } from './keys.js';
import { invalidCiphertext, plaintextTooLarge } from './kms-errors.js';
import { type AsymmetricEncryptionAlgorithm, requireEncryptionAlgorithm } from './specs.js';

const OAEP_HASH = {
  RSAES_OAEP_SHA_1: { name: 'SHA-1', bytes: 20 },
  RSAES_OAEP_SHA_256: { name: 'SHA-256', bytes: 32 },
} as const;

/** AWS: "SM2PKE: 1024 bytes" of plaintext for any SM2 key. */
const SM2PKE_MAX_PLAINTEXT = 1024;

function oaepHash(algorithm: AsymmetricEncryptionAlgorithm) {
  if (algorithm === 'SM2PKE') throw new Error('SM2PKE is not RSA-OAEP');
  return OAEP_HASH[algorithm];
}

/**
 * The largest plaintext a key of `spec` encrypts with `algorithm`. For OAEP that is
 * RFC 8017, 7.1.1: k - 2hLen - 2, which gives AWS's table (RSA_2048: 214 bytes with SHA-1,
 * 190 with SHA-256; RSA_3072: 342 / 318; RSA_4096: 470 / 446).
 */
export function maxPlaintextBytes(spec: KeySpec, algorithm: AsymmetricEncryptionAlgorithm): number {
  const keySpec = requireEncryptionAlgorithm(spec, algorithm);
  if (algorithm === 'SM2PKE') return SM2PKE_MAX_PLAINTEXT;
  return rsaSpec(keySpec).modulusBits / 8 - 2 * oaepHash(algorithm).bytes - 2;
}

/** Encrypts with the KMS key's public key (DER SPKI), as AWS KMS Encrypt does. */
export async function encrypt(
  spec: KeySpec,
  publicKeySpki: Uint8Array,
  algorithm: AsymmetricEncryptionAlgorithm,
  plaintext: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const keySpec = requireEncryptionAlgorithm(spec, algorithm);
  const limit = maxPlaintextBytes(keySpec, algorithm);
  if (plaintext.length > limit) throw plaintextTooLarge(algorithm, keySpec, limit);
  const publicKey = readPublicKey(keySpec, publicKeySpki);
  if (algorithm === 'SM2PKE') {
    return sm2.encrypt(plaintext, publicKey.publicKey, { random: randomSource(crypto) });
  }
  const params = { name: 'RSA-OAEP', hash: oaepHash(algorithm).name };
  const key = await crypto.subtle.importKey('spki', bufferSource(publicKeySpki), params, false, [
    'encrypt',
  ]);
  return new Uint8Array(
    await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, bufferSource(plaintext)),
  );
}

/** Decrypts with the KMS key's private key; InvalidCiphertextException when it does not. */
export async function decrypt(
  spec: KeySpec,
  access: PrivateKeyAccess,
  algorithm: AsymmetricEncryptionAlgorithm,
  ciphertext: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const keySpec = requireEncryptionAlgorithm(spec, algorithm);
  // The key is fetched outside the try blocks: a store failure is not a bad ciphertext.
  if (algorithm === 'SM2PKE') {
    const { privateKey } = await readPrivateKey(keySpec, access);
    try {
      return sm2.decrypt(ciphertext, privateKey);
    } catch {
      throw invalidCiphertext();
    }
  }
  const hash = oaepHash(algorithm).name;
  const key = await access.webCryptoKey(`RSA-OAEP/${hash}`, { name: 'RSA-OAEP', hash }, [
    'decrypt',
  ]);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, key, bufferSource(ciphertext)),
    );
  } catch {
    throw invalidCiphertext();
  }
}
