import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const coreDist = fileURLToPath(new URL('../../../core/dist/index.js', import.meta.url));

/**
 * The spawned-process tests run the real `kms-lab` bin, which runs dist/ on plain Node:
 * build it from the current sources first. Core's dist/ comes from `pnpm build`.
 */
export default function setup() {
  if (!existsSync(coreDist))
    throw new Error(
      `${coreDist} is missing: run \`pnpm build\` at the repository root before the server tests.`,
    );
  execFileSync('pnpm', ['exec', 'tsc', '-p', 'tsconfig.build.json'], {
    cwd: packageRoot,
    stdio: 'inherit',
  });
}
