/**
 * SM2DSA for SM2 KMS keys; signatures are DER SM2Signature (GM/T 0009), as AWS KMS returns
 * them. RAW signs SM3(Z_A || M) with the default distinguishing ID 1234567812345678. With
 * DIGEST the caller has done that hashing: AWS, "Offline verification with SM2 key pairs",
 * has the caller compute the SM3 hash of Z_A || M and send it, so the 32 bytes are e itself.
 */
import { sm2 } from '../curves/sm2.js';
import { randomSource } from '../keypairs/bytes.js';
import { signSm2, verifySm2 } from '../keypairs/sm2.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { PrivateKeyAccess } from './access.js';
import { readPrivateKey } from './keys.js';
import { publicKeyOf } from './public-keys.js';
import type { MessageType } from './specs.js';

export async function signSm2Dsa(
  access: PrivateKeyAccess,
  messageType: MessageType,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const { privateKey } = await readPrivateKey('SM2', access);
  return messageType === 'RAW'
    ? signSm2(privateKey, message, crypto)
    : sm2.signDigest(message, privateKey, { random: randomSource(crypto) });
}

/** False for any signature that does not verify, including malformed DER. */
export function verifySm2Dsa(
  spki: Uint8Array,
  messageType: MessageType,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): boolean {
  const point = publicKeyOf('SM2', spki, crypto).info.publicKey;
  return messageType === 'RAW'
    ? verifySm2(point, message, signature)
    : sm2.verifyDigest(signature, message, point);
}
