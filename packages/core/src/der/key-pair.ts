/**
 * Encoders for whole key pairs, in the form AWS KMS GenerateDataKeyPair returns them:
 * PublicKey is a DER SubjectPublicKeyInfo, PrivateKeyPlaintext a DER PKCS #8 PrivateKeyInfo.
 */
import type { DerKeyPair } from '../keypairs/types.js';
import { DerError } from './asn1.js';
import { encodeCurvePrivateKey } from './curve-private-key.js';
import { encodeEcPrivateKey } from './ec-private-key.js';
import { fixedLayoutEncoder } from './fixed-layout.js';
import { ID_EC_PUBLIC_KEY, ID_ED25519, RSA_ENCRYPTION } from './oids.js';
import { encodeOneAsymmetricKey } from './private-key-info.js';
import { encodeRsaPrivateKey, encodeRsaPublicKey, type RsaPrivateKey } from './rsa-key.js';
import { encodeSubjectPublicKeyInfo } from './subject-public-key-info.js';

const UNCOMPRESSED_POINT = 0x04;
const ED25519_KEY_BYTES = 32;

export interface EcKeyPairInput {
  /** The namedCurve OID, e.g. SECP256R1. */
  curveOid: string;
  /** d, big-endian, at the curve order's byte length. */
  privateKey: Uint8Array;
  /** The uncompressed SEC 1 point 04 || x || y. */
  publicKey: Uint8Array;
}

/**
 * An id-ecPublicKey pair. The private key is a v1 PrivateKeyInfo wrapping an ECPrivateKey
 * (version 1) that carries both the curve in parameters [0] and the point in publicKey [1],
 * so it reads the same in every parser whichever field that parser looks at.
 */
export function encodeEcKeyPair({ curveOid, privateKey, publicKey }: EcKeyPairInput): DerKeyPair {
  if (publicKey[0] !== UNCOMPRESSED_POINT || publicKey.length < 3 || publicKey.length % 2 !== 1) {
    throw new DerError('EC key pair: the public key must be an uncompressed point 04 || x || y');
  }
  // Every curve here has an order and a field of the same byte length, so |d| = |x|.
  const coordinateBytes = (publicKey.length - 1) / 2;
  if (privateKey.length !== coordinateBytes) {
    throw new DerError(
      `EC key pair: the private key must be ${coordinateBytes} bytes for this curve, got ${privateKey.length}`,
    );
  }
  return ecTemplates(curveOid, coordinateBytes)({ privateKey, publicKey });
}

type EcValues = { privateKey: Uint8Array; publicKey: Uint8Array };

const EC_TEMPLATES = new Map<string, (values: EcValues) => DerKeyPair>();

/**
 * The encoders of one curve, made with asn1js on first use and then reused as templates
 * (see fixed-layout.ts): every pair of a curve has the same layout.
 */
function ecTemplates(curveOid: string, coordinateBytes: number) {
  const cacheKey = `${curveOid}/${coordinateBytes}`;
  let encode = EC_TEMPLATES.get(cacheKey);
  if (!encode) {
    const parameters = { kind: 'oid', oid: curveOid } as const;
    const privateKey = new Uint8Array(coordinateBytes).fill(1);
    const publicKey = new Uint8Array(1 + 2 * coordinateBytes).fill(1);
    publicKey[0] = UNCOMPRESSED_POINT;
    const spki = fixedLayoutEncoder(
      (values: { publicKey: Uint8Array }) =>
        encodeSubjectPublicKeyInfo(ID_EC_PUBLIC_KEY, parameters, values.publicKey),
      { publicKey },
      { publicKey: 1 },
    );
    const pkcs8 = fixedLayoutEncoder(
      (values: EcValues) =>
        encodeOneAsymmetricKey(
          ID_EC_PUBLIC_KEY,
          parameters,
          encodeEcPrivateKey({ ...values, curveOid }),
        ),
      { privateKey, publicKey },
      { publicKey: 1 },
    );
    encode = (values) => ({ publicKey: spki(values), privateKey: pkcs8(values) });
    EC_TEMPLATES.set(cacheKey, encode);
  }
  return encode;
}

/** An Ed25519 pair (RFC 8410): the 32-byte seed of RFC 8032 and its 32-byte public key. */
export function encodeEd25519KeyPair(seed: Uint8Array, publicKey: Uint8Array): DerKeyPair {
  if (seed.length !== ED25519_KEY_BYTES || publicKey.length !== ED25519_KEY_BYTES) {
    throw new DerError('Ed25519 key pair: the seed and the public key must be 32 bytes each');
  }
  ed25519Encoders ??= makeEd25519Encoders();
  return {
    publicKey: ed25519Encoders.spki({ publicKey }),
    privateKey: ed25519Encoders.pkcs8({ seed }),
  };
}

let ed25519Encoders: ReturnType<typeof makeEd25519Encoders> | undefined;

/** Made on first use, not at import: nothing runs when the module loads. */
function makeEd25519Encoders() {
  const parameters = { kind: 'absent' } as const;
  return {
    spki: fixedLayoutEncoder(
      ({ publicKey }: { publicKey: Uint8Array }) =>
        encodeSubjectPublicKeyInfo(ID_ED25519, parameters, publicKey),
      { publicKey: new Uint8Array(ED25519_KEY_BYTES) },
    ),
    // v1 without the public key, as OpenSSL, WebCrypto and AWS KMS write it.
    pkcs8: fixedLayoutEncoder(
      ({ seed }: { seed: Uint8Array }) =>
        encodeOneAsymmetricKey(ID_ED25519, parameters, encodeCurvePrivateKey(seed)),
      { seed: new Uint8Array(ED25519_KEY_BYTES) },
    ),
  };
}

/** An rsaEncryption pair with NULL parameters (RFC 8017, A.1), in canonical DER. */
export function encodeRsaKeyPair(key: RsaPrivateKey): DerKeyPair {
  const parameters = { kind: 'null' } as const;
  return {
    publicKey: encodeSubjectPublicKeyInfo(RSA_ENCRYPTION, parameters, encodeRsaPublicKey(key)),
    privateKey: encodeOneAsymmetricKey(RSA_ENCRYPTION, parameters, encodeRsaPrivateKey(key)),
  };
}
