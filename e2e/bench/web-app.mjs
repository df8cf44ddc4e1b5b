#!/usr/bin/env node
// Benchmark of the built web app in Chromium: prints figures, asserts nothing.
// Run with `pnpm bench` at the repo root, or `node e2e/bench/web-app.mjs`.
// - the gzip size of every script the page loads at start (until the network is idle);
// - for every KeyPairSpec, the time GenerateDataKeyPair takes through the UI and the
//   longest main-thread task meanwhile (PerformanceObserver 'longtask', which reports
//   every task of 50 ms or more);
// - for the post-quantum KMS keys (ML-DSA, ML-KEM), which the engine makes and uses on the
//   page's main thread: CreateKey, Sign or Encapsulate and Decapsulate through the UI, and
//   the longest main-thread task of each.
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { machine, table } from '../../packages/core/bench/measure.mjs';

const APP_URL = `http://127.0.0.1:${process.env.KMS_LAB_WEB_PORT ?? 4600}`;
const SPECS = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'SM2',
  'ECC_NIST_EDWARDS25519',
  'ML_KEM_512',
  'ML_KEM_768',
  'ML_KEM_1024',
];
const POST_QUANTUM_KEYS = [
  ['ML_DSA_44', 'SIGN_VERIFY'],
  ['ML_DSA_65', 'SIGN_VERIFY'],
  ['ML_DSA_87', 'SIGN_VERIFY'],
  ['ML_KEM_512', 'ENCAPSULATE_DECAPSULATE'],
  ['ML_KEM_768', 'ENCAPSULATE_DECAPSULATE'],
  ['ML_KEM_1024', 'ENCAPSULATE_DECAPSULATE'],
];

/** Runs `work` in the page and reports its time and the long tasks meanwhile. */
async function measured(page, work) {
  const before = await page.evaluate(() => window.__longTasks.length);
  const started = performance.now();
  await work();
  const elapsed = performance.now() - started;
  await page.waitForTimeout(300);
  const tasks = await page.evaluate((from) => window.__longTasks.slice(from), before);
  return [
    elapsed.toFixed(0),
    String(tasks.length),
    tasks.length ? Math.max(...tasks).toFixed(0) : '< 50 (none)',
  ];
}

