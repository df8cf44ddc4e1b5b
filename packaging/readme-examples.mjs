// The READMEs' runnable examples are files in packaging/examples, shown in a README as a
// ```ts block titled with the file's path. The packaging test compiles and runs the files;
// this module proves the READMEs show them word for word, so the two cannot drift.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const TITLED_BLOCK = /^```ts title="([^"]+)"\n([\s\S]*?)^```$/gm;
const EXAMPLES_PREFIX = 'packaging/examples/';

/**
 * Checks every titled block of `readmes` against its file and that every example is shown
 * somewhere; returns each example's file name with the READMEs that show it.
 */
export function checkReadmeExamples(root, readmes, examplesDir) {
  const shown = new Map(
    readdirSync(examplesDir)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => [file, []]),
  );
  for (const readme of readmes) {
    const where = relative(root, readme);
    for (const [, title, code] of readFileSync(readme, 'utf8').matchAll(TITLED_BLOCK)) {
      const file = title.startsWith(EXAMPLES_PREFIX) ? title.slice(EXAMPLES_PREFIX.length) : '';
      if (!shown.has(file))
        throw new Error(
          `${where}: the block titled "${title}" names no file in ${EXAMPLES_PREFIX}`,
        );
      if (code !== readFileSync(join(examplesDir, file), 'utf8'))
        throw new Error(
          `${where}: the block titled "${title}" differs from the file; copy the file into the README`,
        );
      shown.get(file).push(where);
    }
  }
  for (const [file, readmesShowing] of shown)
    if (readmesShowing.length === 0)
      throw new Error(`${EXAMPLES_PREFIX}${file} is shown in no README (a \`\`\`ts title= block)`);
  return shown;
}

/**
 * What an example prints: the comment after each `console.log(...);`, one line each, e.g.
 * `console.log(a, b); // 138 true`. An example that states nothing would check nothing.
 */
export function expectedOutput(source) {
  const lines = [...source.matchAll(/console\.log\(.*\);\s*\/\/ (.+)$/gm)].map((match) => match[1]);
  if (lines.length === 0) throw new Error('an example must state its output in a // comment');
  return lines;
}
