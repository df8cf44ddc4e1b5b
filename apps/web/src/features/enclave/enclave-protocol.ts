/**
 * The messages between the page and the enclave worker. Nothing secret crosses: the page
 * sends the app clock's time, a nonce, CiphertextForRecipient and the PublicKey KMS returned;
 * the enclave answers with its attestation document and public key, then with facts about
 * the private key it opened (its size, its SHA-256, whether it matches PublicKey), never
 * the key.
 */
export interface AttestRequest {
  /** The app clock's time, which the engine verifies the document's certificates at. */
  nowMs: number;
  nonce?: Uint8Array | undefined;
  userData?: Uint8Array | undefined;
}

export interface Attested {
  /** The Nitro-format attestation document (COSE_Sign1, CBOR). */
  document: Uint8Array;
  /** The enclave's RSA-2048 public key, DER SubjectPublicKeyInfo (also in the document). */
  publicKey: Uint8Array;
  /** The enclave's private CryptoKey is made non-extractable: false, said so by the worker. */
  privateKeyExtractable: boolean;
}

export interface OpenRequest {
  ciphertextForRecipient: Uint8Array;
  /** The PublicKey of the GenerateDataKeyPair response, to check the private key against. */
  publicKey: Uint8Array;
}

/** What the enclave says about the private key it opened: non-secret facts only. */
export interface EnclaveFacts {
  /** The spec of the PKCS #8 inside, as the enclave read it. */
  keyPairSpec: string;
  /** The private key's size in bytes (PKCS #8 DER). */
  privateKeySize: number;
  /** SHA-256 of the PKCS #8, lowercase hex: tells keys apart without showing one. */
  privateKeySha256: string;
  /** The public key derived from the private key equals the response's PublicKey. */
  matchesPublicKey: boolean;
  /** The CMS named this enclave's key (subjectKeyIdentifier). */
  recipientMatches: boolean;
}

export interface EnclaveOperations {
  attest(request: AttestRequest): Promise<Attested>;
  open(request: OpenRequest): Promise<EnclaveFacts>;
}

export type EnclaveOperation = keyof EnclaveOperations;

export interface EnclaveRequest<K extends EnclaveOperation = EnclaveOperation> {
  id: number;
  op: K;
  arg: Parameters<EnclaveOperations[K]>[0];
}

export type EnclaveResponse =
  | { id: number; result: unknown; error?: undefined }
  | { id: number; error: { name: string; message: string }; result?: undefined };
