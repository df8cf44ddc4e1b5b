/**
 * Signing with a data key pair's PrivateKeyPlaintext (PKCS #8) and verifying with its
 * PublicKey (SPKI), for every signing spec, in the formats AWS KMS and OpenSSL use: DER ECDSA
 * and SM2 signatures, raw RSA and Ed25519 signatures. Keys are parsed and checked against the
 * spec first; a malformed key throws, a bad signature only makes verification return false.
 * ML-KEM pairs do not sign: ml-kem.ts encapsulates and decapsulates with them.
 */

import { describeOid } from '../der/oids.js';
import { parsePrivateKeyInfo, parseSubjectPublicKeyInfo } from '../der/parse-key.js';
import { decodeRsaPrivateKey, decodeRsaPublicKey } from '../der/rsa-key.js';
import type { DataKeyPairSpec, SigningAlgorithmSpec } from '../model/types.generated.js';
import { bitLength } from './bytes.js';
import { signEd25519, verifyEd25519 } from './ed25519.js';
import { signNist, verifyNist } from './nist.js';
import { signRsa, verifyRsa } from './rsa.js';
import { signSecp256k1, verifySecp256k1 } from './secp256k1.js';
import { signSm2, verifySm2 } from './sm2.js';
import { type KeyPairSpecInfo, keyPairSpec, type MlKemKeyPairSpec } from './specs.js';
import type { CryptoProvider } from './types.js';

export interface SignOptions {
  /** One of the spec's signing algorithms; defaults to its first (RSASSA_PSS_SHA_256 for RSA). */
  algorithm?: SigningAlgorithmSpec;
  /** SM2 only: the signer's distinguishing identifier; defaults to "1234567812345678". */
  sm2Id?: Uint8Array;
}

// ED25519_PH_SHA_512 (HashEdDSA) is listed for the spec, as AWS lists it, but not implemented.
const UNSUPPORTED: ReadonlySet<SigningAlgorithmSpec> = new Set(['ED25519_PH_SHA_512']);

type SigningSpecInfo = Exclude<KeyPairSpecInfo, MlKemKeyPairSpec>;

/** The spec's table entry, unless it is an ML-KEM spec, which has no signing algorithm. */
function signingSpec(spec: DataKeyPairSpec): Readonly<SigningSpecInfo> {
  const info = keyPairSpec(spec);
  if (info.family === 'ml-kem')
    throw new Error(
      `${spec} key pairs do not sign: they establish shared secrets (encapsulateWithPublicKey, decapsulateWithPrivateKey)`,
    );
  return info;
}

function signingAlgorithm(
  info: Readonly<SigningSpecInfo>,
  requested: SigningAlgorithmSpec | undefined,
): SigningAlgorithmSpec {
  const algorithm = requested ?? info.signingAlgorithms[0];
  if (algorithm === undefined || !info.signingAlgorithms.includes(algorithm)) {
    throw new Error(`${String(requested)} is not a signing algorithm of ${info.spec}`);
  }
  if (UNSUPPORTED.has(algorithm)) throw new Error(`${algorithm} is not supported`);
  return algorithm;
}

/** Throws unless the key's algorithm, curve and size are those of the spec. */
function checkKeyMatchesSpec(
  info: Readonly<SigningSpecInfo>,
  key: { algorithmOid: string; curveOid: string | undefined },
  size: number,
  what: string,
): void {
  const expected = info.family === 'rsa' ? info.modulusBits : info.keyBytes;
  if (key.algorithmOid !== info.algorithmOid || key.curveOid !== info.curveOid) {
    const describe = (oids: (string | undefined)[]) =>
      oids.flatMap((oid) => (oid === undefined ? [] : [describeOid(oid)])).join(' on ');
    throw new Error(
      `${info.spec}: the ${what} is ${describe([key.algorithmOid, key.curveOid])}, not ${describe([info.algorithmOid, info.curveOid])}`,
    );
  }
  if (size !== expected) {
    const unit = info.family === 'rsa' ? 'bit modulus' : 'byte key';
    throw new Error(`${info.spec}: the ${what} has a ${size}-${unit}, expected ${expected}`);
  }
}

/** Signs `message` with a PKCS #8 private key of `spec`. */
export async function signWithPrivateKey(
  spec: DataKeyPairSpec,
  pkcs8: Uint8Array,
  message: Uint8Array,
  crypto: CryptoProvider,
  options: SignOptions = {},
): Promise<Uint8Array> {
  const info = signingSpec(spec);
  const algorithm = signingAlgorithm(info, options.algorithm);
  const key = parsePrivateKeyInfo(pkcs8);
  const size =
    info.family === 'rsa'
      ? bitLength(decodeRsaPrivateKey(key.privateKey).modulus)
      : key.privateKey.length;
  checkKeyMatchesSpec(info, key, size, 'private key');
  switch (info.family) {
    case 'rsa':
      return signRsa(pkcs8, message, algorithm, crypto);
    case 'nist':
      return signNist(info, key.privateKey, key.publicKey, pkcs8, message, crypto);
    case 'secp256k1':
      return signSecp256k1(key.privateKey, message, crypto);
    case 'sm2':
      return signSm2(key.privateKey, message, crypto, options.sm2Id);
    case 'ed25519':
      return signEd25519(key.privateKey, pkcs8, message, crypto);
  }
}

/** Verifies `signature` over `message` with an SPKI public key of `spec`. */
export async function verifyWithPublicKey(
  spec: DataKeyPairSpec,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
  options: SignOptions = {},
): Promise<boolean> {
  const info = signingSpec(spec);
  const algorithm = signingAlgorithm(info, options.algorithm);
  const key = parseSubjectPublicKeyInfo(spki);
  const size =
    info.family === 'rsa'
      ? bitLength(decodeRsaPublicKey(key.publicKey).modulus)
      : info.family === 'ed25519'
        ? key.publicKey.length
        : // An uncompressed point is 1 + 2 * size bytes, a compressed one 1 + size.
          key.publicKey[0] === 0x04
          ? (key.publicKey.length - 1) / 2
          : key.publicKey.length - 1;
  checkKeyMatchesSpec(info, key, size, 'public key');
  switch (info.family) {
    case 'rsa':
      return verifyRsa(spki, message, signature, algorithm, crypto);
    case 'nist':
      return verifyNist(info, key.publicKey, message, signature, crypto);
    case 'secp256k1':
      return verifySecp256k1(key.publicKey, message, signature);
    case 'sm2':
      return verifySm2(key.publicKey, message, signature, options.sm2Id);
    case 'ed25519':
      return verifyEd25519(key.publicKey, message, signature, crypto);
  }
}
