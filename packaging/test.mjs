#!/usr/bin/env node
// The packaging test: every published workspace package (not `private`) is packed with
// `pnpm pack`, installed with plain npm in a folder outside the workspace (so nothing
// resolves through the workspace's node_modules), and used there as a user would: the
// README's TypeScript examples compiled with `tsc --strict` (module nodenext, and bundler)
// and run as Node ESM, every entry point through require() from CommonJS, a Node-only
// project without the DOM lib, the AWS SDK's input types given to the engine, and
// `npx kms-lab serve` answering the SDK. Run after `pnpm build`: `pnpm test:packaging`.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkReadmeExamples, expectedOutput } from './readme-examples.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const REPOSITORY_URL = 'git+https://github.com/kms-lab/kms-lab.git';
const COPYRIGHT = 'Copyright (c) 2026 KMS Lab contributors';

const started = Date.now();
let stepCount = 0;
function step(title) {
  stepCount += 1;
  console.log(`\n== ${stepCount}. ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Runs a command; its output is shown only when it fails, with what was being done. */
function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe', ...options });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(
      `${command} ${args.join(' ')} failed in ${options.cwd ?? process.cwd()}:\n${output}`,
    );
  }
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * A package's entry points as [specifier, the file Node loads]: "exports" as a string or as
 * subpaths ("." and "./name"; not "./package.json"), each a file or conditions.
 */
function entryPointsOf(manifest) {
  const exports = manifest.exports ?? manifest.main ?? 'index.js';
  const subpaths = typeof exports === 'string' ? { '.': exports } : exports;
  return Object.entries(subpaths)
    .filter(([subpath]) => subpath !== './package.json')
    .map(([subpath, target]) => [
      subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
      typeof target === 'string' ? target : (target.default ?? target.import ?? target.require),
    ]);
}

/** The environment without AWS_* variables: the examples must not need them. */
const withoutAwsVariables = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')),
);

step('Published packages: every workspace package that is not private');
const workspace = JSON.parse(run('pnpm', ['-r', 'ls', '--depth', '-1', '--json'], { cwd: root }));
const published = workspace
  .filter((entry) => !entry.private && entry.path !== root.replace(/\/$/, ''))
  .map((entry) => ({ dir: entry.path, manifest: readJson(join(entry.path, 'package.json')) }));
assert.ok(published.length > 0, 'no published package found');
const privateNames = new Set(workspace.filter((entry) => entry.private).map((entry) => entry.name));
for (const { dir, manifest } of published) {
  const where = relative(root, dir);
  const problems = [];
  const need = (ok, what) => ok || problems.push(what);
  need(manifest.license === 'MIT', '"license": "MIT"');
  need(/^>=\d+\.\d+/.test(manifest.engines?.node ?? ''), '"engines": { "node": ">=…" }');
  need(
    manifest.repository?.type === 'git' &&
      manifest.repository.url === REPOSITORY_URL &&
      manifest.repository.directory === where,
    `"repository": { "type": "git", "url": "${REPOSITORY_URL}", "directory": "${where}" }`,
  );
  need(/^https:\/\//.test(manifest.homepage ?? ''), '"homepage"');
  need(/^https:\/\/.+\/issues$/.test(manifest.bugs?.url ?? ''), '"bugs": { "url": … }');
  need(Array.isArray(manifest.keywords) && manifest.keywords.length > 0, '"keywords"');
  need(manifest.publishConfig?.access === 'public', '"publishConfig": { "access": "public" }');
  need(
    typeof manifest.description === 'string' && manifest.description.length > 0,
    '"description"',
  );
  const license = existsSync(join(dir, 'LICENSE'))
    ? readFileSync(join(dir, 'LICENSE'), 'utf8')
    : '';
  need(
    license.startsWith('MIT License') && license.includes(COPYRIGHT),
    `LICENSE (MIT, "${COPYRIGHT}")`,
  );
  need(existsSync(join(dir, 'README.md')), 'README.md');
  // What a user installs with it must be installable: no private workspace package.
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    for (const dependency of Object.keys(manifest[field] ?? {}))
      need(!privateNames.has(dependency), `${field} without the private ${dependency}`);
  for (const [, file] of entryPointsOf(manifest))
    need(existsSync(join(dir, file)), `${file} (run \`pnpm build\` first)`);
  assert.deepEqual(problems, [], `${manifest.name} (${where}) lacks: ${problems.join(', ')}`);
  console.log(
    `${manifest.name}@${manifest.version} (${where}): metadata, LICENSE and README present`,
  );
}

const work = mkdtempSync(join(tmpdir(), 'kms-lab-packaging-'));
assert.ok(!work.startsWith(root), 'the test folder must be outside the workspace');
process.on('exit', (code) => {
  if (code !== 0) console.error(`\nThe test folder is kept for a look: ${work}`);
  else rmSync(work, { recursive: true, force: true });
});

step(`pnpm pack into ${work}`);
const tarballs = [];
for (const { dir, manifest } of published) {
  const packed = JSON.parse(
    run('pnpm', ['pack', '--json', '--pack-destination', work], { cwd: dir }),
  );
  const tarball = packed.filename.startsWith('/') ? packed.filename : join(work, packed.filename);
  const files = run('tar', ['-tzf', tarball]).split('\n');
  for (const file of ['package/LICENSE', 'package/README.md', 'package/package.json'])
    assert.ok(files.includes(file), `${manifest.name}'s tarball has no ${file}`);
  const packedManifest = run('tar', ['-xzOf', tarball, 'package/package.json']);
  assert.ok(
    !packedManifest.includes('workspace:'),
    `${manifest.name}'s packed package.json still has a workspace: version:\n${packedManifest}`,
  );
  assert.equal(JSON.parse(packedManifest).private, undefined, `${manifest.name} is packed private`);
  tarballs.push(tarball);
  console.log(`${relative(work, tarball)}: ${files.length - 1} files, no workspace: versions`);
}

step('npm install of the tarballs, @aws-sdk/client-kms, typescript and @types/node');
const core = readJson(join(root, 'packages/core/package.json'));
const typesNode = readJson(join(root, 'packages/core/node_modules/@types/node/package.json'));
const tools = [
  `@aws-sdk/client-kms@${core.devDependencies['@aws-sdk/client-kms']}`,
  `typescript@${readJson(join(root, 'package.json')).devDependencies.typescript}`,
  `@types/node@${typesNode.version}`,
];
writeFileSync(
  join(work, 'package.json'),
  `${JSON.stringify({ name: 'kms-lab-user', private: true, type: 'module' }, null, 2)}\n`,
);
run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, ...tools], {
  cwd: work,
});
console.log(`installed ${tarballs.length} tarballs and ${tools.join(', ')}`);

