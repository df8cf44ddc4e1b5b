import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const serverDist = fileURLToPath(new URL('../../../server/dist/cli.js', import.meta.url));

/** The server-mode tests run the real `kms-lab` bin, which runs @kms-lab/server's dist/. */
export default function setup() {
  if (!existsSync(serverDist))
    throw new Error(
      `${serverDist} is missing: run \`pnpm build\` at the repository root before these tests.`,
    );
}
