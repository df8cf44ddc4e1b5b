import type { CryptoProvider, DerKeyPair, SupportedDataKeyPairSpec } from '@kms-lab/core';
import type { CryptoOperation, CryptoOperations, WorkerRequest, WorkerResponse } from './protocol';

/**
 * Runs crypto operations in one shared Web Worker. The worker starts on first use, so
 * its code (the curve libraries) loads only when needed.
 */
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (value: unknown) => void; reject: (e: Error) => void }
>();

function failAll(message: string) {
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
}

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./crypto.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kms-lab-crypto',
  });
  worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
    const { id, result, error } = event.data;
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (error) {
      const failure = new Error(error.message);
      failure.name = error.name;
      call.reject(failure);
    } else call.resolve(result);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    failAll(`The crypto worker failed: ${event.message || 'it could not start'}.`);
    worker?.terminate();
    worker = undefined;
  });
  return worker;
}

export function callCrypto<K extends CryptoOperation>(
  op: K,
  ...args: Parameters<CryptoOperations[K]>
): Promise<Awaited<ReturnType<CryptoOperations[K]>>> {
  const id = nextId++;
  const request: WorkerRequest<K> = { id, op, args };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    getWorker().postMessage(request);
  });
}

/** The engine's key pair generator, in the worker (the CryptoProvider stays the worker's own). */
export function generateKeyPairInWorker(
  spec: SupportedDataKeyPairSpec,
  _crypto: CryptoProvider,
): Promise<DerKeyPair> {
  return callCrypto('generate', spec);
}
