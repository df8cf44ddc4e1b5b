#!/usr/bin/env node
// The `kms-lab` command: runs the compiled CLI (`pnpm build` makes dist/).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
