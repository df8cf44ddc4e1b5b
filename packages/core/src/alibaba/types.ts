/**
 * Alibaba Cloud KMS instance API: the Advance data key pair operations.
 * "AdvanceGenerateDataKeyPair uses a random number generator to create an asymmetric data
 * key pair. The key pair is encrypted in Galois/Counter Mode (GCM) using the primary
 * version of a symmetric key."
 */
import type { DataKeyPairSpec } from '../model/types.generated.js';

export const AdvanceKeyPairSpec = {
  RSA_2048: 'RSA_2048',
  RSA_3072: 'RSA_3072',
  RSA_4096: 'RSA_4096',
  EC_P256: 'EC_P256',
  EC_P256K: 'EC_P256K',
  EC_SM2: 'EC_SM2',
} as const;
export type AdvanceKeyPairSpec = (typeof AdvanceKeyPairSpec)[keyof typeof AdvanceKeyPairSpec];

/** The AWS DataKeyPairSpec of the same key pair as each Alibaba KeyPairSpec. */
export const ADVANCE_TO_DATA_KEY_PAIR_SPEC = {
  RSA_2048: 'RSA_2048',
  RSA_3072: 'RSA_3072',
  RSA_4096: 'RSA_4096',
  EC_P256: 'ECC_NIST_P256',
  EC_P256K: 'ECC_SECG_P256K1',
  EC_SM2: 'SM2',
} as const satisfies Record<AdvanceKeyPairSpec, DataKeyPairSpec>;

export type AdvanceKeyFormat = 'PEM' | 'DER';

/** "Only AES_GCM is supported." */
export type AdvanceAlgorithm = 'AES_GCM';

/** Alibaba: "Aad ... at most 8192 bytes". */
export const MAX_AAD_BYTES = 8192;

export interface AdvanceGenerateDataKeyPairRequest {
  /** Key ID (or ARN) or alias of a symmetric key. */
  KeyId: string | undefined;
  KeyPairSpec: AdvanceKeyPairSpec | undefined;
  KeyFormat: AdvanceKeyFormat | undefined;
  /** Additional authenticated data bound to the ciphertext; pass the same to AdvanceDecrypt. */
  Aad?: Uint8Array | undefined;
}

export type AdvanceGenerateDataKeyPairWithoutPlaintextRequest = AdvanceGenerateDataKeyPairRequest;

export interface AdvanceGenerateDataKeyPairWithoutPlaintextResponse {
  /** The key ID, even when the request named an alias. */
  KeyId: string;
  /** The key version (key material) that encrypted the private key: the primary one. */
  KeyVersionId: string;
  KeyPairSpec: AdvanceKeyPairSpec;
  Algorithm: AdvanceAlgorithm;
  /** The GCM IV; it is also inside the blob, which is all AdvanceDecrypt needs. */
  Iv: Uint8Array;
  /** DER SubjectPublicKeyInfo, or with KeyFormat PEM the UTF-8 bytes of its PEM text. */
  PublicKey: Uint8Array;
  PrivateKeyCiphertextBlob: Uint8Array;
  RequestId: string;
}

export interface AdvanceGenerateDataKeyPairResponse
  extends AdvanceGenerateDataKeyPairWithoutPlaintextResponse {
  /** DER PKCS#8, or with KeyFormat PEM the UTF-8 bytes of its PEM text. */
  PrivateKeyPlaintext: Uint8Array;
}

export interface AdvanceDecryptRequest {
  CiphertextBlob: Uint8Array | undefined;
  Aad?: Uint8Array | undefined;
}

export interface AdvanceDecryptResponse {
  KeyId: string;
  KeyVersionId: string;
  Algorithm: AdvanceAlgorithm;
  Plaintext: Uint8Array;
  RequestId: string;
}

export interface AlibabaOperations {
  advanceGenerateDataKeyPair(
    input: AdvanceGenerateDataKeyPairRequest,
  ): Promise<AdvanceGenerateDataKeyPairResponse>;
  advanceGenerateDataKeyPairWithoutPlaintext(
    input: AdvanceGenerateDataKeyPairWithoutPlaintextRequest,
  ): Promise<AdvanceGenerateDataKeyPairWithoutPlaintextResponse>;
  advanceDecrypt(input: AdvanceDecryptRequest): Promise<AdvanceDecryptResponse>;
}
