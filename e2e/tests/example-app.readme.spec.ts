import { DecryptCommand } from '@aws-sdk/client-kms';
import { expect, test } from '@kms-lab/playwright';

// Relative to playwright.config.ts: local-kms's README example (alias/testing).
test.use({ kmsSeed: { file: 'example-app/seed.yaml' } });

for (const kmsMode of ['page', 'server'] as const) {
  test.describe(`${kmsMode} mode`, () => {
    test.use({ kmsMode });

    test('the app encrypts under the seeded alias', async ({ page, kms }) => {
      // The app under test takes its KMS endpoint from the URL.
      await page.goto(`/?endpoint=${encodeURIComponent(kms.endpoint)}`);
      await page.getByRole('textbox', { name: 'Message' }).fill('from the page');
      await page.getByRole('button', { name: 'Encrypt and decrypt' }).click();
      await expect(page.getByRole('status')).toHaveText(/decrypted: from the page$/);

      // The test reaches the same KMS: it decrypts what the page shows.
      const shown = await page.getByRole('textbox', { name: 'Ciphertext (base64)' }).inputValue();
      const { Plaintext } = await kms
        .client()
        .send(new DecryptCommand({ CiphertextBlob: Buffer.from(shown, 'base64') }));
      expect(Buffer.from(Plaintext ?? []).toString()).toBe('from the page');
    });
  });
}
