/**
 * The KmsErrors the cryptography of KMS keys throws, with the messages AWS KMS answers with
 * where they were recorded from its responses; the others say plainly what is wrong.
 */
import { KmsError } from '../errors.js';

/** Recorded: "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224." */
export const invalidKeyUsage = (algorithm: string, spec: string): KmsError =>
  new KmsError(
    'InvalidKeyUsageException',
    `Algorithm ${algorithm} is incompatible with key spec ${spec}.`,
  );

/** Recorded: "Digest is invalid length for algorithm ECDSA_SHA_256." */
export const invalidDigestLength = (algorithm: string): KmsError =>
  new KmsError('ValidationException', `Digest is invalid length for algorithm ${algorithm}.`);

/**
 * AWS: "ED25519_SHA_512 signing algorithm requires KMS MessageType:RAW; ED25519_PH_SHA_512
 * signing algorithm requires KMS MessageType:DIGEST".
 */
export const wrongMessageType = (algorithm: string, required: string): KmsError =>
  new KmsError(
    'ValidationException',
    `The ${algorithm} signing algorithm requires MessageType ${required}.`,
  );

/**
 * Recorded: "Algorithm RSAES_OAEP_SHA_1 and key spec RSA_2048 cannot encrypt data larger
 * than 214 bytes."
 */
export const plaintextTooLarge = (algorithm: string, spec: string, limit: number): KmsError =>
  new KmsError(
    'ValidationException',
    `Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`,
  );

/** AWS answers a ciphertext it cannot decrypt with an InvalidCiphertextException and no message. */
export const invalidCiphertext = (): KmsError => new KmsError('InvalidCiphertextException', '');

/** AWS answers ValidationException for a DeriveSharedSecret PublicKey it cannot use. */
export const invalidPublicKey = (reason: string): KmsError =>
  new KmsError('ValidationException', reason);
