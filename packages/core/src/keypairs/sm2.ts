/**
 * SM2 data key pairs: the curve and its SM3 signatures come from curves/sm2.ts; the key is
 * encoded as id-ecPublicKey on the SM2 named curve, as OpenSSL 3 and AWS KMS write it.
 */
import { sm2 } from '../curves/sm2.js';
import { encodeEcKeyPair } from '../der/key-pair.js';
import { randomSource } from './bytes.js';
import { ecSpec } from './specs.js';
import type { CryptoProvider, KeyPairGenerator } from './types.js';

export const generateSm2KeyPair: KeyPairGenerator = async (spec, crypto) => {
  const info = ecSpec(spec, 'sm2');
  const privateKey = sm2.randomSecretKey(randomSource(crypto));
  return encodeEcKeyPair({
    curveOid: info.curveOid,
    privateKey,
    publicKey: sm2.getPublicKey(privateKey),
  });
};

/** SM2DSA with SM3 and the Z_A of `id` (default "1234567812345678"); a DER signature. */
export function signSm2(
  privateKey: Uint8Array,
  message: Uint8Array,
  crypto: CryptoProvider,
  id?: Uint8Array,
): Uint8Array {
  return sm2.sign(message, privateKey, {
    random: randomSource(crypto),
    ...(id === undefined ? {} : { id }),
  });
}

/** Verifies a DER SM2 signature; false for any bad signature. */
export function verifySm2(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  id?: Uint8Array,
): boolean {
  try {
    return sm2.verify(signature, message, publicKey, id === undefined ? {} : { id });
  } catch {
    return false;
  }
}
