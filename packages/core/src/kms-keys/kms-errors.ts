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

/** AWS: "When the value of MessageType is EXTERNAL_MU the length of the Message value must be 64 bytes." */
export const invalidMuLength = (): KmsError =>
  new KmsError(
    'ValidationException',
    'When the value of MessageType is EXTERNAL_MU the length of the Message value must be 64 bytes.',
  );

/** ML-DSA signs a message or its mu, never a digest of another hash. */
export const mlDsaDigest = (algorithm: string): KmsError =>
  new KmsError(
    'ValidationException',
    `MessageType DIGEST is not valid for algorithm ${algorithm}: ML-DSA signs the message itself (RAW) or its 64-byte mu (EXTERNAL_MU).`,
  );

/** EXTERNAL_MU is FIPS 204's mu: no other algorithm takes it. */
export const externalMuNotMlDsa = (algorithm: string): KmsError =>
  new KmsError(
    'ValidationException',
    `MessageType EXTERNAL_MU is only for ML-DSA keys (ML_DSA_SHAKE_256), not for algorithm ${algorithm}.`,
  );

/**
 * AWS: "Decapsulate returns an InvalidCiphertextException when the length of the
 * SharedSecretCiphertextBlob is inconsistent with the ML-KEM key spec."
 */
export const ciphertextLengthMismatch = (spec: string, expected: number, got: number): KmsError =>
  new KmsError(
    'InvalidCiphertextException',
    `SharedSecretCiphertextBlob is ${got} bytes; a ${spec} ciphertext is ${expected} bytes.`,
  );
