import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app';
import { KeysPanel } from '../pages/keys';

test('a new browser context starts with no keys', async ({ page }) => {
  await new AppShell(page).goto();
  await expect(page.getByTestId('no-keys')).toBeVisible();
});

test('keys and aliases survive a reload', async ({ page }) => {
  const keys = new KeysPanel(page);
  await keys.shell.goto();
  const first = await keys.createKey('alias/persist-one', 'first key');
  const second = await keys.createKey('persist-two');
  await page.reload();
  await expect(keys.rows).toHaveCount(2);
  await expect(keys.rowOf('alias/persist-one')).toHaveAttribute('data-key-id', first);
  await expect(keys.rowOf('alias/persist-two')).toHaveAttribute('data-key-id', second);
  await keys.select('alias/persist-one');
  await expect(keys.details.getByTestId('selected-key-id')).toHaveText(first);
  await expect(keys.details.getByTestId('selected-key-state')).toHaveText('Enabled');
  await expect(keys.details).toContainText('first key');
});

test('a key created in one tab appears in another without a reload', async ({ context }) => {
  const [one, two] = [await context.newPage(), await context.newPage()];
  const keysOne = new KeysPanel(one);
  const keysTwo = new KeysPanel(two);
  await keysOne.shell.goto();
  await keysTwo.shell.goto();
  await expect(two.getByTestId('no-keys')).toBeVisible();

  const keyId = await keysOne.createKey('alias/shared');
  await expect(keysTwo.rowOf('alias/shared')).toHaveAttribute('data-key-id', keyId);

  // And back: a change made in the second tab reaches the first.
  await keysTwo.select('alias/shared');
  await keysTwo.details.getByRole('button', { name: 'Disable key', exact: true }).click();
  await expect(keysOne.rowOf('alias/shared').getByTestId('key-state')).toHaveText('Disabled');
});
