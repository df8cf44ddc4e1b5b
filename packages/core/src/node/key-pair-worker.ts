/**
 * A worker thread that generates data key pairs: the other half of
 * `createThreadedKeyPairGenerator`. Private keys leave it only in the reply to the thread that
 * asked, with their buffers transferred, not copied.
 *
 * RSA is generated synchronously with node:crypto, on this thread: Node's WebCrypto would hand
 * it to libuv's thread pool, which the server's AES-GCM and file writes share, so four RSA_4096
 * generations would stall every Decrypt behind them. The thread also lowers its own priority
 * (Linux, best effort), so that on a busy machine the event loop is served first.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { generateKeyPair, normaliseRsaKeyPair, rsaSpec } from '../keypairs/index.js';
import type { DerKeyPair } from '../keypairs/types.js';
import type { KeyPairJob, KeyPairReply } from './messages.js';

const port = parentPort;
if (!port) throw new Error('key-pair-worker.js runs as a worker thread only');

/** Nice 10 for this thread only: on Linux a thread ID names one thread to setpriority. */
function lowerThisThreadsPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isSafeInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}
lowerThisThreadsPriority();

function generate(spec: KeyPairJob['spec']): Promise<DerKeyPair> | DerKeyPair {
  if (!spec.startsWith('RSA_')) return generateKeyPair(spec, globalThis.crypto);
  const { modulusBits } = rsaSpec(spec);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: modulusBits,
    publicExponent: 65537,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  // The same canonical encoding as WebCrypto's pairs get (keypairs/rsa.ts).
  const pair = normaliseRsaKeyPair(
    new Uint8Array(publicKey),
    new Uint8Array(privateKey),
    modulusBits,
  );
  privateKey.fill(0);
  return pair;
}

port.on('message', async ({ id, spec }: KeyPairJob) => {
  let reply: KeyPairReply;
  try {
    const { publicKey, privateKey } = await generate(spec);
    reply = { id, publicKey, privateKey };
    port.postMessage(reply, [publicKey.buffer as ArrayBuffer, privateKey.buffer as ArrayBuffer]);
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});
