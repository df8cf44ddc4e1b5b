/**
 * The twelve data key pair specs of AWS KMS GenerateDataKeyPair, as data: key family, OIDs,
 * sizes, how the pair is generated, and the AWS algorithms the pair is meant for.
 */
import {
  ID_ALG_ML_KEM_512,
  ID_ALG_ML_KEM_768,
  ID_ALG_ML_KEM_1024,
  ID_EC_PUBLIC_KEY,
  ID_ED25519,
  RSA_ENCRYPTION,
  SECP256K1,
  SECP256R1,
  SECP384R1,
  SECP521R1,
  SM2_CURVE,
} from '../der/oids.js';
import type {
  DataKeyPairSpec,
  EncapsulationAlgorithmSpec,
  EncryptionAlgorithmSpec,
  SigningAlgorithmSpec,
} from '../model/types.generated.js';

/**
 * One module per family generates, and signs or encapsulates:
 * keypairs/{rsa,nist,secp256k1,sm2,ed25519,ml-kem}.ts.
 */
export type KeyFamily = 'rsa' | 'nist' | 'secp256k1' | 'sm2' | 'ed25519' | 'ml-kem';

interface KeyPairSpecBase {
  spec: SupportedDataKeyPairSpec;
  family: KeyFamily;
  /** SubjectPublicKeyInfo / PrivateKeyInfo AlgorithmIdentifier.algorithm. */
  algorithmOid: string;
  /** AWS KMS signing algorithms for the pair, the first being this package's default. */
  signingAlgorithms: readonly SigningAlgorithmSpec[];
  /** AWS KMS encryption algorithms for the pair (none for signing-only curves). */
  encryptionAlgorithms: readonly EncryptionAlgorithmSpec[];
  /** AWS KMS encapsulation algorithms for the pair: ML_KEM for ML-KEM pairs, none for others. */
  encapsulationAlgorithms: readonly EncapsulationAlgorithmSpec[];
}

export interface RsaKeyPairSpec extends KeyPairSpecBase {
  family: 'rsa';
  curveOid: undefined;
  modulusBits: 2048 | 3072 | 4096;
  publicExponent: 65537;
  /** WebCrypto generateKey algorithm; modulusLength and publicExponent come from above. */
  webCrypto: { name: 'RSASSA-PKCS1-v1_5'; hash: 'SHA-256' };
}

export interface EcKeyPairSpec extends KeyPairSpecBase {
  family: 'nist' | 'secp256k1' | 'sm2';
  /** The namedCurve (RFC 5480). */
  curveOid: string;
  /** Bytes of d and of each coordinate; equal for every curve here. */
  keyBytes: 32 | 48 | 66;
  /** The hash of the pair's signature algorithm. */
  hash: 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SM3';
  /** WebCrypto generateKey algorithm, where WebCrypto has the curve. */
  webCrypto: { name: 'ECDSA'; namedCurve: 'P-256' | 'P-384' | 'P-521' } | undefined;
}

export interface Ed25519KeyPairSpec extends KeyPairSpecBase {
  family: 'ed25519';
  curveOid: undefined;
  /** Bytes of the RFC 8032 seed and of the public key. */
  keyBytes: 32;
  /** Tried first; @noble/curves generates where the runtime lacks it. */
  webCrypto: { name: 'Ed25519' };
}

/**
 * ML-KEM (FIPS 203) pairs: the public key is the encapsulation key ek in a SubjectPublicKeyInfo,
 * the private key the 64-byte seed d || z in a PKCS #8 (der/module-lattice-key.ts). AWS: "For
 * ML-KEM data key pairs, the DER-encoded PKCS8 PrivateKeyInfo contains the private key in seed
 * format. As a result, the length of the private key is the same for all ML-KEM key pair specs."
 */
export interface MlKemKeyPairSpec extends KeyPairSpecBase {
  family: 'ml-kem';
  curveOid: undefined;
  /** FIPS 203, Table 2. */
  parameterSet: 'ML-KEM-512' | 'ML-KEM-768' | 'ML-KEM-1024';
  /** FIPS 203, Section 7.1: ek is 384 k + 32 bytes. */
  publicKeyBytes: 800 | 1184 | 1568;
  /** FIPS 203, Table 3: the ciphertext c of ML-KEM.Encaps. */
  ciphertextBytes: 768 | 1088 | 1568;
  /** The PKCS #8 of the seed form: 86 bytes for every level. */
  privateKeyBytes: 86;
  /**
   * None: the seed must come from the provider's random bytes, Node 20 and most browsers have
   * no ML-KEM in WebCrypto, and keypairs/ml-kem-keygen.ts computes the public key.
   */
  webCrypto: undefined;
}

