// The README's first code example, run as a new user would: plain Node 20 ESM importing
// the built package (`pnpm build` first; `pnpm test` does).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('the "Use it from code" example runs from plain Node ESM against dist/', () => {
    expect(existsSync(`${packageDir}/dist/index.js`), 'run `pnpm build` first').toBe(true);
    const section = readme.slice(readme.indexOf('## Use it from code'));
    const example = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toContain("from '@kms-lab/core'");
    // Node resolves '@kms-lab/core' from inside the package by its own "exports".
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', example as string],
      {
        cwd: packageDir,
        encoding: 'utf8',
      },
    );
    expect(output.trim()).toBe('true');
  });
});
