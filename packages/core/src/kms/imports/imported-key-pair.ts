/**
 * The key pair of an asymmetric KMS key from imported PKCS #8: checked to be a key of the KMS
 * key's spec by WebCrypto's import, its public key derived, and both re-encoded as KMS Lab
 * encodes the pairs it generates (keypairs/rsa.ts, keypairs/nist.ts), so the rest of the
 * engine reads imported keys exactly as its own. RSA and the NIST curves through WebCrypto;
 * secp256k1 and SM2, which WebCrypto lacks, through the seed reader (noble's curves).
 */
import { concatBytes } from '../../der/asn1.js';
import { encodeEcKeyPair } from '../../der/key-pair.js';
import { KmsError } from '../../errors.js';
import { bufferSource, jwkBytes } from '../../keypairs/bytes.js';
import { normaliseRsaKeyPair } from '../../keypairs/rsa.js';
import { ecSpec } from '../../keypairs/specs.js';
import type { CryptoProvider, DerKeyPair } from '../../keypairs/types.js';
import type { KeySpec } from '../../model/types.generated.js';
import { readSeededPrivateKey, SeedKeyError } from '../../seed/private-key.js';

const RSA_BITS: Partial<Record<KeySpec, number>> = {
  RSA_2048: 2048,
  RSA_3072: 3072,
  RSA_4096: 4096,
};
const NIST_SPECS = new Set<KeySpec>(['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521']);
/** The curves WebCrypto does not have. */
const NOBLE_SPECS = new Set<KeySpec>(['ECC_SECG_P256K1', 'SM2']);

/**
 * The key specs whose key material KMS Lab can import (besides symmetric and HMAC keys). AWS,
 * "Requirements for imported key material": RSA, ECC and SM2 (China Regions) key pairs.
 */
export const isImportableKeyPairSpec = (spec: KeySpec) =>
  RSA_BITS[spec] !== undefined || NIST_SPECS.has(spec) || NOBLE_SPECS.has(spec);

const notThisSpec = (spec: KeySpec, why: string) =>
  new KmsError(
    'ValidationException',
    `The key material is not a PKCS #8 private key of key spec ${spec}: ${why}.`,
  );

export async function importedKeyPair(
  crypto: CryptoProvider,
  spec: KeySpec,
  pkcs8: Uint8Array,
): Promise<DerKeyPair> {
  const bits = RSA_BITS[spec];
  if (bits !== undefined) return importedRsaKeyPair(crypto, spec, bits, pkcs8);
  if (NIST_SPECS.has(spec)) return importedNistKeyPair(crypto, spec, pkcs8);
  if (NOBLE_SPECS.has(spec)) return importedCurveKeyPair(spec, pkcs8);
  throw new KmsError('UnsupportedOperationException', `KMS Lab cannot import ${spec} keys yet.`);
}

async function importedRsaKeyPair(
  crypto: CryptoProvider,
  spec: KeySpec,
  bits: number,
  pkcs8: Uint8Array,
): Promise<DerKeyPair> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey('pkcs8', bufferSource(pkcs8), algorithm, true, [
      'sign',
    ]);
  } catch {
    throw notThisSpec(spec, 'it does not read as an RSA private key');
  }
  const modulusLength = (privateKey.algorithm as RsaHashedKeyAlgorithm).modulusLength;
  if (modulusLength !== bits)
    throw notThisSpec(spec, `its modulus is ${modulusLength} bits, not ${bits}`);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = await crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: jwk.n, e: jwk.e, ext: true },
    algorithm,
    true,
    ['verify'],
  );
  const [spki, canonical] = await Promise.all([
    crypto.subtle.exportKey('spki', publicKey),
    crypto.subtle.exportKey('pkcs8', privateKey),
  ]);
  try {
    return normaliseRsaKeyPair(new Uint8Array(spki), new Uint8Array(canonical), bits);
  } catch (error) {
    throw notThisSpec(spec, (error as Error).message);
  }
}

async function importedNistKeyPair(
  crypto: CryptoProvider,
  spec: KeySpec,
  pkcs8: Uint8Array,
): Promise<DerKeyPair> {
  const info = ecSpec(spec as 'ECC_NIST_P256', 'nist');
  const algorithm = info.webCrypto as { name: 'ECDSA'; namedCurve: string };
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey('pkcs8', bufferSource(pkcs8), algorithm, true, [
      'sign',
    ]);
  } catch {
    throw notThisSpec(spec, `it does not read as a private key on ${algorithm.namedCurve}`);
  }
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  return encodeEcKeyPair({
    curveOid: info.curveOid,
    privateKey: jwkBytes(jwk, 'd', info.keyBytes),
    publicKey: concatBytes(
      new Uint8Array([0x04]),
      jwkBytes(jwk, 'x', info.keyBytes),
      jwkBytes(jwk, 'y', info.keyBytes),
    ),
  });
}

/** secp256k1 and SM2: PKCS #8 (or SEC 1) read with asn1js, the public key derived by noble. */
function importedCurveKeyPair(spec: KeySpec, der: Uint8Array): DerKeyPair {
  let pair: ReturnType<typeof readSeededPrivateKey>;
  try {
    pair = readSeededPrivateKey(der);
  } catch (error) {
    if (error instanceof SeedKeyError) throw notThisSpec(spec, error.message);
    throw error;
  }
  if (pair.keySpec !== spec) {
    pair.privateKey.fill(0);
    throw notThisSpec(spec, `it is a ${pair.keySpec} key`);
  }
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}
