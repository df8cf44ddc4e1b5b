import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { KeysPanel } from '../pages/keys';

/** Records every scrollIntoView call's options, to see whether the app asked for a smooth one. */
async function recordScrolls(page: Page) {
  await page.addInitScript(() => {
    const calls: unknown[] = [];
    Object.assign(window, { __kmsLabScrolls: calls });
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (
      this: Element,
      options?: boolean | ScrollIntoViewOptions,
    ) {
      calls.push(options);
      original.call(this, options);
    };
  });
  return () =>
    page.evaluate(() => (window as unknown as { __kmsLabScrolls: unknown[] }).__kmsLabScrolls);
}

test('adding or removing a context pair moves focus to a key field', async ({ page }) => {
  const generate = new GeneratePanel(page);
  await generate.shell.goto();
  await generate.open();
  const add = generate.panel.getByRole('button', { name: 'Add context pair' });
  await add.click();
  await expect(generate.panel.getByLabel('Context key 1')).toBeFocused();
  await page.keyboard.type('tenant');
  await add.click();
  await expect(generate.panel.getByLabel('Context key 2')).toBeFocused();
  await page.keyboard.type('purpose');
  // The first pair goes; the second takes its place, and focus.
  await generate.panel.getByRole('button', { name: 'Remove context pair 1' }).click();
  await expect(generate.panel.getByLabel('Context key 1')).toBeFocused();
  await expect(generate.panel.getByLabel('Context key 1')).toHaveValue('purpose');
  await generate.panel.getByRole('button', { name: 'Remove context pair 1' }).click();
  await expect(add).toBeFocused();
});

test('a new response takes focus at its heading and scrolls into view; coming back leaves focus alone', async ({
  page,
}) => {
  const scrolls = await recordScrolls(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/focus');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/focus',
  });
  const responseHeading = generate.response.getByRole('heading', { name: 'Response' });
  await expect(responseHeading).toBeFocused();
  await expect(responseHeading).toBeInViewport();
  expect(await scrolls()).toEqual([{ behavior: 'smooth', block: 'start' }]);

  // The ASN.1 tree by keyboard (collapsed until asked for): each item is named by all it
  // shows, its byte range too.
  await generate.showStructure('PublicKey');
  const tree = generate.field('PublicKey').getByRole('tree', { name: 'ASN.1 of PublicKey' });
  const oid = tree.getByRole('treeitem', {
    name: 'algorithm OBJECT IDENTIFIER id-ecPublicKey (1.2.840.10045.2.1) [4..13)',
    exact: true,
  });
  await expect(oid).toHaveAttribute('aria-level', '3');
  await tree.getByRole('treeitem').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(oid).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(oid).toHaveAttribute('aria-selected', 'true');
  await expect(generate.response.getByTestId('PublicKey-hexview').locator('mark')).toHaveText(
    '06 07 2a 86 48 ce 3d 02 01',
  );

  await generate.decryptThisBlob();
  await decrypt.decrypt();
  const decryptedHeading = decrypt.output.getByRole('heading', { name: 'Decrypted private key' });
  await expect(decryptedHeading).toBeFocused();
  await expect(decryptedHeading).toBeInViewport();

  // The same response, shown again after a look at another screen, does not pull focus.
  await generate.shell.tab('Generate').click();
  await expect(responseHeading).toBeVisible();
  await expect(generate.shell.tab('Generate')).toBeFocused();
  expect(await scrolls()).toHaveLength(2);
});

test('with reduced motion the response scrolls into view at once, not smoothly', async ({
  page,
}) => {
  const scrolls = await recordScrolls(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/still');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/still',
  });
  await expect(generate.response.getByRole('heading', { name: 'Response' })).toBeFocused();
  expect(await scrolls()).toEqual([{ behavior: 'auto', block: 'start' }]);
  const motion = await page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return { scroll: style.scrollBehavior, animation: style.animationName };
  });
  expect(motion).toEqual({ scroll: 'auto', animation: 'none' });
});
