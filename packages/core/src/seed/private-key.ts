/**
 * A seeded asymmetric KMS key's private key, as people have one: PEM or DER, PKCS #8
 * ('PRIVATE KEY', RFC 5958), SEC 1 ('EC PRIVATE KEY', RFC 5915, what local-kms's seed files
 * hold for ECC keys) or PKCS #1 ('RSA PRIVATE KEY', RFC 8017). It is read, its key spec found
 * from the key itself, its public key computed (and checked against any the structure
 * carries), and both re-encoded exactly as the engine encodes the keys it generates, so a
 * seeded key is indistinguishable from a made one.
 *
 * The DER structures are parsed with asn1js by der/ (each with its RFC's ASN.1 text there).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sm2 } from '../curves/sm2.js';
import { DerError, sameBytes } from '../der/asn1.js';
import { decodeEcPrivateKey } from '../der/ec-private-key.js';
import { encodeEcKeyPair, encodeEd25519KeyPair, encodeRsaKeyPair } from '../der/key-pair.js';
import {
  ID_EC_PUBLIC_KEY,
  ID_ED25519,
  RSA_ENCRYPTION,
  SECP256K1,
  SECP256R1,
  SECP384R1,
  SECP521R1,
  SM2_CURVE,
} from '../der/oids.js';
import { parsePrivateKeyInfo } from '../der/parse-key.js';
import { fromPem, PemError } from '../der/pem.js';
import { decodeRsaPrivateKey, type RsaPrivateKey } from '../der/rsa-key.js';
import type { KeySpec } from '../model/types.generated.js';

export interface SeededKeyPair {
  keySpec: KeySpec;
  /** DER SubjectPublicKeyInfo. */
  publicKey: Uint8Array;
  /** DER PKCS #8, as the engine writes it for a key of this spec. */
  privateKey: Uint8Array;
}

/** Why a seeded private key cannot be used; never quotes the key. */
export class SeedKeyError extends Error {
  override name = 'SeedKeyError';
}

const CURVES: Record<string, { keySpec: KeySpec; publicKeyOf: (d: Uint8Array) => Uint8Array }> = {
  [SECP256R1]: { keySpec: 'ECC_NIST_P256', publicKeyOf: (d) => p256.getPublicKey(d, false) },
  [SECP384R1]: { keySpec: 'ECC_NIST_P384', publicKeyOf: (d) => p384.getPublicKey(d, false) },
  [SECP521R1]: { keySpec: 'ECC_NIST_P521', publicKeyOf: (d) => p521.getPublicKey(d, false) },
  [SECP256K1]: {
    keySpec: 'ECC_SECG_P256K1',
    publicKeyOf: (d) => secp256k1.getPublicKey(d, false),
  },
  [SM2_CURVE]: { keySpec: 'SM2', publicKeyOf: (d) => sm2.getPublicKey(d) },
};

const RSA_SPECS: Record<number, KeySpec> = { 2048: 'RSA_2048', 3072: 'RSA_3072', 4096: 'RSA_4096' };

type Encoding = 'pkcs8' | 'sec1' | 'pkcs1';

/** PEM text (any of the three labels) or DER bytes (PKCS #8 or SEC 1, as LocalStack takes). */
export function readSeededPrivateKey(input: string | Uint8Array): SeededKeyPair {
  try {
    if (typeof input === 'string') {
      const { encoding, der } = readPem(input);
      return fromDer(der, encoding);
    }
    return fromDer(input, input[0] === 0x30 && looksLikeSec1(input) ? 'sec1' : 'pkcs8');
  } catch (error) {
    if (error instanceof SeedKeyError) throw error;
    if (error instanceof DerError || error instanceof PemError)
      throw new SeedKeyError(error.message);
    // noble throws for a scalar out of range; say so without the value.
    throw new SeedKeyError(
      `the private key is not valid for its curve (${error instanceof Error ? error.message.slice(0, 80) : 'invalid'})`,
    );
  }
}

const LABELS: Record<string, Encoding> = {
  'PRIVATE KEY': 'pkcs8',
  'EC PRIVATE KEY': 'sec1',
  'RSA PRIVATE KEY': 'pkcs1',
};

