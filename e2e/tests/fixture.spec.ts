import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app';

// The watch fixture must really catch what it claims to: each kind of problem is caused
// on purpose here and must show up in the record (then it is let through).
test('the watch fixture records console errors, page errors, CSP violations, other origins', async ({
  page,
  context,
  watch,
}) => {
  await new AppShell(page).goto();
  expect(watch.problems).toEqual([]);
  const seen = () => watch.problems.join('\n');

  await page.evaluate(() => console.error('deliberate console error'));
  await expect.poll(seen).toContain('console error: deliberate console error');

  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('deliberate page error');
    });
  });
  await expect.poll(seen).toContain('page error: Error: deliberate page error');

  await page.evaluate(() => {
    const source = "console.error('deliberate worker error')";
    new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  });
  await expect.poll(seen).toContain('console error: deliberate worker error');

  // An inline script: the app's CSP (script-src 'self') must refuse it, and say so.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
  });
  await expect.poll(seen).toMatch(/CSP violation: script-src(-elem)? blocked inline/);
  expect(await page.evaluate(() => '__inlineRan' in window)).toBe(false);

  // Another origin, outside the CSP's reach (a new tab's navigation): refused and recorded.
  const other = await context.newPage();
  await other.goto('https://example.com/').catch(() => undefined);
  await expect.poll(seen).toContain('request to another origin: https://example.com/');

  watch.ignore(/deliberate|Content Security Policy|CSP violation|example\.com/);
});
