import { gzipSync } from 'node:zlib';
import { expect, test } from '../fixtures';

/** The most JavaScript the first load of the app may request, gzipped (each file at level 9). */
const START_UP_JS_BUDGET = 150 * 1024;

// A size budget, not a timing: the same build gives the same bytes on any machine. (Main-
// thread task lengths are timings: they are measured by `pnpm bench`, e2e/bench/web-app.mjs,
// never asserted in a test.)
test('the first load requests at most 150 kB of JavaScript, gzipped', async ({ page }) => {
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    const url = response.url();
    if (response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(url))
      scripts.set(url, response.body());
  });
  await page.goto('/', { waitUntil: 'networkidle' });
  await page.getByRole('heading', { name: 'KMS Lab', level: 1 }).waitFor();
  // A first visit opens the tour: its chunk is part of the first load.
  await page.getByRole('complementary', { name: 'Start here' }).waitFor();
  await page.waitForLoadState('networkidle');
  const sizes = await Promise.all(
    [...scripts].map(async ([url, body]) => ({
      path: new URL(url).pathname,
      gzip: gzipSync(await body, { level: 9 }).length,
    })),
  );
  const total = sizes.reduce((sum, each) => sum + each.gzip, 0);
  expect(sizes.length, 'scripts were seen').toBeGreaterThan(0);
  expect(
    total,
    `start-up JavaScript, gzipped: ${sizes.map((each) => `${each.path} ${(each.gzip / 1024).toFixed(1)} kB`).join(', ')}`,
  ).toBeLessThanOrEqual(START_UP_JS_BUDGET);
});
