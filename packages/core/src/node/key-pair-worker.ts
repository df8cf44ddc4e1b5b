/**
 * A worker thread that generates data key pairs: the other half of
 * `createThreadedKeyPairGenerator`. It uses Node's own WebCrypto; private keys leave it
 * only in the reply to the thread that asked, with their buffers transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { generateKeyPair } from '../keypairs/index.js';
import type { KeyPairJob, KeyPairReply } from './messages.js';

const port = parentPort;
if (!port) throw new Error('key-pair-worker.js runs as a worker thread only');

port.on('message', async ({ id, spec }: KeyPairJob) => {
  let reply: KeyPairReply;
  try {
    const { publicKey, privateKey } = await generateKeyPair(spec, globalThis.crypto);
    reply = { id, publicKey, privateKey };
    port.postMessage(reply, [publicKey.buffer as ArrayBuffer, privateKey.buffer as ArrayBuffer]);
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});
