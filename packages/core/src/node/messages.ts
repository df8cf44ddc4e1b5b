import type { SupportedDataKeyPairSpec } from '../keypairs/specs.js';

/** A request to a key pair worker. */
export interface KeyPairJob {
  id: number;
  spec: SupportedDataKeyPairSpec;
}

/** A worker's answer: the DER pair, or the message of the error it met. */
export type KeyPairReply =
  | { id: number; publicKey: Uint8Array; privateKey: Uint8Array; error?: undefined }
  | { id: number; error: string };
