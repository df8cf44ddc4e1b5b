import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from '../fixtures';
import { UsePanel } from '../pages/use';

test('keys pasted in the closed "Paste keys instead" details: a public key, then its private key', async ({
  page,
}) => {
  const use = new UsePanel(page);
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await use.shell.goto();
  await use.open();
  const pairSelect = use.panel.getByLabel('Key pair');
  await expect(pairSelect.locator('option:checked')).toHaveText(
    'No key pair yet: generate one, or paste keys below',
  );

  // The fields are inside a closed <details>: its summary opens it.
  const publicField = use.panel.getByLabel('Public key (PEM)');
  await expect(publicField).toBeHidden();
  await use.panel.getByText('Paste keys instead', { exact: true }).click();
  await publicField.fill(publicKey.export({ format: 'pem', type: 'spki' }).toString());
  await use.panel.getByRole('button', { name: 'Use pasted keys' }).click();
  await expect(pairSelect.locator('option:checked')).toHaveText(
    'ECC_NIST_P256 · pasted (public key only)',
  );
  await expect(use.panel.getByRole('button', { name: 'Sign', exact: true })).toBeDisabled();

  // Its private key completes the same pair.
  await publicField.fill('');
  await use.panel
    .getByLabel('Private key (PEM)')
    .fill(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  await use.panel.getByRole('button', { name: 'Use pasted keys' }).click();
  await expect(pairSelect.locator('option:checked')).toHaveText('ECC_NIST_P256 · pasted');
  await expect(pairSelect.locator('option')).toHaveCount(1);
  await use.sign('ECDSA_SHA_256', 'pasted and signed');
  await use.verify();
  await expect(use.verifyResult).toHaveText('Valid signature');
});