step('The README examples are the files in packaging/examples, word for word');
const readmes = [join(root, 'README.md'), ...published.map(({ dir }) => join(dir, 'README.md'))];
const examples = checkReadmeExamples(root, readmes, join(here, 'examples'));
for (const [file, shownIn] of examples) console.log(`${file}: shown in ${shownIn.join(', ')}`);
cpSync(join(here, 'examples'), join(work, 'examples'), { recursive: true });
cpSync(join(here, 'fixtures'), join(work, 'fixtures'), { recursive: true });

// Playwright's own declarations name the DOM (HTMLElement, SVGElement), so a project that uses
// a package built on @playwright/test has the DOM lib: such packages are compiled with it only.
const entryPoints = published.flatMap(({ manifest }) =>
  entryPointsOf(manifest).map(([specifier]) => specifier),
);
const needsDom = ({ manifest }) =>
  Object.hasOwn(manifest.peerDependencies ?? {}, '@playwright/test');
const entryPointFile = (packages, what) =>
  `// Every entry point of ${what} (written by packaging/test.mjs).\n${packages
    .flatMap(({ manifest }) => entryPointsOf(manifest).map(([specifier]) => specifier))
    .map((specifier, index) => `export * as entry${index} from '${specifier}';\n`)
    .join('')}`;
writeFileSync(
  join(work, 'fixtures/entry-points.ts'),
  entryPointFile(
    published.filter((entry) => !needsDom(entry)),
    'every published package that needs no DOM lib',
  ),
);
mkdirSync(join(work, 'with-dom'), { recursive: true });
writeFileSync(
  join(work, 'with-dom/entry-points.ts'),
  entryPointFile(published, 'every published package'),
);

