#!/usr/bin/env node
// Benchmark of the file store's write cost against its size: prints figures, asserts nothing.
// Run with `pnpm bench` at the repo root (after `pnpm build`). An acknowledged write is one
// transaction putting one key, answered once it is on disk (the journal line fsynced).
// Target (docs/performance.md): p50 at 10,000 keys within 2x of the p50 at 10 keys.
// BENCH_STORE_WRITES (default 300) sets the writes measured per row.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, table } from '../../core/bench/measure.mjs';
import { FileKeyStore } from '../dist/index.js';

const writes = Number(process.env.BENCH_STORE_WRITES ?? 300);

let serial = 0;
/** A symmetric key record as the engine stores it: one 32-byte key material. */
function keyRecord() {
  const n = serial++;
  const hex = n.toString(16).padStart(12, '0');
  return {
    keyId: `00000000-0000-4000-8000-${hex}`,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    description: `bench key ${n}`,
    keyUsage: 'ENCRYPT_DECRYPT',
    keySpec: 'SYMMETRIC_DEFAULT',
    enabled: true,
    tags: [],
    materials: [
      {
        keyMaterialId: hex.padStart(64, 'a'),
        secret: crypto.getRandomValues(new Uint8Array(32)),
        createdAt: new Date('2026-01-01T00:00:00Z'),
      },
    ],
    rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
  };
}

async function row(size) {
  const directory = await mkdtemp(join(tmpdir(), 'kms-lab-store-bench-'));
  try {
    const path = join(directory, 'keys.json');
    let store = await FileKeyStore.open(path, { warn: () => {} });
    // Filled in one transaction, then reopened: the store starts compacted at its size.
    await store.exclusive(async () => {
      for (let index = 0; index < size; index++) await store.putKey(keyRecord());
    });
    await store.close();
    store = await FileKeyStore.open(path, { warn: () => {} });
    const times = [];
    for (let index = 0; index < writes; index++) {
      const record = keyRecord();
      const started = performance.now();
      await store.exclusive(() => store.putKey(record));
      times.push(performance.now() - started);
    }
    await store.close();
    return { size, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const rows = [];
for (const size of [10, 1_000, 10_000]) rows.push(await row(size));
const base = rows[0].p50;
console.log(
  `\nFile store: one acknowledged write (a key put, fsynced), ${writes} writes per row\n`,
);
table(
  ['keys in the store', 'p50 ms', 'p99 ms', 'p50 / p50 at 10 keys'],
  rows.map(({ size, p50, p99 }) => [
    size.toLocaleString('en'),
    p50.toFixed(3),
    p99.toFixed(3),
    `${(p50 / base).toFixed(2)}x`,
  ]),
);
