import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DecryptCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { createKms } from '@kms-lab/core';
import { test as kmsTest } from '@kms-lab/playwright';
import { mergeTests } from '@playwright/test';
import { expect, test as watchedTest } from '../fixtures';
import { ExampleAppPage } from '../pages/example-app';

/**
 * @kms-lab/playwright's example: the sample app (example-app/) calls AWS KMS with the SDK
 * in the browser; each test gets a KMS seeded with local-kms's README example, in the page
 * (page.route to an engine in this process) and from a real `kms-lab serve` (the worker's).
 * The watch fixture still fails a test on a console error or a request to any other origin
 * than the app's and the KMS endpoint's.
 */
const test = mergeTests(watchedTest, kmsTest).extend({
  otherOrigins: async ({ kms }, use) => use([new URL(kms.endpoint).origin]),
});

const SEED = fileURLToPath(new URL('../example-app/seed.yaml', import.meta.url));
const SEEDED_KEY_ID = 'bc436485-5092-42b8-92a3-0aa8b93536dc';

test.use({ kmsSeed: { file: SEED } });

for (const mode of ['page', 'server'] as const) {
  test.describe(`${mode} mode`, () => {
    test.use({ kmsMode: mode });

    test('the app encrypts under the seeded alias; the test decrypts what the page shows', async ({
      page,
      kms,
    }) => {
      expect(kms.mode).toBe(mode);
      const app = new ExampleAppPage(page);
      await app.open(kms.endpoint);
      await app.encrypt('alias/testing', 'a secret from the page');
      const keyArn = `arn:aws:kms:us-east-1:111122223333:key/${SEEDED_KEY_ID}`;
      await expect(app.status).toHaveText(
        `Encrypted under ${keyArn}; decrypted: a secret from the page`,
      );
      const ciphertext = await app.ciphertextBytes();
      const decrypted = await kms.client().send(new DecryptCommand({ CiphertextBlob: ciphertext }));
      expect(decrypted.KeyId).toBe(keyArn);
      expect(new TextDecoder().decode(decrypted.Plaintext)).toBe('a secret from the page');
      // The seed's material is the same everywhere: an engine of this process, from the same
      // file, decrypts the page's ciphertext too.
      const elsewhere = createKms({ seed: readFileSync(SEED, 'utf8') });
      const again = await elsewhere.decrypt({ CiphertextBlob: ciphertext });
      expect(new TextDecoder().decode(again.Plaintext)).toBe('a secret from the page');
    });

    test('a key the app creates is there for the test to assert on', async ({ page, kms }) => {
      const app = new ExampleAppPage(page);
      await app.open(kms.endpoint);
      await app.create(`made in ${mode} mode`);
      await expect(app.status).toHaveText(/^Created key [0-9a-f-]{36}$/);
      const keyId = ((await app.status.textContent()) ?? '').replace('Created key ', '');
      const { KeyMetadata } = await kms.client().send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(KeyMetadata?.Description).toBe(`made in ${mode} mode`);
      expect(KeyMetadata?.KeyState).toBe('Enabled');
      if (mode === 'page') {
        // Page mode: the engine itself is the test's, typed.
        const listed = await kms.engine.listKeys({});
        expect(listed.Keys?.map((key) => key.KeyId).sort()).toEqual(
          [SEEDED_KEY_ID, '800d5768-3fd7-4edd-a4b8-4c81c3e4c147', keyId].sort(),
        );
      } else {
        expect(() => kms.engine).toThrow(
          /in server mode the engine runs in the kms-lab serve process/,
        );
      }
    });

    test("the app shows KMS's error for a key that does not exist", async ({
      page,
      kms,
      watch,
    }) => {
      // The browser logs the 400 answer on the console: expected here.
      watch.ignore(/Failed to load resource: the server responded with a status of 400/);
      const app = new ExampleAppPage(page);
      await app.open(kms.endpoint);
      await app.encrypt('alias/missing', 'x');
      await expect(app.error).toHaveText(
        /^NotFoundException: Alias arn:aws:kms:us-east-1:111122223333:alias\/missing is not found\.$/,
      );
    });
  });
}
