/**
 * The Recipient parameter (Decrypt, DeriveSharedSecret, GenerateDataKey, GenerateDataKeyPair,
 * GenerateRandom): checks KeyEncryptionAlgorithm, verifies the attestation document, and
 * gives back what an operation needs: the verified document (its PCRs for key policies) and
 * a `seal` that makes CiphertextForRecipient. Any failure is a ValidationException (HTTP
 * 400) saying why; a Recipient is never ignored.
 */
import { KmsError } from '../errors.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type * as T from '../model/types.generated.js';
import { envelopeForRecipient, importRecipientKey } from './cms.js';
import { AttestationError } from './document.js';
import { type VerifiedAttestation, verifyAttestationDocument } from './verify.js';

const MIN_RSA_BITS = 2048;

export interface AttestedRecipient {
  attestation: VerifiedAttestation;
  /** CiphertextForRecipient: `plaintext` enveloped for the enclave's public key. */
  seal(plaintext: Uint8Array): Promise<Uint8Array>;
}

/** Reasons read as sentences of their own: "It expired", "Its signature ...". */
const invalid = (reason: string) =>
  new KmsError(
    'ValidationException',
    `The attestation document in Recipient is not valid. ${reason[0]?.toUpperCase()}${reason.slice(1)}`,
  );

export async function attestRecipient(
  recipient: T.RecipientInfo,
  options: { roots: readonly Uint8Array[]; crypto: CryptoProvider; now: Date },
): Promise<AttestedRecipient> {
  if (recipient.KeyEncryptionAlgorithm !== 'RSAES_OAEP_SHA_256')
    throw new KmsError(
      'ValidationException',
      recipient.KeyEncryptionAlgorithm === undefined
        ? 'Recipient.KeyEncryptionAlgorithm is required: the only valid value is RSAES_OAEP_SHA_256.'
        : `Recipient.KeyEncryptionAlgorithm ${String(recipient.KeyEncryptionAlgorithm)} is not valid: the only valid value is RSAES_OAEP_SHA_256.`,
    );
  const document = recipient.AttestationDocument;
  if (!document || document.length === 0)
    throw new KmsError(
      'ValidationException',
      "Recipient.AttestationDocument is required: give the enclave's attestation document.",
    );
  let attestation: VerifiedAttestation;
  try {
    attestation = await verifyAttestationDocument(document, options);
  } catch (error) {
    if (error instanceof AttestationError) throw invalid(error.message);
    throw error;
  }
  const publicKey = attestation.publicKey;
  if (!publicKey)
    throw invalid('It has no public_key, so nothing can be encrypted for the enclave.');
  let recipientKey: CryptoKey;
  try {
    recipientKey = await importRecipientKey(publicKey, options.crypto);
  } catch {
    throw invalid(
      'Its public_key is not a DER SubjectPublicKeyInfo of an RSA key, which RSAES_OAEP_SHA_256 needs.',
    );
  }
  // A Nitro SDK's key is RSA-2048 or larger; a smaller one is weak (and under 528 bits
  // RSAES-OAEP with SHA-256 cannot carry the 32-byte content key at all).
  const bits = (recipientKey.algorithm as RsaHashedKeyAlgorithm).modulusLength;
  if (bits < MIN_RSA_BITS)
    throw invalid(
      `Its public_key is a ${bits}-bit RSA key; KMS Lab needs at least ${MIN_RSA_BITS} bits.`,
    );
  return {
    attestation,
    seal: (plaintext) => envelopeForRecipient(publicKey, plaintext, options.crypto),
  };
}
