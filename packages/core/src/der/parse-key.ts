/**
 * Parsers for the public and private keys of every data key pair spec: they check the
 * structure and the algorithm's parameters, and return the algorithm, the curve and the
 * key bytes. Anything malformed or unsupported throws a DerError naming the field.
 */
import type { AlgorithmIdentifier } from './algorithm-identifier.js';
import { DerError, sameBytes } from './asn1.js';
import { decodeCurvePrivateKey } from './curve-private-key.js';
import { decodeEcPrivateKey } from './ec-private-key.js';
import { describeOid, ID_EC_PUBLIC_KEY, ID_ED25519, RSA_ENCRYPTION } from './oids.js';
import { decodeOneAsymmetricKey } from './private-key-info.js';
import { decodeRsaPrivateKey, decodeRsaPublicKey } from './rsa-key.js';
import { decodeSubjectPublicKeyInfo } from './subject-public-key-info.js';

const ED25519_KEY_BYTES = 32;
const SEC1_POINT_PREFIXES: ReadonlySet<number> = new Set([0x02, 0x03, 0x04]);

export interface PublicKeyInfo {
  /** rsaEncryption, id-ecPublicKey or id-Ed25519. */
  algorithmOid: string;
  /** The namedCurve of an id-ecPublicKey key; undefined for the others. */
  curveOid: string | undefined;
  /** The SEC 1 point (EC), the RSAPublicKey DER (RSA) or the 32-byte key (Ed25519). */
  publicKey: Uint8Array;
}

export interface PrivateKeyInfo {
  /** 0 for PrivateKeyInfo (v1), 1 for OneAsymmetricKey v2. */
  version: 0 | 1;
  algorithmOid: string;
  /** The namedCurve of an id-ecPublicKey key; undefined for the others. */
  curveOid: string | undefined;
  /** d at its fixed length (EC), the RSAPrivateKey DER (RSA) or the 32-byte seed (Ed25519). */
  privateKey: Uint8Array;
  /** The public key the structure carries, if any (ECPrivateKey publicKey [1], or v2's [1]). */
  publicKey: Uint8Array | undefined;
}

/** Parses a DER SubjectPublicKeyInfo (RFC 5280) holding an RSA, EC or Ed25519 key. */
export function parseSubjectPublicKeyInfo(der: Uint8Array): PublicKeyInfo {
  const what = 'SubjectPublicKeyInfo';
  const { algorithm, subjectPublicKey } = decodeSubjectPublicKeyInfo(der);
  const curveOid = checkAlgorithm(algorithm, what);
  checkPublicKey(algorithm.oid, subjectPublicKey, what);
  return { algorithmOid: algorithm.oid, curveOid, publicKey: subjectPublicKey };
}

/** Parses a DER PKCS #8 PrivateKeyInfo / OneAsymmetricKey (RFC 5958). */
export function parsePrivateKeyInfo(der: Uint8Array): PrivateKeyInfo {
  const what = 'PrivateKeyInfo';
  const info = decodeOneAsymmetricKey(der);
  const algorithmOid = info.privateKeyAlgorithm.oid;
  const curveOid = checkAlgorithm(info.privateKeyAlgorithm, what);
  if (info.publicKey !== undefined)
    checkPublicKey(algorithmOid, info.publicKey, `${what} publicKey`);
  const base = { version: info.version, algorithmOid, curveOid };

  if (algorithmOid === RSA_ENCRYPTION) {
    decodeRsaPrivateKey(info.privateKey);
    return { ...base, privateKey: info.privateKey, publicKey: info.publicKey };
  }

  if (algorithmOid === ID_ED25519) {
    const seed = decodeCurvePrivateKey(info.privateKey);
    if (seed.length !== ED25519_KEY_BYTES) {
      throw new DerError(`${what}: an Ed25519 private key must be 32 bytes, got ${seed.length}`);
    }
    return { ...base, privateKey: seed, publicKey: info.publicKey };
  }

  // id-ecPublicKey, the only other algorithm checkAlgorithm lets through.
  const ec = decodeEcPrivateKey(info.privateKey);
  if (ec.curveOid !== undefined && ec.curveOid !== curveOid) {
    throw new DerError(
      `${what}: ECPrivateKey parameters ${describeOid(ec.curveOid)} do not match the algorithm's curve ${describeOid(curveOid ?? '')}`,
    );
  }
  if (ec.publicKey !== undefined)
    checkPublicKey(algorithmOid, ec.publicKey, `ECPrivateKey publicKey`);
  if (ec.publicKey !== undefined && info.publicKey !== undefined) {
    if (!sameBytes(ec.publicKey, info.publicKey)) {
      throw new DerError(`${what}: the two public key fields differ`);
    }
  }
  const publicKey = ec.publicKey ?? info.publicKey;
  if (publicKey?.[0] === 0x04 && ec.privateKey.length !== (publicKey.length - 1) / 2) {
    throw new DerError(
      `${what}: the EC private key is ${ec.privateKey.length} bytes, not the curve's ${(publicKey.length - 1) / 2} (RFC 5915 fixes its length)`,
    );
  }
  return { ...base, privateKey: ec.privateKey, publicKey };
}

/** Checks the parameters each supported algorithm requires; returns the curve OID if any. */
function checkAlgorithm(
  { oid, parameters }: AlgorithmIdentifier,
  what: string,
): string | undefined {
  switch (oid) {
    case RSA_ENCRYPTION:
      if (parameters.kind !== 'null') {
        throw new DerError(`${what}: rsaEncryption parameters must be NULL (RFC 8017, A.1)`);
      }
      return undefined;
    case ID_EC_PUBLIC_KEY:
      if (parameters.kind !== 'oid') {
        throw new DerError(
          `${what}: id-ecPublicKey parameters must be a namedCurve OID (RFC 5480; implicitCurve and specifiedCurve are not supported)`,
        );
      }
      return parameters.oid;
    case ID_ED25519:
      if (parameters.kind !== 'absent') {
        throw new DerError(`${what}: id-Ed25519 parameters must be absent (RFC 8410, 3)`);
      }
      return undefined;
    default:
      throw new DerError(`${what}: unsupported algorithm ${describeOid(oid)}`);
  }
}

function checkPublicKey(algorithmOid: string, publicKey: Uint8Array, what: string): void {
  if (algorithmOid === RSA_ENCRYPTION) {
    decodeRsaPublicKey(publicKey);
  } else if (algorithmOid === ID_ED25519) {
    if (publicKey.length !== ED25519_KEY_BYTES) {
      throw new DerError(
        `${what}: an Ed25519 public key must be 32 bytes, got ${publicKey.length}`,
      );
    }
  } else if (!SEC1_POINT_PREFIXES.has(publicKey[0] ?? -1) || publicKey.length < 2) {
    throw new DerError(`${what}: not a SEC 1 elliptic curve point`);
  }
}
