#!/usr/bin/env node
// Benchmark of the engine in process: prints figures, asserts nothing.
// Run with `pnpm bench` at the repo root (after `pnpm build`), or `node packages/core/bench/engine.mjs`.
// BENCH_SECONDS (default 2) sets the time per row, BENCH_RSA_OPS (default 40) the least
// number of RSA pairs per row, BENCH_POOL_REQUESTS (default 5) the number of requests per
// RSA spec in the pool section.
import { generateKeyPair as nodeGenerateKeyPair } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import {
  AWS_DATA_KEY_PAIR_QUOTAS,
  createKms,
  KEY_PAIR_SPECS,
  normaliseRsaKeyPair,
} from '@kms-lab/core';
import { createThreadedKeyPairGenerator } from '@kms-lab/core/node';
import { machine, measure, percentile, ratio, table } from './measure.mjs';

const nodeGenerate = promisify(nodeGenerateKeyPair);
const DER = {
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'der' },
};
/** node:crypto (OpenSSL) generating the same key, with DER output: the fastest native path. */
const NATIVE = {
  RSA_2048: () => nodeGenerate('rsa', { modulusLength: 2048, ...DER }),
  RSA_3072: () => nodeGenerate('rsa', { modulusLength: 3072, ...DER }),
  RSA_4096: () => nodeGenerate('rsa', { modulusLength: 4096, ...DER }),
  ECC_NIST_P256: () => nodeGenerate('ec', { namedCurve: 'P-256', ...DER }),
  ECC_NIST_P384: () => nodeGenerate('ec', { namedCurve: 'P-384', ...DER }),
  ECC_NIST_P521: () => nodeGenerate('ec', { namedCurve: 'P-521', ...DER }),
  ECC_SECG_P256K1: () => nodeGenerate('ec', { namedCurve: 'secp256k1', ...DER }),
  SM2: () => nodeGenerate('ec', { namedCurve: 'SM2', ...DER }),
  ECC_NIST_EDWARDS25519: () => nodeGenerate('ed25519', DER),
};
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
// RSA generation times vary widely (the search for primes), so RSA rows run longer.
const rsaOps = Number(process.env.BENCH_RSA_OPS ?? 40);
const cores = availableParallelism();
const threaded = createThreadedKeyPairGenerator();

async function newKms(options = {}) {
  const kms = createKms({ generateKeyPair: threaded.generateKeyPair, ...options });
  const { KeyMetadata } = await kms.createKey({ Description: 'bench' });
  return { kms, KeyId: KeyMetadata.KeyId };
}

console.log(`# KMS Lab engine benchmark\n${machine()}\n`);

// 1. GenerateDataKeyPair per spec against node:crypto, every core busy on both sides.
console.log(
  `## GenerateDataKeyPair in process, ${cores} concurrent callers, ~${seconds} s per row`,
);
const { kms, KeyId } = await newKms();
const blobs = [];
const rows = [];
const nativeOpsPerSecond = {};
for (const spec of Object.keys(NATIVE)) {
  const minOps = spec.startsWith('RSA') ? rsaOps : 3;
  const native = await measure(NATIVE[spec], { seconds, concurrency: cores, minOps });
  nativeOpsPerSecond[spec] = native.opsPerSecond;
  const engine = await measure(
    async () => {
      const pair = await kms.generateDataKeyPair({ KeyId, KeyPairSpec: spec });
      if (blobs.length < 256) blobs.push(pair.PrivateKeyCiphertextBlob);
    },
    { seconds, concurrency: cores, minOps },
  );
  rows.push([
    spec,
    engine.opsPerSecond.toFixed(1),
    engine.p50.toFixed(2),
    engine.p99.toFixed(2),
    native.opsPerSecond.toFixed(1),
    ratio(native.opsPerSecond, engine.opsPerSecond),
  ]);
}
table(['spec', 'engine ops/s', 'p50 ms', 'p99 ms', 'node:crypto ops/s', 'overhead'], rows);

