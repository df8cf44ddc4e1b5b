// @kms-lab/core/attestation: AWS Nitro Enclaves attestation documents (docs/recipient.md).
// Made, verified, and CiphertextForRecipient enveloped; apart from the main entry point so
// that pkijs and cborg load only where documents are handled.
export { envelopeForRecipient } from './cms.js';
export { AttestationError, type AttestationPayload } from './document.js';
export { type AttestationDocumentRequest, createAttestationDocument } from './make-document.js';
export { type AttestedRecipient, attestRecipient } from './recipient.js';
export * from './roots.js';
export { type VerifiedAttestation, verifyAttestationDocument } from './verify.js';
