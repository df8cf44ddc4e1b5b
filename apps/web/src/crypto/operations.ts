/**
 * The crypto work that runs in the Web Worker: key pair generation and everything done
 * with a data key pair (sign, verify, encrypt, decrypt, key inspection). Plain async
 * functions, so unit tests call them directly in Node.
 */
import {
  type CryptoProvider,
  decodeOneAsymmetricKey,
  decodeRsaPrivateKey,
  decodeRsaPublicKey,
  decodeSubjectPublicKeyInfo,
  encodeEcKeyPair,
  encodeEd25519KeyPair,
  encodeRsaKeyPair,
  generateKeyPair,
  ID_ED25519,
  KEY_PAIR_SPECS,
  parsePrivateKeyInfo,
  parseSubjectPublicKeyInfo,
  RSA_ENCRYPTION,
  type SigningAlgorithmSpec,
  type SupportedDataKeyPairSpec,
  signWithPrivateKey,
  sm2,
  verifyWithPublicKey,
} from '@kms-lab/core';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describeMlKemPrivateKey, describeMlKemPublicKey } from './kem';

export { decapsulate, encapsulate } from './kem';

const webCrypto = (): CryptoProvider => globalThis.crypto;

export interface KeyPairBytes {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export type UseEncryptionAlgorithm = 'RSAES_OAEP_SHA_256' | 'RSAES_OAEP_SHA_1' | 'SM2PKE';

export async function generate(spec: SupportedDataKeyPairSpec): Promise<KeyPairBytes> {
  return generateKeyPair(spec, webCrypto());
}

export async function sign(
  spec: SupportedDataKeyPairSpec,
  privateKey: Uint8Array,
  message: Uint8Array,
  algorithm: SigningAlgorithmSpec,
  sm2Id?: Uint8Array,
): Promise<Uint8Array> {
  return signWithPrivateKey(spec, privateKey, message, webCrypto(), {
    algorithm,
    ...(sm2Id ? { sm2Id } : {}),
  });
}

export async function verify(
  spec: SupportedDataKeyPairSpec,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  algorithm: SigningAlgorithmSpec,
  sm2Id?: Uint8Array,
): Promise<boolean> {
  return verifyWithPublicKey(spec, publicKey, message, signature, webCrypto(), {
    algorithm,
    ...(sm2Id ? { sm2Id } : {}),
  });
}

const OAEP_HASH = { RSAES_OAEP_SHA_256: 'SHA-256', RSAES_OAEP_SHA_1: 'SHA-1' } as const;

function requireEncryption(spec: SupportedDataKeyPairSpec, algorithm: UseEncryptionAlgorithm) {
  if (!(KEY_PAIR_SPECS[spec].encryptionAlgorithms as readonly string[]).includes(algorithm))
    throw new Error(`${spec} key pairs do not encrypt with ${algorithm}.`);
}

export async function encrypt(
  spec: SupportedDataKeyPairSpec,
  publicKey: Uint8Array,
  plaintext: Uint8Array,
  algorithm: UseEncryptionAlgorithm,
): Promise<Uint8Array> {
  requireEncryption(spec, algorithm);
  const crypto = webCrypto();
  if (algorithm === 'SM2PKE') {
    const { publicKey: point } = parseSubjectPublicKeyInfo(publicKey);
    return sm2.encrypt(plaintext, point, {
      random: (length) => crypto.getRandomValues(new Uint8Array(length)),
    });
  }
  const key = await crypto.subtle.importKey(
    'spki',
    publicKey as Uint8Array<ArrayBuffer>,
    { name: 'RSA-OAEP', hash: OAEP_HASH[algorithm] },
    false,
    ['encrypt'],
  );
  return new Uint8Array(
    await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, plaintext as Uint8Array<ArrayBuffer>),
  );
}

/**
 * The name of the error a failed decryption throws: the worker passes it on, and the page
 * explains it in plain words (errors/explain.ts, which spells it out rather than import this
 * worker-side module) instead of a bare "Error". Not exported: every export here is a
 * worker operation.
 */
const DECRYPTION_ERROR = 'DecryptionError';

function decryptionError(algorithm: UseEncryptionAlgorithm, cause: unknown): Error {
  const check =
    algorithm === 'SM2PKE'
      ? 'SM2 decryption failed: the SM3 hash (C3) of the recovered plaintext does not match, or the ciphertext is not an SM2 ciphertext'
      : `RSA-OAEP decryption failed: the recovered padding (${algorithm}) is not valid`;
  const detail = cause instanceof Error ? ` (${cause.message})` : '';
  return Object.assign(new Error(`${check}${detail}.`), { name: DECRYPTION_ERROR });
}

