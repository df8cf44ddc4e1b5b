import type {
  EncapsulationAlgorithmSpec,
  EncryptionAlgorithmSpec,
  KeyAgreementAlgorithmSpec,
  KeySpec,
  KeyUsageType,
  MacAlgorithmSpec,
  SigningAlgorithmSpec,
} from '../model/types.generated.js';

/**
 * What each KMS key spec may be used for, and the algorithms DescribeKey and GetPublicKey
 * list for each usage, in AWS's order (AWS KMS Developer Guide, "Key spec reference", and
 * the CreateKey examples of the API model).
 */
interface KmsKeySpecInfo {
  encrypt?: EncryptionAlgorithmSpec[];
  sign?: SigningAlgorithmSpec[];
  agree?: KeyAgreementAlgorithmSpec[];
  mac?: MacAlgorithmSpec[];
  encapsulate?: EncapsulationAlgorithmSpec[];
  /**
   * Whether KMS Lab makes keys of this spec; CreateKey answers UnsupportedOperationException
   * for any spec marked false (none today).
   */
  emulated: boolean;
}

const RSA: KmsKeySpecInfo = {
  encrypt: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
  sign: [
    'RSASSA_PKCS1_V1_5_SHA_256',
    'RSASSA_PKCS1_V1_5_SHA_384',
    'RSASSA_PKCS1_V1_5_SHA_512',
    'RSASSA_PSS_SHA_256',
    'RSASSA_PSS_SHA_384',
    'RSASSA_PSS_SHA_512',
  ],
  emulated: true,
};
const ML_DSA: KmsKeySpecInfo = { sign: ['ML_DSA_SHAKE_256'], emulated: true };
const ML_KEM: KmsKeySpecInfo = { encapsulate: ['ML_KEM'], emulated: true };

export const KMS_KEY_SPECS: Readonly<Record<KeySpec, KmsKeySpecInfo>> = {
  SYMMETRIC_DEFAULT: { encrypt: ['SYMMETRIC_DEFAULT'], emulated: true },
  RSA_2048: RSA,
  RSA_3072: RSA,
  RSA_4096: RSA,
  ECC_NIST_P256: { sign: ['ECDSA_SHA_256'], agree: ['ECDH'], emulated: true },
  ECC_NIST_P384: { sign: ['ECDSA_SHA_384'], agree: ['ECDH'], emulated: true },
  ECC_NIST_P521: { sign: ['ECDSA_SHA_512'], agree: ['ECDH'], emulated: true },
  ECC_SECG_P256K1: { sign: ['ECDSA_SHA_256'], emulated: true },
  ECC_NIST_EDWARDS25519: { sign: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'], emulated: true },
  SM2: { encrypt: ['SM2PKE'], sign: ['SM2DSA'], agree: ['ECDH'], emulated: true },
  HMAC_224: { mac: ['HMAC_SHA_224'], emulated: true },
  HMAC_256: { mac: ['HMAC_SHA_256'], emulated: true },
  HMAC_384: { mac: ['HMAC_SHA_384'], emulated: true },
  HMAC_512: { mac: ['HMAC_SHA_512'], emulated: true },
  ML_DSA_44: ML_DSA,
  ML_DSA_65: ML_DSA,
  ML_DSA_87: ML_DSA,
  ML_KEM_512: ML_KEM,
  ML_KEM_768: ML_KEM,
  ML_KEM_1024: ML_KEM,
};

const USAGE_FIELD = {
  ENCRYPT_DECRYPT: 'encrypt',
  SIGN_VERIFY: 'sign',
  KEY_AGREEMENT: 'agree',
  GENERATE_VERIFY_MAC: 'mac',
  ENCAPSULATE_DECAPSULATE: 'encapsulate',
} as const satisfies Record<KeyUsageType, keyof KmsKeySpecInfo>;

export const supportsUsage = (spec: KeySpec, usage: KeyUsageType) =>
  KMS_KEY_SPECS[spec][USAGE_FIELD[usage]] !== undefined;

export const isEmulatedKeySpec = (spec: KeySpec) => KMS_KEY_SPECS[spec].emulated;

/** The algorithm lists DescribeKey and GetPublicKey show for a key of this spec and usage. */
export function algorithmsFor(spec: KeySpec, usage: KeyUsageType) {
  const info = KMS_KEY_SPECS[spec];
  return {
    EncryptionAlgorithms: usage === 'ENCRYPT_DECRYPT' ? info.encrypt : undefined,
    SigningAlgorithms: usage === 'SIGN_VERIFY' ? info.sign : undefined,
    KeyAgreementAlgorithms: usage === 'KEY_AGREEMENT' ? info.agree : undefined,
    MacAlgorithms: usage === 'GENERATE_VERIFY_MAC' ? info.mac : undefined,
    EncapsulationAlgorithms: usage === 'ENCAPSULATE_DECAPSULATE' ? info.encapsulate : undefined,
  };
}