async function reachable(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Builds and serves the app (`pnpm --filter @kms-lab/web start`) unless it already runs. */
async function serveApp() {
  if (await reachable(APP_URL)) return undefined;
  const server = spawn('pnpm', ['--filter', '@kms-lab/web', 'start'], {
    stdio: 'ignore',
    detached: true,
  });
  const deadline = Date.now() + 180_000;
  while (!(await reachable(APP_URL))) {
    if (Date.now() > deadline) throw new Error(`the app did not start at ${APP_URL}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return server;
}

console.log(`# KMS Lab web app benchmark\n${machine()}\n`);
const server = await serveApp();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage();
  console.log(`Chromium ${browser.version()}\n`);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });

  // 1. Scripts loaded at start.
  const scripts = [];
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && !response.url().endsWith('.js')) return;
    scripts.push({ url: response.url(), body: response.body() });
  });
  await page.goto(APP_URL, { waitUntil: 'networkidle' });
  const startScripts = [...scripts];
  const rows = [];
  let total = 0;
  for (const { url, body } of startScripts) {
    const bytes = await body;
    const gzip = gzipSync(bytes, { level: 9 }).length;
    total += gzip;
    rows.push([new URL(url).pathname, (bytes.length / 1024).toFixed(1), (gzip / 1024).toFixed(1)]);
  }
  rows.push(['total', '', (total / 1024).toFixed(1)]);
  console.log('## JavaScript loaded at start');
  table(['script', 'kB', 'kB gzip'], rows);

  // 2. A master key, then every spec through the Generate screen.
  await page.getByRole('tab', { name: 'Keys' }).click();
  const create = page.getByRole('form', { name: 'Create a master key' });
  await create.getByLabel('Alias (optional)').fill('alias/bench');
  await create.getByRole('button', { name: 'Create key' }).click();
  await page.getByTestId('key-row').first().waitFor();
  await page.getByRole('tab', { name: 'Generate' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByLabel('Operation').selectOption('GenerateDataKeyPair');
  await panel.getByLabel('Master key').fill('alias/bench');

  const generation = [];
  for (const spec of SPECS) {
    await panel.getByLabel('Key pair spec').selectOption(spec);
    const before = await page.evaluate(() => window.__longTasks.length);
    const started = performance.now();
    await panel.getByRole('button', { name: 'Generate', exact: true }).click();
    await page
      .getByTestId('response-key-pair-spec')
      .filter({ hasText: new RegExp(`^${spec}$`) })
      .waitFor({ timeout: 120_000 });
    const elapsed = performance.now() - started;
    // Let the response finish rendering (ASN.1 trees, hex views) before reading the tasks.
    await page.waitForTimeout(300);
    const tasks = await page.evaluate((from) => window.__longTasks.slice(from), before);
    const longest = tasks.length ? Math.max(...tasks).toFixed(0) : '< 50 (none)';
    generation.push([spec, elapsed.toFixed(0), String(tasks.length), longest]);
  }
  console.log('\n## GenerateDataKeyPair in the page');
  table(['spec', 'click to response ms', 'tasks ≥ 50 ms', 'longest task ms'], generation);

  // 3. Post-quantum KMS keys: made and used by the engine on the main thread.
  const postQuantum = [];
  for (const [keySpec, keyUsage] of POST_QUANTUM_KEYS) {
    await page.getByRole('tab', { name: 'Keys' }).click();
    const alias = `alias/bench-${keySpec.toLowerCase()}`;
    await create.getByLabel('Alias (optional)').fill(alias);
    await create.getByLabel('Key spec').selectOption(keySpec);
    await create.getByLabel('Key usage').selectOption(keyUsage);
    postQuantum.push([
      keySpec,
      'CreateKey',
      ...(await measured(page, async () => {
        await create.getByRole('button', { name: 'Create key' }).click();
        await page.getByRole('button', { name: `Manage key ${alias}` }).waitFor();
      })),
    ]);
    const keyId = await page
      .getByTestId('key-row')
      .filter({ has: page.getByRole('button', { name: `Manage key ${alias}` }) })
      .getAttribute('data-key-id');
    await page.getByRole('tab', { name: 'Use a KMS key' }).click();
    const kms = page.getByRole('tabpanel');
    await kms.getByLabel('KMS key', { exact: true }).selectOption(keyId);
    const card = (name) => kms.getByRole('region', { name, exact: true });
    const press = async (region, button, output) => {
      const field = card(region).getByLabel(output);
      await field.fill('');
      await card(region).getByRole('button', { name: button, exact: true }).click();
      await page.waitForFunction((element) => element.value !== '', await field.elementHandle(), {
        timeout: 60_000,
      });
    };
    if (keyUsage === 'SIGN_VERIFY') {
      postQuantum.push([
        keySpec,
        'Sign (RAW)',
        ...(await measured(page, () => press('Sign and verify', 'Sign', 'Signature (base64)'))),
      ]);
    } else {
      const region = 'Encapsulate and decapsulate';
      const ciphertext = 'SharedSecretCiphertextBlob (base64)';
      postQuantum.push([
        keySpec,
        'Encapsulate',
        ...(await measured(page, () => press(region, 'Encapsulate', ciphertext))),
      ]);
      postQuantum.push([
        keySpec,
        'Decapsulate',
        ...(await measured(page, async () => {
          await card(region).getByRole('button', { name: 'Decapsulate', exact: true }).click();
          await card(region).getByTestId('secrets-match').filter({ hasText: /./ }).waitFor();
        })),
      ]);
    }
  }
  console.log('\n## Post-quantum KMS keys in the page');
  table(
    ['key spec', 'request', 'click to result ms', 'tasks ≥ 50 ms', 'longest task ms'],
    postQuantum,
  );

  // The observer sees long tasks at all: a deliberate 120 ms busy loop must show up.
  const before = await page.evaluate(() => window.__longTasks.length);
  await page.evaluate(() =>
    setTimeout(() => {
      const until = performance.now() + 120;
      while (performance.now() < until);
    }, 0),
  );
  await page.waitForTimeout(500);
  const seen = await page.evaluate((from) => window.__longTasks.slice(from), before);
  console.log(
    `\nControl: a 120 ms busy loop was reported as ${seen.map((d) => `${d.toFixed(0)} ms`).join(', ') || 'nothing (the observer does not work here)'}.`,
  );
} finally {
  await browser.close();
  if (server) process.kill(-server.pid, 'SIGTERM');
}
