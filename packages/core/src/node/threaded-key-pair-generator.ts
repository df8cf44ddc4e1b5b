import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KmsError, messages } from '../errors.js';
import {
  generateKeyPair as generateInProcess,
  KEY_PAIR_SPECS,
  type SupportedDataKeyPairSpec,
} from '../keypairs/index.js';
import type { CryptoProvider, DerKeyPair } from '../keypairs/types.js';
import type { KeyPairJob, KeyPairReply } from './messages.js';

export interface ThreadedKeyPairGeneratorOptions {
  /** How many worker threads; default one per core (`os.availableParallelism()`). */
  threads?: number;
  /**
   * The specs generated on the threads; the others are generated in process with the
   * engine's WebCrypto. Default: the slow ones. RSA (seconds for RSA_4096) would otherwise
   * fill libuv's thread pool, which AES-GCM and file writes share; secp256k1 and SM2 are
   * JavaScript that would otherwise run on the event loop. NIST curves and Ed25519 take
   * microseconds, and a trip to a worker would only add to their latency. ML-KEM is JavaScript
   * too, but takes a twentieth to a seventh of a millisecond, about what the trip costs: on
   * threads it was no faster (packages/core/bench/ml-kem.mjs), so it stays in process.
   */
  specs?: readonly SupportedDataKeyPairSpec[];
  /**
   * At most this many generations in hand (running or waiting) across the threads; one more
   * is refused at once with ThrottlingException rather than wait behind them. Default: 8 per
   * thread.
   */
  maxPending?: number;
}

export interface ThreadedKeyPairGenerator {
  /** Pass as `createKms({ generateKeyPair })`: threaded specs go to the least busy worker. */
  readonly generateKeyPair: (
    spec: SupportedDataKeyPairSpec,
    crypto: CryptoProvider,
  ) => Promise<DerKeyPair>;
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
 * Key pair generation on worker threads of its own, so that slow generations use every core
 * and never stall other requests: not on the event loop (secp256k1 and SM2 are JavaScript),
 * not on libuv's thread pool (where Node's WebCrypto puts RSA), and with a bounded queue.
 *
 *   const threaded = createThreadedKeyPairGenerator();
 *   const kms = createKms({ generateKeyPair: threaded.generateKeyPair });
 *
 * Workers start on first use; idle workers do not keep the process alive.
 */
export function createThreadedKeyPairGenerator(
  options: ThreadedKeyPairGeneratorOptions = {},
): ThreadedKeyPairGenerator {
  const count = options.threads ?? availableParallelism();
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`threads must be a positive integer, not ${count}`);
  const threadedSpecs = new Set<SupportedDataKeyPairSpec>(
    options.specs ??
      (Object.keys(KEY_PAIR_SPECS) as SupportedDataKeyPairSpec[]).filter((spec) =>
        ['rsa', 'secp256k1', 'sm2'].includes(KEY_PAIR_SPECS[spec].family),
      ),
  );
  const maxPending = options.maxPending ?? count * 8;
  if (!Number.isInteger(maxPending) || maxPending < 1)
    throw new RangeError(`maxPending must be a positive integer, not ${maxPending}`);
  let nextId = 0;
  let closed = false;

  const startThread = (): Thread => {
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
  };
  // Started on the first threaded generation: a KMS that never generates secp256k1 or
  // SM2 never starts a worker.
  let threads: Thread[] = [];

  return {
    threads: count,
    generateKeyPair(spec, crypto) {
      if (!threadedSpecs.has(spec)) return generateInProcess(spec, crypto);
      if (closed) return Promise.reject(new Error('the threaded key pair generator is closed'));
      if (threads.length === 0) threads = Array.from({ length: count }, startThread);
      const pending = threads.reduce((sum, thread) => sum + thread.pending.size, 0);
      // AWS answers requests beyond its rate with ThrottlingException; a client retries.
      if (pending >= maxPending)
        return Promise.reject(new KmsError('ThrottlingException', messages.throttled));
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
