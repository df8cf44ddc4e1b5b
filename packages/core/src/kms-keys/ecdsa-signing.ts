/**
 * ECDSA for ECC_NIST_P256/P384/P521 and ECC_SECG_P256K1 KMS keys; signatures are DER
 * Ecdsa-Sig-Value, as AWS KMS returns them. NIST curves sign RAW messages with WebCrypto;
 * a DIGEST is signed with @noble/curves and `prehash: false`, since WebCrypto hashes every
 * message itself. secp256k1, which WebCrypto lacks, is noble's for both.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { webCryptoBytes, webCryptoVerifies } from '../keypairs/bytes.js';
import { secp256k1With } from '../keypairs/noble.js';
import { signSecp256k1, verifySecp256k1 } from '../keypairs/secp256k1.js';
import { type EcKeyPairSpec, ecSpec } from '../keypairs/specs.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { PrivateKeyAccess } from './access.js';
import { ecdsaDerToP1363, ecdsaP1363ToDer } from './ecdsa-der.js';
import { readPrivateKey } from './keys.js';
import { nistWith } from './noble.js';
import { type PublicKeyHandle, publicKeyOf } from './public-keys.js';
import type { EcdsaKeySpec, MessageType } from './specs.js';

type NistCurve = keyof typeof nistWith;

function curveInfo(spec: EcdsaKeySpec): Readonly<EcKeyPairSpec> {
  return ecSpec(spec, spec === 'ECC_SECG_P256K1' ? 'secp256k1' : 'nist');
}

function nistCurve(info: Readonly<EcKeyPairSpec>): NistCurve {
  if (info.webCrypto === undefined) throw new Error(`${info.spec} is not a NIST curve`);
  return info.webCrypto.namedCurve;
}

/**
 * Signature options for a digest. Hedged RFC 6979 nonces, with the provider's randomness as
 * noble's instances have it. High S is left alone on NIST curves, as WebCrypto and OpenSSL do;
 * secp256k1 signs low-S like keypairs/secp256k1.ts (and accepts either when verifying).
 */
const digestSignOptions = (lowS: boolean) =>
  ({ prehash: false, format: 'der', lowS, extraEntropy: true }) as const;

export async function signEcdsa(
  spec: EcdsaKeySpec,
  access: PrivateKeyAccess,
  messageType: MessageType,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const info = curveInfo(spec);
  if (info.family === 'secp256k1') {
    const { privateKey } = await readPrivateKey(spec, access);
    return messageType === 'RAW'
      ? signSecp256k1(privateKey, message, crypto)
      : secp256k1With(crypto).sign(message, privateKey, digestSignOptions(true));
  }
  const curve = nistCurve(info);
  if (messageType === 'DIGEST') {
    const { privateKey } = await readPrivateKey(spec, access);
    return nistWith[curve](crypto).sign(message, privateKey, digestSignOptions(false));
  }
  const algorithm = { name: 'ECDSA', namedCurve: curve };
  const key = await access.webCryptoKey(`ECDSA/${curve}`, algorithm, ['sign']);
  const p1363 = await crypto.subtle.sign(
    { name: 'ECDSA', hash: info.hash },
    key,
    webCryptoBytes(message),
  );
  return ecdsaP1363ToDer(new Uint8Array(p1363));
}

/**
 * As keypairs/nist.ts verifies (import the point, read the DER, verify; false for a bad or
 * malformed signature), with the point's CryptoKey imported once per key.
 */
async function verifyNist(
  info: Readonly<EcKeyPairSpec>,
  publicKey: PublicKeyHandle,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  const curve = nistCurve(info);
  const key = await publicKey.webCryptoKey(
    `ECDSA/${curve}`,
    'raw',
    { name: 'ECDSA', namedCurve: curve },
    ['verify'],
  );
  let p1363: Uint8Array;
  try {
    p1363 = ecdsaDerToP1363(signature, info.keyBytes);
  } catch {
    return false;
  }
  return webCryptoVerifies(crypto, { name: 'ECDSA', hash: info.hash }, key, p1363, message);
}

/** False for any signature that does not verify, including malformed DER. */
export async function verifyEcdsa(
  spec: EcdsaKeySpec,
  spki: Uint8Array,
  messageType: MessageType,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  const info = curveInfo(spec);
  const publicKey = publicKeyOf(spec, spki, crypto);
  const point = publicKey.info.publicKey;
  if (messageType === 'RAW') {
    return info.family === 'secp256k1'
      ? verifySecp256k1(point, message, signature)
      : verifyNist(info, publicKey, message, signature, crypto);
  }
  // The strict DER reader of the RAW path, so both paths accept the same encodings.
  let compact: Uint8Array;
  try {
    compact = ecdsaDerToP1363(signature, info.keyBytes);
  } catch {
    return false;
  }
  // Public values only, so noble's shared instances draw no randomness here.
  const curve = info.family === 'secp256k1' ? secp256k1 : nistWith[nistCurve(info)](crypto);
  try {
    return curve.verify(compact, message, point, {
      prehash: false,
      format: 'compact',
      lowS: false,
    });
  } catch {
    return false;
  }
}
