// The real server (startServer, in memory) in a child process of the benchmark, which asks it
// over IPC for its own CPU time and memory, and to collect garbage (node --expose-gc).
import { startServer } from '../dist/index.js';

const server = await startServer({ port: 0, memory: true, log: false, warn: () => {} });
process.send?.({ url: server.url });
process.on('message', (message) => {
  if (message === 'gc') globalThis.gc?.();
  process.send?.({ cpu: process.cpuUsage(), memory: process.memoryUsage() });
});
process.on('disconnect', () => server.close().then(() => process.exit(0)));
