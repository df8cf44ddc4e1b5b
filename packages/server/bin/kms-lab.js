#!/usr/bin/env node
// The `kms-lab` command: runs the compiled CLI (`pnpm build` makes dist/).
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error(
    'kms-lab: the server is not built yet. Run `pnpm build` at the repository root first.',
  );
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
