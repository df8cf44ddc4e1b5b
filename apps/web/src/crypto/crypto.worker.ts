/// <reference lib="webworker" />
/**
 * The crypto worker: key generation and noble curve work happen here, off the main thread,
 * so the page never freezes. Requests are { id, op, args }; answers { id, result } or
 * { id, error }.
 */
import {
  decapsulate,
  decrypt,
  describePrivateKey,
  describePublicKey,
  encapsulate,
  encrypt,
  generate,
  sign,
  verify,
} from './operations';
import type { CryptoOperation, WorkerRequest, WorkerResponse } from './protocol';

/** Every operation the page may ask for, by name. */
const OPERATIONS: Readonly<Record<CryptoOperation, (...args: never[]) => Promise<unknown>>> = {
  generate,
  sign,
  verify,
  encrypt,
  decrypt,
  describePublicKey,
  describePrivateKey,
  encapsulate,
  decapsulate,
};

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', async (event: MessageEvent<WorkerRequest>) => {
  const { id, op, args } = event.data;
  let response: WorkerResponse;
  try {
    if (!Object.hasOwn(OPERATIONS, op)) throw new Error(`No crypto operation ${String(op)}.`);
    const run = OPERATIONS[op] as (...args: unknown[]) => Promise<unknown>;
    response = { id, result: await run(...args) };
  } catch (error) {
    response = {
      id,
      error: {
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
  scope.postMessage(response);
});