// 1b. What the engine adds to each call, measured without the noise of key generation:
// the generator hands out pairs node:crypto made beforehand (RSA pairs still go through the
// engine's re-encoding). Set against node:crypto's CPU time per pair from the table above.
console.log("\n## The engine's own work per call, key generation left out (1 caller)");
const engineWork = [];
for (const spec of Object.keys(NATIVE)) {
  const made = await Promise.all(Array.from({ length: 8 }, () => NATIVE[spec]()));
  const info = KEY_PAIR_SPECS[spec];
  let next = 0;
  const premade = async () => {
    const { publicKey, privateKey } = made[next++ % made.length];
    return info.family === 'rsa'
      ? normaliseRsaKeyPair(new Uint8Array(publicKey), new Uint8Array(privateKey), info.modulusBits)
      : { publicKey: new Uint8Array(publicKey), privateKey: new Uint8Array(privateKey) };
  };
  const fast = createKms({ generateKeyPair: premade });
  const fastKey = (await fast.createKey({})).KeyMetadata.KeyId;
  const work = await measure(
    () => fast.generateDataKeyPair({ KeyId: fastKey, KeyPairSpec: spec }),
    { seconds: Math.min(seconds, 1), concurrency: 1 },
  );
  const nativeCpuMs = (1000 * cores) / nativeOpsPerSecond[spec];
  engineWork.push([
    spec,
    work.p50.toFixed(3),
    nativeCpuMs.toFixed(3),
    ratio(nativeCpuMs + work.p50, nativeCpuMs),
  ]);
}
table(['spec', 'engine work ms (p50)', 'node:crypto ms per pair', 'implied overhead'], engineWork);

// 2. Decrypt of those blobs.
let next = 0;
const decrypt = await measure(() => kms.decrypt({ CiphertextBlob: blobs[next++ % blobs.length] }), {
  seconds,
  concurrency: cores,
});
console.log(
  `\n## Decrypt in process\n${decrypt.opsPerSecond.toFixed(0)} ops/s, p50 ${decrypt.p50.toFixed(3)} ms, p99 ${decrypt.p99.toFixed(3)} ms`,
);

// 3. Scaling: the same work with one caller and with one per core.
console.log('\n## Scaling over cores (GenerateDataKeyPair)');
const scaling = [];
for (const spec of ['RSA_2048', 'ECC_SECG_P256K1', 'SM2']) {
  const minOps = spec.startsWith('RSA') ? rsaOps : 3;
  const one = await measure(() => kms.generateDataKeyPair({ KeyId, KeyPairSpec: spec }), {
    seconds,
    concurrency: 1,
    minOps,
  });
  const all = await measure(() => kms.generateDataKeyPair({ KeyId, KeyPairSpec: spec }), {
    seconds,
    concurrency: cores,
    minOps,
  });
  scaling.push([
    spec,
    one.opsPerSecond.toFixed(1),
    all.opsPerSecond.toFixed(1),
    ratio(all.opsPerSecond, one.opsPerSecond),
  ]);
}
table(['spec', '1 caller ops/s', `${cores} callers ops/s`, 'speed-up'], scaling);

// 4. The warm pool at AWS's request quotas: requests arrive at the quota rate, the pool
// refills between them.
const requests = Number(process.env.BENCH_POOL_REQUESTS ?? 5);
const poolSpecs = ['RSA_2048', 'RSA_3072', 'RSA_4096'];
console.log(
  `\n## GenerateDataKeyPair with the warm pool, ${requests} requests per spec at AWS's quota rate`,
);
const pooled = await newKms({ pool: Object.fromEntries(poolSpecs.map((spec) => [spec, 1])) });
await pooled.kms.pool.warm();
const atQuotaRate = (target, spec) => {
  const interval = 1000 / AWS_DATA_KEY_PAIR_QUOTAS[spec];
  return Promise.all(
    Array.from(
      { length: requests },
      (_, n) =>
        new Promise((resolve, reject) =>
          setTimeout(async () => {
            const started = performance.now();
            try {
              await target.kms.generateDataKeyPair({ KeyId: target.KeyId, KeyPairSpec: spec });
              resolve(performance.now() - started);
            } catch (error) {
              reject(error);
            }
          }, n * interval),
        ),
    ),
  );
};
// One spec at a time, as a caller working within one quota would see it.
const poolRows = [];
for (const spec of poolSpecs) {
  const latencies = await atQuotaRate(pooled, spec);
  poolRows.push([
    spec,
    `${AWS_DATA_KEY_PAIR_QUOTAS[spec]}/s`,
    percentile(latencies, 0.5).toFixed(2),
    percentile(latencies, 1).toFixed(2),
  ]);
}
table(['spec', 'AWS quota', 'pool p50 ms', 'pool max ms'], poolRows);
pooled.kms.close();

await threaded.close();
