/**
 * Sign and Verify with a KMS key: the checks AWS KMS makes on the algorithm, the MessageType
 * and the message length, then one module per key family. Formats are AWS KMS's: raw RSA,
 * Ed25519 and ML-DSA signatures, DER ECDSA and SM2 signatures.
 */
import { KmsError } from '../errors.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type {
  MessageType as AnyMessageType,
  KeySpec,
  SigningAlgorithmSpec,
} from '../model/types.generated.js';
import type { PrivateKeyAccess } from './access.js';
import { signEcdsa, verifyEcdsa } from './ecdsa-signing.js';
import { signEd25519, verifyEd25519Signature } from './eddsa-signing.js';
import {
  externalMuNotMlDsa,
  invalidDigestLength,
  invalidMuLength,
  mlDsaDigest,
  wrongMessageType,
} from './kms-errors.js';
import { MU_BYTES, signMlDsa, verifyMlDsa } from './ml-dsa-signing.js';
import { signRsa, verifyRsa } from './rsa-signing.js';
import { signSm2Dsa, verifySm2Dsa } from './sm2-signing.js';
import {
  DIGEST_BYTES,
  isMlDsaKeySpec,
  type MessageType,
  type MlDsaKeySpec,
  type MlDsaMessageType,
  requireSigningAlgorithm,
  type SigningFamily,
  signingFamily,
} from './specs.js';

/** The Ed25519 algorithms each take one MessageType only (see eddsa-signing.ts). */
const REQUIRED_MESSAGE_TYPE: Partial<Record<SigningAlgorithmSpec, MessageType>> = {
  ED25519_SHA_512: 'RAW',
  ED25519_PH_SHA_512: 'DIGEST',
};

/** A request that passed AWS's checks, narrowed for its family's module. */
type CheckedRequest =
  | { family: 'ml-dsa'; spec: MlDsaKeySpec; messageType: MlDsaMessageType }
  | (SigningFamily & { messageType: MessageType });

/** The checks of an ML-DSA request: RAW, or EXTERNAL_MU with a 64-byte mu. */
function checkMlDsaRequest(
  spec: MlDsaKeySpec,
  algorithm: SigningAlgorithmSpec,
  messageType: AnyMessageType,
  message: Uint8Array,
): CheckedRequest {
  if (messageType === 'DIGEST') throw mlDsaDigest(algorithm);
  if (messageType !== 'RAW' && messageType !== 'EXTERNAL_MU')
    throw new KmsError(
      'ValidationException',
      `MessageType ${String(messageType)} is not valid for algorithm ${algorithm}.`,
    );
  // AWS: "When the value of MessageType is EXTERNAL_MU the length of the Message value must be
  // 64 bytes."
  if (messageType === 'EXTERNAL_MU' && message.length !== MU_BYTES) throw invalidMuLength();
  return { family: 'ml-dsa', spec, messageType };
}

/** Throws the KmsError AWS answers with for a request its key or algorithm cannot take. */
function checkRequest(
  spec: KeySpec,
  algorithm: SigningAlgorithmSpec,
  messageType: AnyMessageType,
  message: Uint8Array,
): CheckedRequest {
  const keySpec = requireSigningAlgorithm(spec, algorithm);
  if (isMlDsaKeySpec(keySpec)) return checkMlDsaRequest(keySpec, algorithm, messageType, message);
  if (messageType === 'EXTERNAL_MU') throw externalMuNotMlDsa(algorithm);
  if (messageType !== 'RAW' && messageType !== 'DIGEST') {
    throw new KmsError(
      'ValidationException',
      `MessageType ${String(messageType)} is not valid for algorithm ${algorithm}.`,
    );
  }
  const required = REQUIRED_MESSAGE_TYPE[algorithm];
  if (required !== undefined && messageType !== required) {
    throw wrongMessageType(algorithm, required);
  }
  // AWS: "When the value of MessageType is DIGEST, the length of the Message value must match
  // the length of hashed messages for the specified signing algorithm."
  if (messageType === 'DIGEST' && message.length !== DIGEST_BYTES[algorithm]) {
    throw invalidDigestLength(algorithm);
  }
  return { ...signingFamily(keySpec), messageType };
}

/**
 * Signs `message` (a message, its digest with MessageType DIGEST, or ML-DSA's mu with
 * EXTERNAL_MU) with a KMS key.
 */
export async function sign(
  spec: KeySpec,
  access: PrivateKeyAccess,
  algorithm: SigningAlgorithmSpec,
  messageType: AnyMessageType,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const key = checkRequest(spec, algorithm, messageType, message);
  switch (key.family) {
    case 'rsa':
      return signRsa(key.spec, access, algorithm, key.messageType, message, crypto);
    case 'ecdsa':
      return signEcdsa(key.spec, access, key.messageType, message, crypto);
    case 'ed25519':
      return signEd25519(access, key.messageType, message, crypto);
    case 'sm2':
      return signSm2Dsa(access, key.messageType, message, crypto);
    case 'ml-dsa':
      return signMlDsa(key.spec, access, key.messageType, message, crypto);
  }
}

/**
 * Verifies a signature with the KMS key's public key (DER SPKI). A bad or malformed signature
 * gives false; only a request AWS would refuse (wrong algorithm, MessageType, message length)
 * throws.
 */
export async function verify(
  spec: KeySpec,
  publicKeySpki: Uint8Array,
  algorithm: SigningAlgorithmSpec,
  messageType: AnyMessageType,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  const key = checkRequest(spec, algorithm, messageType, message);
  switch (key.family) {
    case 'rsa':
      return verifyRsa(
        key.spec,
        publicKeySpki,
        algorithm,
        key.messageType,
        message,
        signature,
        crypto,
      );
    case 'ecdsa':
      return verifyEcdsa(key.spec, publicKeySpki, key.messageType, message, signature, crypto);
    case 'ed25519':
      return verifyEd25519Signature(publicKeySpki, key.messageType, message, signature, crypto);
    case 'sm2':
      return verifySm2Dsa(publicKeySpki, key.messageType, message, signature, crypto);
    case 'ml-dsa':
      return verifyMlDsa(key.spec, publicKeySpki, key.messageType, message, signature);
  }
}
