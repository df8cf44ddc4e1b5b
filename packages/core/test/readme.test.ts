// The README's code examples, run as a new user would: plain Node 20 ESM importing
// the built package (`pnpm build` first; `pnpm test` does).
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
  it('the "Use it from code" example runs from plain Node ESM against dist/', () => {
    expect(runExample('## Use it from code')).toBe('true');
  });

  it('the KMS keys example signs, verifies and gets the public key', () => {
    expect(runExample('### KMS keys: asymmetric and HMAC')).toBe('true 91');
  });

  it('the Recipient example returns CiphertextForRecipient and no PrivateKeyPlaintext', () => {
    expect(runExample('### Nitro Enclaves: Recipient')).toBe('false true');
  });

  it('the multi-Region example decrypts with the replica in another Region', () => {
    expect(runExample('### Regions and multi-Region keys')).toBe('hello REPLICA');
  });

  it('the in-process AWS SDK example runs and prints the SDK exception', () => {
    expect(runExample('## Point the AWS SDK at it, in process')).toBe(
      'true Alias arn:aws:kms:us-east-1:111122223333:alias/none is not found.',
    );
  });
});
