import { RSA_SIGNING_ALGORITHMS } from '../keypairs/specs.js';
import type {
  EncryptionAlgorithmSpec,
  KeyAgreementAlgorithmSpec,
  KeySpec,
  KeyUsageType,
  MacAlgorithmSpec,
  SigningAlgorithmSpec,
} from '../model/types.generated.js';

/**
 * What each KMS key spec may be used for, and the algorithms DescribeKey lists for each
 * usage (AWS KMS Developer Guide, "Key spec reference"). Only SYMMETRIC_DEFAULT keys hold
 * key material here: they are the only ones that can wrap data keys and data key pairs.
 */
interface KmsKeySpecInfo {
  encrypt?: EncryptionAlgorithmSpec[];
  sign?: SigningAlgorithmSpec[];
  agree?: KeyAgreementAlgorithmSpec[];
  mac?: MacAlgorithmSpec[];
}

const RSA: KmsKeySpecInfo = {
  encrypt: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
  sign: [...RSA_SIGNING_ALGORITHMS],
};

export const KMS_KEY_SPECS: Record<KeySpec, KmsKeySpecInfo> = {
  SYMMETRIC_DEFAULT: { encrypt: ['SYMMETRIC_DEFAULT'] },
  RSA_2048: RSA,
  RSA_3072: RSA,
  RSA_4096: RSA,
  ECC_NIST_P256: { sign: ['ECDSA_SHA_256'], agree: ['ECDH'] },
  ECC_NIST_P384: { sign: ['ECDSA_SHA_384'], agree: ['ECDH'] },
  ECC_NIST_P521: { sign: ['ECDSA_SHA_512'], agree: ['ECDH'] },
  ECC_SECG_P256K1: { sign: ['ECDSA_SHA_256'] },
  ECC_NIST_EDWARDS25519: { sign: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] },
  SM2: { encrypt: ['SM2PKE'], sign: ['SM2DSA'], agree: ['ECDH'] },
  HMAC_224: { mac: ['HMAC_SHA_224'] },
  HMAC_256: { mac: ['HMAC_SHA_256'] },
  HMAC_384: { mac: ['HMAC_SHA_384'] },
  HMAC_512: { mac: ['HMAC_SHA_512'] },
  ML_DSA_44: { sign: ['ML_DSA_SHAKE_256'] },
  ML_DSA_65: { sign: ['ML_DSA_SHAKE_256'] },
  ML_DSA_87: { sign: ['ML_DSA_SHAKE_256'] },
};

const USAGE_FIELD = {
  ENCRYPT_DECRYPT: 'encrypt',
  SIGN_VERIFY: 'sign',
  KEY_AGREEMENT: 'agree',
  GENERATE_VERIFY_MAC: 'mac',
} as const satisfies Record<KeyUsageType, keyof KmsKeySpecInfo>;

export const supportsUsage = (spec: KeySpec, usage: KeyUsageType) =>
  KMS_KEY_SPECS[spec][USAGE_FIELD[usage]] !== undefined;

/** The algorithm lists DescribeKey shows for a key of this spec and usage. */
export function algorithmsFor(spec: KeySpec, usage: KeyUsageType) {
  const info = KMS_KEY_SPECS[spec];
  return {
    EncryptionAlgorithms: usage === 'ENCRYPT_DECRYPT' ? info.encrypt : undefined,
    SigningAlgorithms: usage === 'SIGN_VERIFY' ? info.sign : undefined,
    KeyAgreementAlgorithms: usage === 'KEY_AGREEMENT' ? info.agree : undefined,
    MacAlgorithms: usage === 'GENERATE_VERIFY_MAC' ? info.mac : undefined,
  };
}
