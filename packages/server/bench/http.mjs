#!/usr/bin/env node
// Benchmark of the server over HTTP next to the engine in process: prints figures,
// asserts nothing. Run with `pnpm bench` at the repo root (after `pnpm build`).
// The server is the real bin in its own process (`kms-lab serve --memory`), driven by
// autocannon over keep-alive connections from this process. Both share the machine's cores.
// BENCH_SECONDS (default 2) sets the time per row, BENCH_MEMORY_REQUESTS (default 100000)
// the length of the memory run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createKms, handleAwsJsonRequest } from '@kms-lab/core';
import autocannon from 'autocannon';
import { machine, measure, ratio, table } from '../../core/bench/measure.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const memoryRequests = Number(process.env.BENCH_MEMORY_REQUESTS ?? 100_000);
const concurrency = 16;
const bin = new URL('../bin/kms-lab.js', import.meta.url).pathname;

/** Starts `kms-lab serve --memory` on a free port; resolves with its URL and process. */
function startServer() {
  const child = spawn(process.execPath, [bin, 'serve', '--memory', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`kms-lab serve exited (${code})`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

/** One AWS JSON 1.1 request over a keep-alive connection; resolves with the parsed JSON. */
function call(url, operation, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `TrentService.${operation}`,
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200)
            reject(new Error(`${operation}: HTTP ${res.statusCode} ${text}`));
          else resolve(text ? JSON.parse(text) : {});
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** autocannon sending the same request on `concurrency` keep-alive connections. */
async function load(url, operation, body, limit) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `TrentService.${operation}`,
    },
    body: JSON.stringify(body),
    connections: concurrency,
    ...limit,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${operation}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return {
    opsPerSecond: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

const rssMiB = (pid) => {
  const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return (kib / 1024).toFixed(1);
};

console.log(`# KMS Lab server benchmark\n${machine()}\n`);
const { child, url } = await startServer();
try {
  const kms = createKms();
  const local = (await kms.createKey({})).KeyMetadata.KeyId;
  const remote = (await call(url, 'CreateKey', {})).KeyMetadata.KeyId;
  const spec = 'ECC_NIST_P256';

  const localBlob = (await kms.generateDataKeyPair({ KeyId: local, KeyPairSpec: spec }))
    .PrivateKeyCiphertextBlob;
  const remoteBlob = (await call(url, 'GenerateDataKeyPair', { KeyId: remote, KeyPairSpec: spec }))
    .PrivateKeyCiphertextBlob;

  const options = { seconds, concurrency };
  const rows = [];
  const compare = async (name, inProcess, operation, body) => {
    const a = await measure(inProcess, options);
    const b = await load(url, operation, body, { duration: seconds });
    rows.push([
      name,
      a.opsPerSecond.toFixed(0),
      b.opsPerSecond.toFixed(0),
      b.p50.toFixed(2),
      b.p99.toFixed(2),
      ratio(b.opsPerSecond, a.opsPerSecond),
    ]);
  };
  await compare(
    `GenerateDataKeyPair ${spec}`,
    () => kms.generateDataKeyPair({ KeyId: local, KeyPairSpec: spec }),
    'GenerateDataKeyPair',
    { KeyId: remote, KeyPairSpec: spec },
  );
  await compare('Decrypt', () => kms.decrypt({ CiphertextBlob: localBlob }), 'Decrypt', {
    CiphertextBlob: remoteBlob,
  });
  console.log(
    `## Over HTTP (autocannon, ${concurrency} keep-alive connections) next to in process (${concurrency} callers)`,
  );
  table(
    [
      'operation',
      'in process ops/s',
      'HTTP ops/s',
      'HTTP p50 ms',
      'HTTP p99 ms',
      'HTTP / in process',
    ],
    rows,
  );
  // The protocol adapter's share: Decrypt as JSON text in and out, in process, no HTTP.
  const wireBody = JSON.stringify({ CiphertextBlob: Buffer.from(localBlob).toString('base64') });
  const wire = await measure(
    () =>
      handleAwsJsonRequest(kms, {
        headers: { 'X-Amz-Target': 'TrentService.Decrypt' },
        body: wireBody,
      }),
    options,
  );
  console.log(
    `\nDecrypt through handleAwsJsonRequest in process (JSON, base64, no HTTP): ${wire.opsPerSecond.toFixed(0)} ops/s`,
  );
  // The ceiling of this client and this server on this machine: a request that does no work.
  const health = await autocannon({
    url: `${url}/health`,
    connections: concurrency,
    duration: seconds,
  });
  console.log(
    `GET /health (no work, the ceiling of client and server here): ${(health.requests.total / (health.duration || 1)).toFixed(0)} requests/s`,
  );

  console.log(`\n## Server memory over ${memoryRequests} Decrypt requests (resident set size)`);
  const samples = [['0', rssMiB(child.pid)]];
  const step = memoryRequests / 10;
  for (let mark = step; mark <= memoryRequests; mark += step) {
    await load(url, 'Decrypt', { CiphertextBlob: remoteBlob }, { amount: step });
    samples.push([String(mark), rssMiB(child.pid)]);
  }
  table(['requests', 'RSS MiB'], samples);
} finally {
  agent.destroy();
  child.kill('SIGTERM');
}
