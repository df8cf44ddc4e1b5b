import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app';
import { KeysPanel } from '../pages/keys';

test('a tab left open across a rebuild reloads once when a code chunk is gone', async ({
  page,
  watch,
}) => {
  // The browser logs the missing chunk's 404 as a console error: that is this test's point.
  watch.ignore(/404|Failed to fetch dynamically imported module|Failed to load resource/);
  const keys = new KeysPanel(page);
  await keys.shell.goto();
  const keyId = await keys.createKey('alias/before-update');

  // As after a rebuild: the Generate screen's chunk (loaded on demand) no longer exists.
  await page.route(/\/assets\/GeneratePanel-[^/]+\.js$/, (route) =>
    route.fulfill({ status: 404, body: 'gone' }),
  );
  const reloaded = page.waitForEvent('load');
  await new AppShell(page).open('Generate');
  await reloaded;
  await page.unroute(/\/assets\/GeneratePanel-[^/]+\.js$/);

  // The reloaded tab has the new build and the keys, which live in IndexedDB.
  await new AppShell(page).open('Generate');
  await expect(page.getByRole('tabpanel').getByLabel('Operation')).toBeVisible();
  await new AppShell(page).open('Keys');
  await expect(keys.rowOf('alias/before-update')).toHaveAttribute('data-key-id', keyId);
});
