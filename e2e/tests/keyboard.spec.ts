import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { TourPanel } from '../pages/tour';
import { DESKTOP } from '../support/every-screen';
import { countPointerEvents, tabTo } from '../support/keyboard';

// Generation and decryption with Tab, Shift+Tab, Enter, Space and the arrow keys only: no
// mouse, no typing. The page counts pointer events to prove it.
test('a data key pair generated and decrypted by keyboard alone: Tab, Enter, Space and arrows', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  const tour = new TourPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  await generate.shell.goto();
  const pointer = await countPointerEvents(page);
  const press = async (key: string) => page.keyboard.press(key);

  // Leave the tour; focus returns to Start here.
  await tabTo(page, tour.button('Close the tour'));
  await press('Enter');
  await expect(tour.startHere).toBeFocused();

  // The screens are tabs: the arrow keys move between them.
  await tabTo(page, generate.shell.tab('Keys'));
  await press('ArrowRight');
  await expect(generate.shell.tab('Generate')).toBeFocused();
  await expect(generate.shell.tab('Generate')).toHaveAttribute('aria-selected', 'true');

  // No master key yet: the screen offers to make one, then focus moves on to Generate.
  await tabTo(page, generate.panel.getByRole('button', { name: 'Create a master key' }));
  await press('Enter');
  await expect(generate.panel.getByTestId('master-key-created')).toHaveText(
    'Created alias/demo: it is the master key below. Next: press Generate.',
  );
  const generateButton = generate.panel.getByRole('button', { name: 'Generate', exact: true });
  await expect(generateButton).toBeFocused();
  await expect(generate.panel.getByLabel('Master key')).toHaveValue('alias/demo');

  // Another spec with the arrow keys, then Generate with Enter.
  const spec = generate.panel.getByLabel('Key pair spec');
  await tabTo(page, spec);
  await expect(spec).toHaveValue('ECC_NIST_P256');
  await press('ArrowDown');
  await expect(spec).toHaveValue('ECC_NIST_P384');
  await tabTo(page, generateButton);
  await press('Enter');
  const responseHeading = generate.response.getByRole('heading', { name: 'Response' });
  await expect(responseHeading).toBeFocused();
  await expect(generate.response.getByTestId('response-key-pair-spec')).toHaveText('ECC_NIST_P384');

  // The public key in hex: the encoding switch is a radio group, moved with the arrows.
  await tabTo(page, generate.field('PublicKey').getByRole('radio', { name: 'PEM' }));
  await press('ArrowRight');
  await press('ArrowRight');
  await expect(generate.field('PublicKey').getByRole('radio', { name: 'hex' })).toBeChecked();
  await expect(generate.field('PublicKey').getByLabel('PublicKey hex')).toHaveValue(
    /^3076301006072a8648ce3d020106052b81040022036200/,
  );

  // Decrypt this blob: the Decrypt screen opens with the blob; Decrypt with Enter.
  await tabTo(page, generate.response.getByRole('button', { name: 'Decrypt this blob' }));
  await press('Enter');
  await expect(decrypt.shell.tab('Decrypt')).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, decrypt.panel.getByRole('button', { name: 'Decrypt', exact: true }));
  await press('Enter');
  const decryptedHeading = decrypt.output.getByRole('heading', { name: 'Decrypted private key' });
  await expect(decryptedHeading).toBeFocused();
  await expect(decrypt.historyMatch).toContainText('Matches the public key of history entry #1');

  // Reveal with Space; PEM to base64 with an arrow; the ASN.1 tree with arrows and Enter.
  await tabTo(page, decrypt.output.getByRole('button', { name: 'Reveal PrivateKey' }));
  await press('Space');
  await expect(decrypt.output.getByLabel('PrivateKey PEM')).toHaveValue(/BEGIN PRIVATE KEY/);
  await tabTo(page, decrypt.output.getByRole('radio', { name: 'PEM' }));
  await press('ArrowRight');
  await expect(decrypt.output.getByTestId('PrivateKey-base64')).toBeVisible();
  await expect(decrypt.output.getByTestId('PrivateKey-pem')).toHaveCount(0);
  await tabTo(page, decrypt.output.getByRole('button', { name: 'Show PrivateKey structure' }));
  await press('Enter');
  const tree = decrypt.output.getByRole('tree', { name: 'ASN.1 of PrivateKey' });
  await tabTo(page, tree.getByRole('treeitem').first());
  await press('ArrowDown');
  await press('Space');
  await expect(tree.getByRole('treeitem').nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(decrypt.output.getByTestId('PrivateKey-hexview').locator('mark')).toHaveText(
    '02 01 00',
  );

  expect(await pointer(), 'pointer events').toBe(0);
});
