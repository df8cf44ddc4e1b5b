/**
 * The cryptography of asymmetric and HMAC KMS keys (not data key pairs): Sign/Verify,
 * Encrypt/Decrypt, DeriveSharedSecret, Encapsulate/Decapsulate, GenerateMac/VerifyMac and key
 * generation. The engine validates the request shape; these throw KmsErrors for the checks AWS
 * KMS makes on the cryptography itself.
 */
export { type PrivateKeyAccess, privateKeyAccessFromBytes } from './access.js';
export { deriveSharedSecret } from './agreement.js';
export { decapsulate, type Encapsulation, encapsulate } from './encapsulation.js';
export { decrypt, encrypt, maxPlaintextBytes } from './encryption.js';
export { generateKmsKeyMaterial, type KmsKeyMaterial } from './generate.js';
export { generateMac, verifyMac } from './mac.js';
export { MU_BYTES } from './ml-dsa-signing.js';
export { ML_DSA, ML_KEM } from './module-lattice.js';
export { sign, verify } from './signing.js';
export {
  type AsymmetricEncryptionAlgorithm,
  DIGEST_BYTES,
  type EcdsaKeySpec,
  encryptionAlgorithmsOf,
  HMAC_SPECS,
  type HmacKeySpec,
  isHmacKeySpec,
  isKeyPairKeySpec,
  isKmsKeyMaterialSpec,
  isMlDsaKeySpec,
  isMlKemKeySpec,
  KEY_AGREEMENT_SPECS,
  type KeyAgreementKeySpec,
  type KeyPairKeySpec,
  type KmsKeyMaterialSpec,
  type MessageType,
  ML_DSA_KEY_SPECS,
  ML_KEM_KEY_SPECS,
  type MlDsaKeySpec,
  type MlDsaMessageType,
  type MlKemKeySpec,
  type RsaKeySpec,
  SIGNING_ALGORITHMS,
} from './specs.js';