function readPem(text: string): { encoding: Encoding; der: Uint8Array } {
  const label = /-----BEGIN ([A-Z ]+)-----/.exec(text)?.[1];
  if (label === undefined)
    throw new SeedKeyError("not PEM: no '-----BEGIN ... PRIVATE KEY-----' line");
  const encoding = LABELS[label];
  if (encoding === undefined)
    throw new SeedKeyError(
      `PEM label '${label}' is not a private key: use PRIVATE KEY (PKCS #8), EC PRIVATE KEY or RSA PRIVATE KEY (encrypted keys are not read)`,
    );
  // fromPem reads RFC 7468's strict grammar for PKCS #8; the body grammar is the same for the
  // traditional labels, so they are read by it under the PKCS #8 label.
  const relabelled = text.replace(
    /-----(BEGIN|END) (?:EC |RSA )?PRIVATE KEY-----/g,
    '-----$1 PRIVATE KEY-----',
  );
  return { encoding, der: fromPem(relabelled, 'PRIVATE KEY').der };
}

/** SEC 1 starts SEQUENCE { INTEGER 1, OCTET STRING ...}; PKCS #8 SEQUENCE { INTEGER 0|1, SEQUENCE ...}. */
function looksLikeSec1(der: Uint8Array): boolean {
  try {
    decodeEcPrivateKey(der);
    return true;
  } catch {
    return false;
  }
}

function fromDer(der: Uint8Array, encoding: Encoding): SeededKeyPair {
  if (encoding === 'pkcs1') return fromRsa(decodeRsaPrivateKey(der));
  if (encoding === 'sec1') {
    const ec = decodeEcPrivateKey(der);
    if (ec.curveOid === undefined)
      throw new SeedKeyError('the EC private key does not name its curve (parameters [0])');
    return fromEc(ec.curveOid, ec.privateKey, ec.publicKey);
  }
  const info = parsePrivateKeyInfo(der);
  if (info.algorithmOid === RSA_ENCRYPTION) return fromRsa(decodeRsaPrivateKey(info.privateKey));
  if (info.algorithmOid === ID_ED25519) {
    const publicKey = ed25519.getPublicKey(info.privateKey);
    checkPublicKey(publicKey, info.publicKey);
    return {
      keySpec: 'ECC_NIST_EDWARDS25519',
      ...encodeEd25519KeyPair(info.privateKey, publicKey),
    };
  }
  if (info.algorithmOid === ID_EC_PUBLIC_KEY && info.curveOid !== undefined)
    return fromEc(info.curveOid, info.privateKey, info.publicKey);
  throw new SeedKeyError('the private key is of an algorithm KMS Lab does not seed');
}

function fromRsa(key: RsaPrivateKey): SeededKeyPair {
  const bits = bitLength(key.modulus);
  const keySpec = RSA_SPECS[bits];
  if (keySpec === undefined)
    throw new SeedKeyError(`an RSA key must be 2048, 3072 or 4096 bits; this one is ${bits}`);
  return { keySpec, ...encodeRsaKeyPair(key) };
}

function fromEc(
  curveOid: string,
  privateKey: Uint8Array,
  carried: Uint8Array | undefined,
): SeededKeyPair {
  const curve = CURVES[curveOid];
  if (curve === undefined)
    throw new SeedKeyError(
      `the EC key's curve (${curveOid}) is not one of P-256, P-384, P-521, secp256k1 or SM2`,
    );
  const publicKey = curve.publicKeyOf(privateKey);
  checkPublicKey(publicKey, carried);
  return { keySpec: curve.keySpec, ...encodeEcKeyPair({ curveOid, privateKey, publicKey }) };
}

/** A structure that carries a public key must carry the private key's own. */
function checkPublicKey(computed: Uint8Array, carried: Uint8Array | undefined) {
  if (carried !== undefined && !sameBytes(computed, carried))
    throw new SeedKeyError('the public key in the structure does not belong to its private key');
}

function bitLength(magnitude: Uint8Array): number {
  const start = magnitude.findIndex((byte) => byte !== 0);
  if (start === -1) return 0;
  return (magnitude.length - start - 1) * 8 + (32 - Math.clz32(magnitude[start] as number));
}