export type KeyPairSpecInfo =
  | RsaKeyPairSpec
  | EcKeyPairSpec
  | Ed25519KeyPairSpec
  | MlKemKeyPairSpec;

/** AWS's signing algorithms for RSA keys (also what DescribeKey lists for RSA KMS keys). */
export const RSA_SIGNING_ALGORITHMS = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
] as const;
/** AWS's encryption algorithms for RSA keys. */
export const RSA_ENCRYPTION_ALGORITHMS = ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'] as const;
const RSA_WEBCRYPTO = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

function rsa(
  spec: SupportedDataKeyPairSpec,
  modulusBits: RsaKeyPairSpec['modulusBits'],
): RsaKeyPairSpec {
  return {
    spec,
    family: 'rsa',
    algorithmOid: RSA_ENCRYPTION,
    curveOid: undefined,
    modulusBits,
    publicExponent: 65537,
    webCrypto: RSA_WEBCRYPTO,
    signingAlgorithms: RSA_SIGNING_ALGORITHMS,
    encryptionAlgorithms: RSA_ENCRYPTION_ALGORITHMS,
    encapsulationAlgorithms: [],
  };
}

function mlKem(
  spec: SupportedDataKeyPairSpec,
  algorithmOid: string,
  parameterSet: MlKemKeyPairSpec['parameterSet'],
  publicKeyBytes: MlKemKeyPairSpec['publicKeyBytes'],
  ciphertextBytes: MlKemKeyPairSpec['ciphertextBytes'],
): MlKemKeyPairSpec {
  return {
    spec,
    family: 'ml-kem',
    algorithmOid,
    curveOid: undefined,
    parameterSet,
    publicKeyBytes,
    ciphertextBytes,
    privateKeyBytes: 86,
    webCrypto: undefined,
    // AWS: ML-KEM key pairs are for "establishing shared secrets", not signing or encryption.
    signingAlgorithms: [],
    encryptionAlgorithms: [],
    encapsulationAlgorithms: ['ML_KEM'],
  };
}

/**
 * The data key pair specs KMS Lab generates: every DataKeyPairSpec of the API, ML_KEM_512,
 * ML_KEM_768 and ML_KEM_1024 included. The name stays for the callers that used it when the
 * ML-KEM specs were left out.
 */
export type SupportedDataKeyPairSpec = DataKeyPairSpec;

