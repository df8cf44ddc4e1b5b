// Shared by the benchmark scripts: timing loops and plain-text tables.
import { cpus, freemem, totalmem } from 'node:os';

/** One line naming the machine the figures come from. */
export function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const gib = (bytes) => (bytes / 2 ** 30).toFixed(1);
  return `${cpu}, ${cpus().length} cores, ${gib(totalmem())} GiB (${gib(freemem())} free), Node ${process.version}, ${process.platform}`;
}

/** The q-quantile (0..1) of a list of numbers. */
export function percentile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Runs `task` from `concurrency` callers for about `seconds` (and at least `minOps`
 * times) after one warm-up call; returns throughput, latency percentiles and the
 * latencies themselves, in ms.
 */
export async function measure(task, { seconds = 2, concurrency = 1, minOps = 3 } = {}) {
  await task();
  const latencies = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  const caller = async () => {
    while (performance.now() < end || latencies.length < minOps) {
      const t0 = performance.now();
      await task();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  const elapsed = (performance.now() - started) / 1000;
  return {
    opsPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    count: latencies.length,
    latencies,
  };
}

/** "1.23x": how many times `a` is `b`. */
export const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

/** Prints rows under a header as a Markdown table, ready for docs/performance.md. */
export function table(header, rows) {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => String(row[i]).length)),
  );
  const line = (cells) =>
    `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
