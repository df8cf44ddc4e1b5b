import type {
  EnclaveOperation,
  EnclaveOperations,
  EnclaveRequest,
  EnclaveResponse,
} from './enclave-protocol';

/**
 * The page's side of the enclave worker. One enclave per tab, started on first use and kept
 * across screen switches, so the document shown and the key that opens its envelopes stay
 * together.
 */
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (value: unknown) => void; reject: (e: Error) => void }
>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./enclave.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kms-lab-enclave',
  });
  worker.addEventListener('message', (event: MessageEvent<EnclaveResponse>) => {
    const { id, result, error } = event.data;
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (error) call.reject(Object.assign(new Error(error.message), { name: error.name }));
    else call.resolve(result);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    for (const { reject } of pending.values())
      reject(new Error(`The enclave worker failed: ${event.message || 'it could not start'}.`));
    pending.clear();
    worker?.terminate();
    worker = undefined;
  });
  return worker;
}

export function callEnclave<K extends EnclaveOperation>(
  op: K,
  arg: Parameters<EnclaveOperations[K]>[0],
): Promise<Awaited<ReturnType<EnclaveOperations[K]>>> {
  const id = nextId++;
  const request: EnclaveRequest<K> = { id, op, arg };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    getWorker().postMessage(request);
  });
}
