import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { KeysPanel } from '../pages/keys';
import { pemDer } from '../support/node-keys';

/** The canonical encryption context of docs/ciphertext-format.md, written here from the page. */
function canonicalContext(context: Record<string, string>): Buffer {
  const u32 = (value: number) =>
    Buffer.from([0, 0, 0, 0].map((_, i) => (value >>> (24 - 8 * i)) & 255));
  const entries = Object.entries(context).sort(([a], [b]) =>
    Buffer.compare(Buffer.from(a), Buffer.from(b)),
  );
  return Buffer.concat([
    u32(entries.length),
    ...entries.flatMap(([key, value]) => [
      u32(Buffer.byteLength(key)),
      Buffer.from(key),
      u32(Buffer.byteLength(value)),
      Buffer.from(value),
    ]),
  ]);
}

const spaced = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');

test('each artifact says its role; one encoding at a time, switched; structure views start collapsed', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/roles');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/roles',
  });

  await expect(generate.field('PublicKey').getByTestId('PublicKey-role')).toHaveText('share this');
  await expect(
    generate.field('PrivateKeyCiphertextBlob').getByTestId('PrivateKeyCiphertextBlob-role'),
  ).toHaveText('store this next to your data');
  await expect(
    generate.field('PrivateKeyPlaintext').getByTestId('PrivateKeyPlaintext-role'),
  ).toHaveText('use, then forget');

  // One encoding shown at a time: PEM first for a key, base64 for the blob.
  const publicKey = generate.field('PublicKey');
  const encodings = publicKey.getByRole('radiogroup', { name: 'PublicKey encoding' });
  await expect(encodings.getByRole('radio')).toHaveCount(3);
  await expect(encodings.getByRole('radio', { name: 'PEM' })).toBeChecked();
  await expect(publicKey.getByRole('textbox')).toHaveCount(1);
  const der = pemDer(await publicKey.getByLabel('PublicKey PEM').inputValue());
  await encodings.getByRole('radio', { name: 'base64' }).check();
  await expect(publicKey.getByTestId('PublicKey-pem')).toHaveCount(0);
  await expect(publicKey.getByLabel('PublicKey base64')).toHaveValue(der.toString('base64'));
  await expect(publicKey.getByRole('button', { name: 'Copy PublicKey base64' })).toBeVisible();
  await encodings.getByRole('radio', { name: 'hex' }).check();
  await expect(publicKey.getByLabel('PublicKey hex')).toHaveValue(der.toString('hex'));
  const blobField = generate.field('PrivateKeyCiphertextBlob');
  await expect(
    blobField
      .getByRole('radiogroup', { name: 'PrivateKeyCiphertextBlob encoding' })
      .getByRole('radio'),
  ).toHaveCount(2);
  await expect(blobField.getByRole('radio', { name: 'base64' })).toBeChecked();

  // The ASN.1 tree, the blob layout and the hex dumps wait until asked for.
  await expect(generate.response.getByRole('tree')).toHaveCount(0);
  await expect(
    generate.response.getByRole('table', { name: 'Ciphertext blob fields' }),
  ).toHaveCount(0);
  const show = publicKey.getByRole('button', { name: 'Show PublicKey structure' });
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await show.click();
  await expect(publicKey.getByRole('tree', { name: 'ASN.1 of PublicKey' })).toBeVisible();
  await expect(publicKey.getByRole('button', { name: 'Hide PublicKey structure' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );

  await generate.decryptThisBlob();
  await decrypt.decrypt();
  await expect(decrypt.output.getByTestId('PrivateKey-role')).toHaveText('use, then forget');
});

test('the ciphertext blob explained byte by byte: each field, its bytes, what they say and why', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  await keys.shell.goto();
  const keyId = await keys.createKey('alias/bytes');
  const context = { tenant: 'acme', Department: 'Ünïcode' };
  await generate.generate({
    operation: 'GenerateDataKeyPairWithoutPlaintext',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/bytes',
    encryptionContext: context,
  });
  const blob = Buffer.from(await generate.read('PrivateKeyCiphertextBlob', 'base64'), 'base64');
  const keyMaterialId = await generate.keyMaterialId();
  await generate.showStructure('PrivateKeyCiphertextBlob');
  const table = generate.response.getByRole('table', { name: 'Ciphertext blob fields' });
  const row = (field: string) => table.locator(`[data-testid="blob-field"][data-field="${field}"]`);
  const bytesOf = (field: string) => row(field).getByTestId('blob-field-bytes');

  // docs/ciphertext-format.md, field by field, against the blob's own bytes.
  const L = keyId.length;
  await expect(table.getByTestId('blob-field')).toHaveCount(10);
  await expect(bytesOf('magic')).toHaveText('4b 4c');
  await expect(row('magic').getByTestId('blob-field-value')).toHaveText('"KL"');
  await expect(row('magic').getByTestId('blob-field-why')).toContainText('mark a KMS Lab blob');
  await expect(bytesOf('version')).toHaveText('01');
  await expect(bytesOf('AAD kind')).toHaveText('00');
  await expect(row('AAD kind').getByTestId('blob-field-value')).toHaveText(
    '0: AWS encryption context',
  );
  await expect(bytesOf('key ID length')).toHaveText(L.toString(16).padStart(2, '0'));
  await expect(bytesOf('key ID')).toHaveText(
    `${spaced(Buffer.from(keyId.slice(0, 16)))} … (${L} bytes)`,
  );
  await expect(row('key ID').getByTestId('blob-field-why')).toContainText('Decrypt needs no KeyId');
  await expect(row('key material ID').getByTestId('blob-field-value')).toHaveText(keyMaterialId);
  await expect(row('key material ID').getByTestId('blob-field-why')).toContainText('rotation');
  await expect(bytesOf('IV')).toHaveText(spaced(blob.subarray(37 + L, 49 + L)));
  await expect(bytesOf('CRC-32')).toHaveText(spaced(blob.subarray(49 + L, 53 + L)));
  await expect(row('CRC-32').getByTestId('blob-field-why')).toContainText(
    `the ${49 + L} bytes before it`,
  );
  await expect(bytesOf('tag')).toHaveText(spaced(blob.subarray(-16)));
  await expect(row('tag').getByTestId('blob-field-why')).toContainText(
    'InvalidCiphertextException',
  );

  // What the tag authenticates: the header, then the canonical context, in bytes.
  await expect(generate.response.getByTestId('blob-aad')).toContainText(
    `the first ${53 + L} bytes, CRC-32 included) followed by the encryption context's ${canonicalContext(context).length} bytes ${spaced(canonicalContext(context))}`,
  );

  // A field's button marks its bytes in the hex dump.
  await row('IV').getByRole('button', { name: 'Show IV bytes' }).click();
  await expect(
    generate.response.getByTestId('PrivateKeyCiphertextBlob-hexview').locator('mark'),
  ).toContainText(spaced(blob.subarray(37 + L, 40 + L)));
});
