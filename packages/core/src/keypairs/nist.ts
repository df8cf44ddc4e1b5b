/**
 * NIST P-256, P-384 and P-521 data key pairs. WebCrypto generates; the key leaves as JWK and
 * the DER is built here, because runtimes disagree on what their PKCS #8 export puts in the
 * ECPrivateKey (parameters [0] and publicKey [1] come and go). Signatures are DER, as AWS KMS
 * and OpenSSL emit them; WebCrypto's r || s is converted both ways.
 */
import { concatBytes } from '../der/asn1.js';
import { ecdsaSignatureFromDer, ecdsaSignatureToDer } from '../der/ecdsa-signature.js';
import { encodeEcKeyPair } from '../der/key-pair.js';
import { base64url, bufferSource, jwkBytes, webCryptoVerifies } from './bytes.js';
import { type EcKeyPairSpec, ecSpec } from './specs.js';
import type { CryptoProvider, KeyPairGenerator } from './types.js';

const UNCOMPRESSED_POINT = new Uint8Array([0x04]);

function webCryptoCurve(info: Readonly<EcKeyPairSpec>): { name: 'ECDSA'; namedCurve: string } {
  if (info.webCrypto === undefined) throw new Error(`${info.spec} has no WebCrypto curve`);
  return info.webCrypto;
}

export const generateNistKeyPair: KeyPairGenerator = async (spec, crypto) => {
  const info = ecSpec(spec, 'nist');
  const algorithm = webCryptoCurve(info);
  const keyPair = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', keyPair.privateKey);
  if (jwk.kty !== 'EC' || jwk.crv !== algorithm.namedCurve) {
    throw new Error(`${spec}: WebCrypto exported a ${jwk.kty} ${jwk.crv} key`);
  }
  return encodeEcKeyPair({
    curveOid: info.curveOid,
    privateKey: jwkBytes(jwk, 'd', info.keyBytes),
    publicKey: concatBytes(
      UNCOMPRESSED_POINT,
      jwkBytes(jwk, 'x', info.keyBytes),
      jwkBytes(jwk, 'y', info.keyBytes),
    ),
  });
};

/**
 * ECDSA with the spec's hash; `publicKey` is the uncompressed point the PKCS #8 carries, which
 * lets the key go in as JWK (the one import every runtime reads the same way).
 */
export async function signNist(
  info: Readonly<EcKeyPairSpec>,
  privateKey: Uint8Array,
  publicKey: Uint8Array | undefined,
  pkcs8: Uint8Array,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const algorithm = webCryptoCurve(info);
  const size = info.keyBytes;
  const key =
    publicKey?.[0] === 0x04 && publicKey.length === 1 + 2 * size
      ? await crypto.subtle.importKey(
          'jwk',
          {
            kty: 'EC',
            crv: algorithm.namedCurve,
            d: base64url(privateKey),
            x: base64url(publicKey.subarray(1, 1 + size)),
            y: base64url(publicKey.subarray(1 + size)),
          },
          algorithm,
          false,
          ['sign'],
        )
      : await crypto.subtle.importKey('pkcs8', bufferSource(pkcs8), algorithm, false, ['sign']);
  const p1363 = await crypto.subtle.sign(
    { name: 'ECDSA', hash: info.hash },
    key,
    bufferSource(message),
  );
  return ecdsaSignatureToDer(new Uint8Array(p1363));
}

/** Verifies a DER ECDSA signature against a SEC 1 point; false for any bad signature. */
export async function verifyNist(
  info: Readonly<EcKeyPairSpec>,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  const algorithm = webCryptoCurve(info);
  const key = await crypto.subtle.importKey('raw', bufferSource(publicKey), algorithm, false, [
    'verify',
  ]);
  let p1363: Uint8Array;
  try {
    p1363 = ecdsaSignatureFromDer(signature, info.keyBytes);
  } catch {
    return false;
  }
  return webCryptoVerifies(crypto, { name: 'ECDSA', hash: info.hash }, key, p1363, message);
}