export async function decrypt(
  spec: SupportedDataKeyPairSpec,
  privateKey: Uint8Array,
  ciphertext: Uint8Array,
  algorithm: UseEncryptionAlgorithm,
): Promise<Uint8Array> {
  requireEncryption(spec, algorithm);
  if (algorithm === 'SM2PKE') {
    const { privateKey: d } = parsePrivateKeyInfo(privateKey);
    try {
      return sm2.decrypt(ciphertext, d);
    } catch (error) {
      throw decryptionError(algorithm, error);
    }
  }
  const crypto = webCrypto();
  const key = await crypto.subtle.importKey(
    'pkcs8',
    privateKey as Uint8Array<ArrayBuffer>,
    { name: 'RSA-OAEP', hash: OAEP_HASH[algorithm] },
    false,
    ['decrypt'],
  );
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, key, ciphertext as Uint8Array<ArrayBuffer>),
    );
  } catch {
    // WebCrypto says only "OperationError", whatever went wrong.
    throw decryptionError(algorithm, undefined);
  }
}

const CURVE_SPECS = Object.values(KEY_PAIR_SPECS).filter((info) => info.curveOid !== undefined);

/** The data key pair spec of a key, from its algorithm, curve and size. */
function specOf(algorithmOid: string, curveOid: string | undefined, rsaModulus?: Uint8Array) {
  if (algorithmOid === RSA_ENCRYPTION && rsaModulus) {
    const bits = (rsaModulus.length - (rsaModulus[0] === 0 ? 1 : 0)) * 8;
    const spec = `RSA_${bits}` as SupportedDataKeyPairSpec;
    if (Object.hasOwn(KEY_PAIR_SPECS, spec)) return spec;
    throw new Error(`An RSA key of ${bits} bits is not a data key pair spec.`);
  }
  if (algorithmOid === ID_ED25519) return 'ECC_NIST_EDWARDS25519' as const;
  const match = CURVE_SPECS.find((info) => info.curveOid === curveOid);
  if (!match) throw new Error('The key is not of a data key pair spec.');
  return match.spec;
}

export interface PublicKeyDescription {
  spec: SupportedDataKeyPairSpec;
}

export async function describePublicKey(spki: Uint8Array): Promise<PublicKeyDescription> {
  const mlKem = describeMlKemPublicKey(spki, decodeSubjectPublicKeyInfo(spki).algorithm.oid);
  if (mlKem) return { spec: mlKem };
  const info = parseSubjectPublicKeyInfo(spki);
  const modulus =
    info.algorithmOid === RSA_ENCRYPTION ? decodeRsaPublicKey(info.publicKey).modulus : undefined;
  return { spec: specOf(info.algorithmOid, info.curveOid, modulus) };
}

export interface PrivateKeyDescription {
  spec: SupportedDataKeyPairSpec;
  /** The matching public key as DER SubjectPublicKeyInfo, in the engine's encoding. */
  publicKey: Uint8Array;
}

/** The spec of a PKCS #8 private key and its public key, to match against the history. */
export async function describePrivateKey(pkcs8: Uint8Array): Promise<PrivateKeyDescription> {
  const mlKem = describeMlKemPrivateKey(pkcs8, algorithmOfPrivateKey(pkcs8));
  if (mlKem) return mlKem;
  const info = parsePrivateKeyInfo(pkcs8);
  if (info.algorithmOid === RSA_ENCRYPTION) {
    const key = decodeRsaPrivateKey(info.privateKey);
    return {
      spec: specOf(info.algorithmOid, undefined, key.modulus),
      publicKey: encodeRsaKeyPair(key).publicKey,
    };
  }
  if (info.algorithmOid === ID_ED25519) {
    const seed = info.privateKey;
    return {
      spec: 'ECC_NIST_EDWARDS25519',
      publicKey: encodeEd25519KeyPair(seed, ed25519.getPublicKey(seed)).publicKey,
    };
  }
  const spec = specOf(info.algorithmOid, info.curveOid);
  const point = info.publicKey ?? derivePoint(spec, info.privateKey);
  const { publicKey } = encodeEcKeyPair({
    curveOid: info.curveOid as string,
    privateKey: info.privateKey,
    publicKey: point,
  });
  return { spec, publicKey };
}

/** The PKCS #8's algorithm OID, its private key bytes wiped at once. */
function algorithmOfPrivateKey(pkcs8: Uint8Array): string {
  const info = decodeOneAsymmetricKey(pkcs8);
  info.privateKey.fill(0);
  return info.privateKeyAlgorithm.oid;
}

function derivePoint(spec: SupportedDataKeyPairSpec, d: Uint8Array): Uint8Array {
  if (spec === 'SM2') return sm2.getPublicKey(d);
  throw new Error(
    `This ${spec} private key does not carry its public key; KMS Lab's keys always do.`,
  );
}