/** Every data key pair spec KMS Lab generates, keyed by its AWS name. */
export const KEY_PAIR_SPECS: Readonly<Record<SupportedDataKeyPairSpec, Readonly<KeyPairSpecInfo>>> =
  Object.freeze({
    RSA_2048: rsa('RSA_2048', 2048),
    RSA_3072: rsa('RSA_3072', 3072),
    RSA_4096: rsa('RSA_4096', 4096),
    ECC_NIST_P256: {
      spec: 'ECC_NIST_P256',
      family: 'nist',
      algorithmOid: ID_EC_PUBLIC_KEY,
      curveOid: SECP256R1,
      keyBytes: 32,
      hash: 'SHA-256',
      webCrypto: { name: 'ECDSA', namedCurve: 'P-256' },
      signingAlgorithms: ['ECDSA_SHA_256'],
      encryptionAlgorithms: [],
      encapsulationAlgorithms: [],
    },
    ECC_NIST_P384: {
      spec: 'ECC_NIST_P384',
      family: 'nist',
      algorithmOid: ID_EC_PUBLIC_KEY,
      curveOid: SECP384R1,
      keyBytes: 48,
      hash: 'SHA-384',
      webCrypto: { name: 'ECDSA', namedCurve: 'P-384' },
      signingAlgorithms: ['ECDSA_SHA_384'],
      encryptionAlgorithms: [],
      encapsulationAlgorithms: [],
    },
    ECC_NIST_P521: {
      spec: 'ECC_NIST_P521',
      family: 'nist',
      algorithmOid: ID_EC_PUBLIC_KEY,
      curveOid: SECP521R1,
      keyBytes: 66,
      hash: 'SHA-512',
      webCrypto: { name: 'ECDSA', namedCurve: 'P-521' },
      signingAlgorithms: ['ECDSA_SHA_512'],
      encryptionAlgorithms: [],
      encapsulationAlgorithms: [],
    },
    ECC_SECG_P256K1: {
      spec: 'ECC_SECG_P256K1',
      family: 'secp256k1',
      algorithmOid: ID_EC_PUBLIC_KEY,
      curveOid: SECP256K1,
      keyBytes: 32,
      hash: 'SHA-256',
      webCrypto: undefined,
      signingAlgorithms: ['ECDSA_SHA_256'],
      encryptionAlgorithms: [],
      encapsulationAlgorithms: [],
    },
    SM2: {
      spec: 'SM2',
      family: 'sm2',
      algorithmOid: ID_EC_PUBLIC_KEY,
      curveOid: SM2_CURVE,
      keyBytes: 32,
      hash: 'SM3',
      webCrypto: undefined,
      signingAlgorithms: ['SM2DSA'],
      encryptionAlgorithms: ['SM2PKE'],
      encapsulationAlgorithms: [],
    },
    ECC_NIST_EDWARDS25519: {
      spec: 'ECC_NIST_EDWARDS25519',
      family: 'ed25519',
      algorithmOid: ID_ED25519,
      curveOid: undefined,
      keyBytes: 32,
      webCrypto: { name: 'Ed25519' },
      // Pure Ed25519 first: it is what signWithPrivateKey implements.
      signingAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
      encryptionAlgorithms: [],
      encapsulationAlgorithms: [],
    },
    ML_KEM_512: mlKem('ML_KEM_512', ID_ALG_ML_KEM_512, 'ML-KEM-512', 800, 768),
    ML_KEM_768: mlKem('ML_KEM_768', ID_ALG_ML_KEM_768, 'ML-KEM-768', 1184, 1088),
    ML_KEM_1024: mlKem('ML_KEM_1024', ID_ALG_ML_KEM_1024, 'ML-KEM-1024', 1568, 1568),
  });

/** The table entry of a spec; throws for a name that is not a DataKeyPairSpec. */
export function keyPairSpec(spec: DataKeyPairSpec): Readonly<KeyPairSpecInfo> {
  if (typeof spec !== 'string' || !Object.hasOwn(KEY_PAIR_SPECS, spec)) {
    throw new Error(`Unknown data key pair spec '${String(spec)}'`);
  }
  return KEY_PAIR_SPECS[spec as SupportedDataKeyPairSpec];
}

/** Whether KMS Lab generates pairs of this spec (see SupportedDataKeyPairSpec). */
export const isSupportedDataKeyPairSpec = (spec: string): spec is SupportedDataKeyPairSpec =>
  Object.hasOwn(KEY_PAIR_SPECS, spec);

function wrongFamily(spec: DataKeyPairSpec, family: string): Error {
  return new Error(`Data key pair spec ${spec} is not a ${family} spec`);
}

export function rsaSpec(spec: DataKeyPairSpec): Readonly<RsaKeyPairSpec> {
  const info = keyPairSpec(spec);
  if (info.family !== 'rsa') throw wrongFamily(spec, 'RSA');
  return info;
}

export function ecSpec(
  spec: DataKeyPairSpec,
  family: EcKeyPairSpec['family'],
): Readonly<EcKeyPairSpec> {
  const info = keyPairSpec(spec);
  if (
    info.family === 'rsa' ||
    info.family === 'ed25519' ||
    info.family === 'ml-kem' ||
    info.family !== family
  ) {
    throw wrongFamily(spec, family);
  }
  return info;
}

export function ed25519Spec(spec: DataKeyPairSpec): Readonly<Ed25519KeyPairSpec> {
  const info = keyPairSpec(spec);
  if (info.family !== 'ed25519') throw wrongFamily(spec, 'Ed25519');
  return info;
}

export function mlKemSpec(spec: DataKeyPairSpec): Readonly<MlKemKeyPairSpec> {
  const info = keyPairSpec(spec);
  if (info.family !== 'ml-kem') throw wrongFamily(spec, 'ML-KEM');
  return info;
}
