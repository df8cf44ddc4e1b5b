/**
 * Sign and Verify with a KMS key: the checks AWS KMS makes on the algorithm, the MessageType
 * and the digest length, then one module per key family. Formats are AWS KMS's: raw RSA and
 * Ed25519 signatures, DER ECDSA and SM2 signatures.
 */
import { KmsError } from '../errors.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { KeySpec, SigningAlgorithmSpec } from '../model/types.generated.js';
import type { PrivateKeyAccess } from './access.js';
import { signEcdsa, verifyEcdsa } from './ecdsa-signing.js';
import { signEd25519, verifyEd25519Signature } from './eddsa-signing.js';
import { invalidDigestLength, wrongMessageType } from './kms-errors.js';
import { signRsa, verifyRsa } from './rsa-signing.js';
import { signSm2Dsa, verifySm2Dsa } from './sm2-signing.js';
import {
  DIGEST_BYTES,
  type KeyPairKeySpec,
  type MessageType,
  requireSigningAlgorithm,
  signingFamily,
} from './specs.js';

/** The Ed25519 algorithms each take one MessageType only (see eddsa-signing.ts). */
const REQUIRED_MESSAGE_TYPE: Partial<Record<SigningAlgorithmSpec, MessageType>> = {
  ED25519_SHA_512: 'RAW',
  ED25519_PH_SHA_512: 'DIGEST',
};

/** Throws the KmsError AWS answers with for a request its key or algorithm cannot take. */
function checkRequest(
  spec: KeySpec,
  algorithm: SigningAlgorithmSpec,
  messageType: MessageType,
  message: Uint8Array,
): KeyPairKeySpec {
  const keySpec = requireSigningAlgorithm(spec, algorithm);
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
  return keySpec;
}

/** Signs `message` (a message, or its digest with MessageType DIGEST) with a KMS key. */
export async function sign(
  spec: KeySpec,
  access: PrivateKeyAccess,
  algorithm: SigningAlgorithmSpec,
  messageType: MessageType,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const key = signingFamily(checkRequest(spec, algorithm, messageType, message));
  switch (key.family) {
    case 'rsa':
      return signRsa(key.spec, access, algorithm, messageType, message, crypto);
    case 'ecdsa':
      return signEcdsa(key.spec, access, messageType, message, crypto);
    case 'ed25519':
      return signEd25519(access, messageType, message, crypto);
    case 'sm2':
      return signSm2Dsa(access, messageType, message, crypto);
  }
}

/**
 * Verifies a signature with the KMS key's public key (DER SPKI). A bad or malformed signature
 * gives false; only a request AWS would refuse (wrong algorithm, MessageType, digest length)
 * throws.
 */
export async function verify(
  spec: KeySpec,
  publicKeySpki: Uint8Array,
  algorithm: SigningAlgorithmSpec,
  messageType: MessageType,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  const key = signingFamily(checkRequest(spec, algorithm, messageType, message));
  switch (key.family) {
    case 'rsa':
      return verifyRsa(key.spec, publicKeySpki, algorithm, messageType, message, signature, crypto);
    case 'ecdsa':
      return verifyEcdsa(key.spec, publicKeySpki, messageType, message, signature, crypto);
    case 'ed25519':
      return verifyEd25519Signature(publicKeySpki, messageType, message, signature, crypto);
    case 'sm2':
      return verifySm2Dsa(publicKeySpki, messageType, message, signature, crypto);
  }
}
