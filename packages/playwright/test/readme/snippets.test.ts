import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const repository = new URL('../../../../', import.meta.url);

/** Each `<!-- snippet: path -->` followed by a fenced block: the block, and its file. */
function snippetsOf(readme: string) {
  const text = readFileSync(new URL(readme, repository), 'utf8');
  return [...text.matchAll(/<!-- snippet: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g)].map(
    ([, path = '', code = '']) => ({ readme, path, code }),
  );
}

const snippets = [...snippetsOf('README.md'), ...snippetsOf('packages/playwright/README.md')];

test('the READMEs have their snippets: "Use KMS Lab in your tests" and the package\'s', () => {
  expect(snippets.map((snippet) => snippet.path)).toEqual([
    'e2e/tests/example-app.readme.spec.ts',
    'packages/playwright/test/readme/in-process.test.ts',
    'packages/playwright/test/readme/vitest-global-setup.ts',
    'packages/playwright/test/readme/server.test.ts',
    'packages/playwright/test/readme/jest-global-setup.mjs',
    'packages/playwright/test/readme/jest-global-teardown.mjs',
    'e2e/tests/example-app.readme.spec.ts',
  ]);
});

test.each(snippets)('$readme shows $path as it is in the repository', ({ path, code }) => {
  expect(code).toBe(readFileSync(new URL(path, repository), 'utf8'));
});
