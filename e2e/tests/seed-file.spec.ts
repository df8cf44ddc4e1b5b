import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createKms } from '@kms-lab/core';
import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { SeedFileSection } from '../pages/seed-file';

/** local-kms's README example 1 (packages/core/test/fixtures/seeds/), unchanged. */
const LOCAL_KMS_SEED = readFileSync(
  new URL('../../packages/core/test/fixtures/seeds/local-kms-readme-simple.yaml', import.meta.url),
  'utf8',
);
const AES_ID = 'bc436485-5092-42b8-92a3-0aa8b93536dc';
const ECC_ID = '800d5768-3fd7-4edd-a4b8-4c81c3e4c147';

test('a local-kms seed imported into the tab decrypts what a Node engine seeded from it encrypted; imported again, it changes nothing', async ({
  page,
}) => {
  // The other implementation: KMS Lab's engine in Node, from the same file.
  const node = createKms({ seed: LOCAL_KMS_SEED });
  const pair = await node.generateDataKeyPair({
    KeyId: 'alias/testing',
    KeyPairSpec: 'ECC_NIST_P256',
  });
  const seedFile = new SeedFileSection(page);
  await seedFile.shell.goto();
  await seedFile.import(LOCAL_KMS_SEED, 'seed.yaml');
  await expect(seedFile.result).toHaveText(
    `Created 2 keys (${AES_ID}, ${ECC_ID}) and 1 alias (alias/testing).`,
  );

  const decrypt = new DecryptPanel(page);
  await decrypt.open();
  await decrypt.fill(Buffer.from(pair.PrivateKeyCiphertextBlob ?? []).toString('base64'));
  await decrypt.decrypt();
  expect(await decrypt.keyId()).toContain(AES_ID);
  const shown = createPrivateKey(await decrypt.privateKeyPem());
  const made = createPrivateKey({
    key: Buffer.from(pair.PrivateKeyPlaintext ?? []),
    format: 'der',
    type: 'pkcs8',
  });
  expect(shown.export({ format: 'der', type: 'pkcs8' })).toEqual(
    made.export({ format: 'der', type: 'pkcs8' }),
  );

  await seedFile.import(LOCAL_KMS_SEED, 'seed.yaml');
  await expect(seedFile.result).toHaveText(
    `Created 0 keys and 0 aliases; already here, left as they are: ${AES_ID}, ${ECC_ID}, alias/testing.`,
  );
});

test('a seed file that cannot be used is refused with what was wrong, and nothing is imported', async ({
  page,
}) => {
  const seedFile = new SeedFileSection(page);
  await seedFile.shell.goto();
  await seedFile.import('Keys: [unclosed', 'broken.yaml');
  await expect(seedFile.error).toHaveText(
    /^broken\.yaml: not valid YAML or JSON: .+ Nothing was imported\.$/,
  );
  await expect(seedFile.result).toHaveText('');

  const shortKey = LOCAL_KMS_SEED.replace(/5cdaead2\w+/, '5cdaead2');
  await seedFile.import(shortKey, 'short-key.yaml');
  await expect(seedFile.error).toHaveText(
    `short-key.yaml: Keys.Symmetric.Aes[0] (key ${AES_ID}): BackingKeys[0] must be 64 hexadecimal digits (32 bytes); it has 8 characters. Nothing was imported.`,
  );
  await expect(seedFile.error).not.toContainText('5cdaead2');

  // Nothing of either reached the store: the valid file creates both keys afterwards.
  await seedFile.import(LOCAL_KMS_SEED);
  await expect(seedFile.result).toHaveText(
    `Created 2 keys (${AES_ID}, ${ECC_ID}) and 1 alias (alias/testing).`,
  );
  await expect(seedFile.error).toHaveCount(0);
});
