#!/usr/bin/env node
// Benchmark: GenerateDataKeyPair in-process, per KeyPairSpec, next to node:crypto's own
// key generation of the same key (OpenSSL, the fastest native path) in the same run.
// Prints figures; asserts nothing. Run with `pnpm bench` at the repo root.
import { generateKeyPair as nodeGenerateKeyPair } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import { promisify } from 'node:util';
import { createKms } from '@kms-lab/core';

const generate = promisify(nodeGenerateKeyPair);
const DER = {
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'der' },
};
const NATIVE = {
  RSA_2048: () => generate('rsa', { modulusLength: 2048, ...DER }),
  RSA_3072: () => generate('rsa', { modulusLength: 3072, ...DER }),
  RSA_4096: () => generate('rsa', { modulusLength: 4096, ...DER }),
  ECC_NIST_P256: () => generate('ec', { namedCurve: 'P-256', ...DER }),
  ECC_NIST_P384: () => generate('ec', { namedCurve: 'P-384', ...DER }),
  ECC_NIST_P521: () => generate('ec', { namedCurve: 'P-521', ...DER }),
  ECC_SECG_P256K1: () => generate('ec', { namedCurve: 'secp256k1', ...DER }),
  SM2: () => generate('ec', { namedCurve: 'SM2', ...DER }),
  ECC_NIST_EDWARDS25519: () => generate('ed25519', DER),
};
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? availableParallelism());

/** Runs `task` with `concurrency` callers for about `seconds`; returns ops/s and latencies. */
async function measure(task, { minOps = 3 } = {}) {
  await task(); // warm-up
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < end || latencies.length < minOps) {
      const t0 = performance.now();
      await task();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    opsPerSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    count: latencies.length,
  };
}

const fmt = (n, digits = 1) => n.toFixed(digits).padStart(9);
const kms = createKms();
const { KeyMetadata } = await kms.createKey({ Description: 'bench' });
const KeyId = KeyMetadata.KeyId;

console.log(
  `# GenerateDataKeyPair in-process (${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, Node ${process.version}, concurrency ${concurrency}, ~${seconds}s per row)`,
);
console.log('spec                   engine ops/s   p50 ms   p99 ms   node:crypto ops/s   overhead');
const blobs = [];
for (const spec of Object.keys(NATIVE)) {
  const native = await measure(NATIVE[spec]);
  const engine = await measure(async () => {
    const pair = await kms.generateDataKeyPairWithoutPlaintext({ KeyId, KeyPairSpec: spec });
    if (blobs.length < 64) blobs.push(pair.PrivateKeyCiphertextBlob);
  });
  console.log(
    `${spec.padEnd(22)} ${fmt(engine.opsPerSecond)}    ${fmt(engine.p50, 2)} ${fmt(engine.p99, 2)}   ${fmt(native.opsPerSecond)}          ${(native.opsPerSecond / engine.opsPerSecond).toFixed(2)}x`,
  );
}

let i = 0;
const decrypt = await measure(() => kms.decrypt({ CiphertextBlob: blobs[i++ % blobs.length] }));
console.log(
  `\nDecrypt: ${decrypt.opsPerSecond.toFixed(0)} ops/s, p50 ${decrypt.p50.toFixed(3)} ms, p99 ${decrypt.p99.toFixed(3)} ms`,
);
