// The README's ```js examples, run as a new user would: plain Node 20 ESM importing
// the built package (`pnpm build` first; `pnpm test` does). Its TypeScript examples (```ts
// blocks titled with a file of packaging/examples: "Use it from code" and the in-process
// AWS SDK) are compiled with `tsc --strict` and run from the installed tarballs by the
// packaging test, packaging/test.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** Runs the first ```js block under `heading` with plain Node; returns what it printed. */
function runExample(heading: string): string {
  expect(existsSync(`${packageDir}/dist/index.js`), 'run `pnpm build` first').toBe(true);
  const at = readme.indexOf(heading);
  expect(at, heading).toBeGreaterThan(0);
  const example = /```js\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
  expect(example).toContain("from '@kms-lab/core'");
  // Node resolves '@kms-lab/core' from inside the package by its own "exports", and
  // '@aws-sdk/client-kms' from the package's dependencies.
  return execFileSync(process.execPath, ['--input-type=module', '-e', example as string], {
    cwd: packageDir,
    encoding: 'utf8',
  }).trim();
}

describe('README', () => {
  it('the KMS keys example signs, verifies and gets the public key', () => {
    expect(runExample('### KMS keys: asymmetric and HMAC')).toBe('true 91');
  });

  it('the Recipient example returns CiphertextForRecipient and no PrivateKeyPlaintext', () => {
    expect(runExample('### Nitro Enclaves: Recipient')).toBe('false true');
  });

  it('the multi-Region example decrypts with the replica in another Region', () => {
    expect(runExample('### Regions and multi-Region keys')).toBe('hello REPLICA');
  });
});
