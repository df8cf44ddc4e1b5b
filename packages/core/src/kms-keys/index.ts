/**
 * The cryptography of asymmetric and HMAC KMS keys (not data key pairs): Sign/Verify,
 * Encrypt/Decrypt, DeriveSharedSecret, GenerateMac/VerifyMac and key generation. The engine
 * validates the request shape; these throw KmsErrors for the checks AWS KMS makes on the
 * cryptography itself.
 */
export { type PrivateKeyAccess, privateKeyAccessFromBytes } from './access.js';
export { deriveSharedSecret } from './agreement.js';
export { decrypt, encrypt, maxPlaintextBytes } from './encryption.js';
export { generateKmsKeyMaterial, type KmsKeyMaterial } from './generate.js';
export { generateMac, verifyMac } from './mac.js';
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
  KEY_AGREEMENT_SPECS,
  type KeyAgreementKeySpec,
  type KeyPairKeySpec,
  type KmsKeyMaterialSpec,
  type MessageType,
  type RsaKeySpec,
  SIGNING_ALGORITHMS,
} from './specs.js';
