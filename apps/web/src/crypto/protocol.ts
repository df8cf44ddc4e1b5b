import type * as operations from './operations';

/** The worker's operations, by name. */
export type CryptoOperations = typeof operations;
export type CryptoOperation = keyof CryptoOperations;

export interface WorkerRequest<K extends CryptoOperation = CryptoOperation> {
  id: number;
  op: K;
  args: Parameters<CryptoOperations[K]>;
}

export type WorkerResponse =
  | { id: number; result: unknown; error?: undefined }
  | { id: number; error: { name: string; message: string }; result?: undefined };