const tsc = join(work, 'node_modules/.bin/tsc');
function compile(name, compilerOptions, include) {
  const file = `tsconfig.${name}.json`;
  const strict = { strict: true, target: 'ES2022', skipLibCheck: false, ...compilerOptions };
  writeFileSync(join(work, file), JSON.stringify({ compilerOptions: strict, include }, null, 2));
  run(tsc, ['-p', file], { cwd: work });
  console.log(`tsc -p ${file}: ${include.join(' ')} compile (${JSON.stringify(compilerOptions)})`);
}

step('tsc --strict, module nodenext, Node types without the DOM lib: the examples, emitted');
const nodeOnly = { lib: ['ES2022'], types: ['node'] };
compile('nodenext', { module: 'nodenext', ...nodeOnly, rootDir: 'examples', outDir: 'out' }, [
  'examples',
]);

step('tsc --strict, module esnext and moduleResolution bundler, with the DOM lib');
compile(
  'bundler',
  {
    module: 'esnext',
    moduleResolution: 'bundler',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    noEmit: true,
  },
  ['examples', 'fixtures/sdk-input-fit.ts', 'with-dom/entry-points.ts'],
);

step('A Node-only project without the DOM lib: every entry point; the SDK inputs fit');
compile('node-only', { module: 'nodenext', ...nodeOnly, noEmit: true }, ['fixtures/*.ts']);

step('Node ESM: the compiled examples run and print what their comments say');
const serverExamples = [];
for (const [file] of examples) {
  const source = readFileSync(join(here, 'examples', file), 'utf8');
  if (source.includes('kms-lab serve')) {
    serverExamples.push(file);
    continue;
  }
  checkRun(file, source, {});
}

function checkRun(file, source, env) {
  const compiled = join('out', file.replace(/\.ts$/, '.js'));
  const output = run('node', [compiled], { cwd: work, env: { ...withoutAwsVariables, ...env } });
  assert.deepEqual(output.trim().split('\n'), expectedOutput(source), `${file}'s output`);
  console.log(`node ${compiled}: ${output.trim().split('\n').join(' | ')}`);
}

step('CommonJS: require() of every entry point (require(esm)), and real work');
console.log(run('node', ['fixtures/require.cjs', ...entryPoints], { cwd: work }).trim());

step('npx kms-lab serve: started, answers @aws-sdk/client-kms, stopped');
const version = run('npx', ['--no-install', 'kms-lab', '--version'], { cwd: work }).trim();
assert.equal(version, `kms-lab ${readJson(join(root, 'packages/server/package.json')).version}`);
console.log(`npx kms-lab --version: ${version}`);
await withServer(async (url) => {
  for (const file of serverExamples)
    checkRun(file, readFileSync(join(here, 'examples', file), 'utf8'), { KMS_LAB_ENDPOINT: url });
});

/** `npx kms-lab serve` on a port the system picks, its URL read from its banner. */
async function withServer(use) {
  const server = spawn('npx', ['--no-install', 'kms-lab', 'serve', '--port', '0', '--memory'], {
    cwd: work,
    detached: true, // its own process group: npx's child is stopped with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) =>
    server.on('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner in 30 s:\n${output}`)), 30_000);
      const look = () => {
        const match = /serving AWS KMS at (http:\/\/\S+)/.exec(output);
        if (!match) return;
        clearTimeout(timer);
        resolve(match[1]);
      };
      server.stdout.on('data', look);
      exited.then(() => reject(new Error(`kms-lab serve exited:\n${output}`)));
    });
    console.log(`npx kms-lab serve --port 0 --memory: ${url}`);
    await use(url);
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200, 'GET /health');
  } finally {
    stopGroup(server.pid);
  }
  await exited;
  // npx ends at the signal; the server under it finishes its requests, then exits too.
  for (let waited = 0; groupAlive(server.pid); waited += 100) {
    assert.ok(waited < 10_000, `kms-lab serve still runs 10 s after SIGTERM:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log('SIGTERM: npx and the server under it have exited');
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function stopGroup(pid) {
  if (groupAlive(pid)) process.kill(-pid, 'SIGTERM');
}

console.log(`\npackaging test: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
