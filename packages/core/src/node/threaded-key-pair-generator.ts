import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CryptoProvider, DerKeyPair } from '../keypairs/types.js';
import type { DataKeyPairSpec } from '../model/types.generated.js';
import type { KeyPairJob, KeyPairReply } from './messages.js';

export interface ThreadedKeyPairGeneratorOptions {
  /** How many worker threads; default one per core (`os.availableParallelism()`). */
  threads?: number;
}

export interface ThreadedKeyPairGenerator {
  /** Pass as `createKms({ generateKeyPair })`: generates on the least busy worker thread. */
  readonly generateKeyPair: (spec: DataKeyPairSpec, crypto?: CryptoProvider) => Promise<DerKeyPair>;
  readonly threads: number;
  /** Ends the worker threads; pending generations fail. */
  close(): Promise<void>;
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (pair: DerKeyPair) => void; reject: (error: Error) => void }>;
}

/**
 * The built worker script. Run from TypeScript sources (tests, the `source` condition)
 * this module is a .ts file and Node cannot start a .ts worker, so it uses the build.
 */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../dist/node/key-pair-worker.js', here)
    : new URL('./key-pair-worker.js', here);
}

/**
 * Data key pair generation on worker threads, so that generation uses every core. RSA in
 * Node's WebCrypto already runs on libuv's thread pool; secp256k1 and SM2 are JavaScript
 * (noble) and would otherwise run on the event loop, one at a time. The workers use
 * Node's own WebCrypto: the `crypto` argument of `generateKeyPair` is ignored.
 *
 *   const threaded = createThreadedKeyPairGenerator();
 *   const kms = createKms({ generateKeyPair: threaded.generateKeyPair });
 *
 * Idle workers do not keep the process alive.
 */
export function createThreadedKeyPairGenerator(
  options: ThreadedKeyPairGeneratorOptions = {},
): ThreadedKeyPairGenerator {
  const count = options.threads ?? availableParallelism();
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`threads must be a positive integer, not ${count}`);
  let nextId = 0;
  let closed = false;

  const threads: Thread[] = Array.from({ length: count }, () => {
    const thread: Thread = { worker: new Worker(workerUrl()), pending: new Map() };
    thread.worker.on('message', (reply: KeyPairReply) => {
      const job = thread.pending.get(reply.id);
      if (!job) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) thread.worker.unref();
      if (reply.error !== undefined) job.reject(new Error(reply.error));
      else job.resolve({ publicKey: reply.publicKey, privateKey: reply.privateKey });
    });
    const failAll = (error: Error) => {
      for (const job of thread.pending.values()) job.reject(error);
      thread.pending.clear();
    };
    thread.worker.on('error', failAll);
    thread.worker.on('exit', (code) => failAll(new Error(`key pair worker exited (${code})`)));
    thread.worker.unref();
    return thread;
  });

  return {
    threads: count,
    generateKeyPair(spec) {
      if (closed) return Promise.reject(new Error('the threaded key pair generator is closed'));
      // The thread with the fewest jobs in hand: RSA jobs are long, so round robin would
      // queue behind them while another thread sits idle.
      const thread = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<DerKeyPair>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.ref();
        const job: KeyPairJob = { id, spec };
        thread.worker.postMessage(job);
      });
    },
    async close() {
      closed = true;
      await Promise.all(threads.map(({ worker }) => worker.terminate()));
    },
  };
}
