#!/usr/bin/env node
// Server efficiency, measured fairly on a small machine: the server process's own CPU time
// per request (over HTTP, keep-alive) next to the engine's CPU time per call in process; the
// Decrypt tail while RSA_4096 generations run; memory after a fuzz run. Prints figures,
// asserts nothing. Run with `pnpm bench` at the repo root (after `pnpm build`).
// Targets (docs/performance.md): server CPU per Decrypt at most 2.5x the engine's; Decrypt
// p99 under 1,000 requests/s below 20 ms with 8 RSA_4096 generations in flight; heap after
// the fuzz run within 10% of before, after garbage collection.
import { fork } from 'node:child_process';
import { createKms } from '@kms-lab/core';
import autocannon from 'autocannon';
import { machine, table } from '../../core/bench/measure.mjs';

const child = fork(new URL('./bench-server.mjs', import.meta.url), {
  execArgv: ['--expose-gc'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const replies = [];
child.on('message', (message) => replies.shift()?.(message));
const ask = (what) => new Promise((resolve) => replies.push(resolve) && child.send(what));
const { url } = await new Promise((resolve) => replies.push(resolve));
const cpuMicros = ({ cpu }) => cpu.user + cpu.system;

async function call(operation, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `TrentService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${operation}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

const cannon = (operation, body, options) =>
  autocannon({
    url,
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `TrentService.${operation}`,
    },
    body: JSON.stringify(body),
    connections: 16,
    ...options,
  });

console.log(`# KMS Lab server efficiency\n${machine()}\n`);
const kms = createKms();
const local = (await kms.createKey({})).KeyMetadata.KeyId;
const remote = (await call('CreateKey', {})).KeyMetadata.KeyId;
const plaintext = Buffer.alloc(32, 7);
const localBlob = (await kms.encrypt({ KeyId: local, Plaintext: plaintext })).CiphertextBlob;
const remoteBlob = (
  await call('Encrypt', { KeyId: remote, Plaintext: plaintext.toString('base64') })
).CiphertextBlob;

const rows = [];
const operations = [
  [
    'Decrypt',
    20_000,
    () => kms.decrypt({ CiphertextBlob: localBlob }),
    { CiphertextBlob: remoteBlob },
  ],
  [
    'Encrypt',
    20_000,
    () => kms.encrypt({ KeyId: local, Plaintext: plaintext }),
    { KeyId: remote, Plaintext: plaintext.toString('base64') },
  ],
  [
    'GenerateDataKey',
    20_000,
    () => kms.generateDataKey({ KeyId: local, KeySpec: 'AES_256' }),
    { KeyId: remote, KeySpec: 'AES_256' },
  ],
  [
    'GenerateDataKeyPair',
    4_000,
    () => kms.generateDataKeyPair({ KeyId: local, KeyPairSpec: 'ECC_NIST_P256' }),
    { KeyId: remote, KeyPairSpec: 'ECC_NIST_P256' },
  ],
];
for (const [operation, count, inProcess, body] of operations) {
  for (let i = 0; i < 200; i++) await inProcess(); // warm-up
  const before = process.cpuUsage();
  for (let done = 0; done < count; done += 16)
    await Promise.all(Array.from({ length: 16 }, inProcess));
  const spent = process.cpuUsage(before);
  const engine = (spent.user + spent.system) / count;
  await cannon(operation, body, { amount: 500 }); // warm-up
  const start = cpuMicros(await ask('usage'));
  const result = await cannon(operation, body, { amount: count });
  const server = (cpuMicros(await ask('usage')) - start) / result.requests.total;
  if (result.non2xx > 0) throw new Error(`${operation}: ${result.non2xx} errors`);
  rows.push([
    operation === 'GenerateDataKeyPair' ? `${operation} ECC_NIST_P256` : operation,
    engine.toFixed(1),
    server.toFixed(1),
    `${(server / engine).toFixed(2)}x`,
  ]);
}
console.log('## CPU time per request: the server process over HTTP, the engine in process');
table(['operation', 'engine µs/call', 'server µs/request', 'server / engine'], rows);

// The tail of Decrypt at 1,000 requests/s, alone and with 8 RSA_4096 generations in flight.
const decryptAt1000 = () =>
  cannon('Decrypt', { CiphertextBlob: remoteBlob }, { overallRate: 1000, duration: 5 });
const alone = await decryptAt1000();
let generating = true;
let generated = 0;
const inFlight = Array.from({ length: 8 }, async () => {
  while (generating) {
    await call('GenerateDataKeyPair', { KeyId: remote, KeyPairSpec: 'RSA_4096' });
    generated++;
  }
});
await new Promise((resolve) => setTimeout(resolve, 500));
const busy = await decryptAt1000();
generating = false;
await Promise.all(inFlight);
console.log(
  '\n## Decrypt at 1,000 requests/s (5 s), alone and with 8 RSA_4096 generations in flight',
);
table(
  ['Decrypt', 'p50 ms', 'p99 ms', 'max ms', 'errors'],
  [
    ['alone', alone.latency.p50, alone.latency.p99, alone.latency.max, alone.non2xx],
    [
      `beside RSA_4096 (${generated} made)`,
      busy.latency.p50,
      busy.latency.p99,
      busy.latency.max,
      busy.non2xx,
    ],
  ].map((row) => row.map(String)),
);

// Memory: heap after garbage collection, before and after a fuzz run of mixed requests.
const heap = async () => (await ask('gc')).memory.heapUsed / 2 ** 20;
const fuzzBodies = [
  ['Decrypt', '{"CiphertextBlob":"AAAA"}'],
  ['Decrypt', `{"CiphertextBlob":"${remoteBlob}","EncryptionContext":{"a":"b"}}`],
  ['CreateKey', '{"KeySpec":"NOPE"}'],
  ['GenerateDataKeyPair', `{"KeyId":"${remote}","KeyPairSpec":"RSA_1024"}`],
  ['ListKeys', '{"Limit":0}'],
  ['Encrypt', '{"KeyId":"alias/none","Plaintext":"AA=="}'],
  ['Sign', '{not json'],
  ['CreateGrant', '{}'],
];
const heapBefore = await heap();
for (let round = 0; round < 4; round++)
  for (const [operation, body] of fuzzBodies)
    await autocannon({
      url,
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `TrentService.${operation}`,
      },
      body,
      connections: 16,
      amount: 700,
    });
const heapAfter = await heap();
console.log(
  `\n## Server heap after garbage collection, around ${4 * fuzzBodies.length * 700} fuzz requests`,
);
table(
  ['before MiB', 'after MiB', 'after / before'],
  [[heapBefore.toFixed(1), heapAfter.toFixed(1), `${(heapAfter / heapBefore).toFixed(2)}x`]],
);
child.disconnect();
