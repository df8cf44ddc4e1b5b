import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { HistoryPanel } from '../pages/history';
import { KeysPanel } from '../pages/keys';
import { LabFileSection } from '../pages/lab-file';

interface FileKey {
  keyId: string;
  exportable: boolean;
  materials: { material?: string }[];
}

test('a lab exported with master keys replays in another browser: History, keys and aliases come back, blobs under the exportable key decrypt, one under a key that was not exportable fails and says why', async ({
  page,
  browser,
  baseURL,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const labFile = new LabFileSection(page);
  await keys.shell.goto();
  const portable = await keys.createExportableKey('alias/portable', 'Moves with the demo');
  await expect(keys.details.getByTestId('selected-key-exportable')).toHaveText(
    'Exportable: a lab file exported with master keys carries it',
  );
  const local = await keys.createKey('alias/local', 'Stays here');
  await expect(keys.details.getByTestId('selected-key-exportable')).toHaveText(
    'Not exportable: it never leaves this browser',
  );
  for (const masterKey of ['alias/portable', 'alias/local'])
    await generate.generate({
      operation: 'GenerateDataKeyPair',
      keyPairSpec: 'ECC_NIST_P256',
      masterKey,
      encryptionContext: { demo: 'moved' },
    });

  // Without master keys: no key material at all.
  const plain = await labFile.export();
  expect(plain.name).toMatch(/^kms-lab-[0-9T-]+\.json$/);
  const plainFile = JSON.parse(plain.text) as { keys: FileKey[]; history: unknown[] };
  expect(plain.text).not.toContain('"material"');
  expect(plainFile.history).toHaveLength(2);

  // With master keys, after the confirmation: the exportable key's material only.
  await labFile.exportWithKeys.click();
  await expect(labFile.root.getByRole('group')).toContainText(
    'The file will contain the key material of 1 exportable key',
  );
  await labFile.cancel.click();
  await expect(labFile.confirmWithKeys).toHaveCount(0);
  const withKeys = await labFile.export(true);
  expect(withKeys.name).toMatch(/-with-master-keys\.json$/);
  const file = JSON.parse(withKeys.text) as { keys: FileKey[] };
  const byId = new Map(file.keys.map((key) => [key.keyId, key]));
  expect(byId.get(portable)?.exportable).toBe(true);
  expect(byId.get(portable)?.materials.every((each) => each.material?.length === 44)).toBe(true);
  expect(byId.get(local)?.materials.some((each) => each.material !== undefined)).toBe(false);
  expect(withKeys.text, 'never a plaintext private key').not.toMatch(/plaintext|BEGIN PRIVATE/i);

  // Another browser context: a different machine's browser, with an empty IndexedDB.
  const other = await browser.newContext({ baseURL });
  const there = await other.newPage();
  const errors: string[] = [];
  there.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const thereLab = new LabFileSection(there);
  const thereHistory = new HistoryPanel(there);
  const thereDecrypt = new DecryptPanel(there);
  const thereKeys = new KeysPanel(there);
  await thereLab.shell.goto();
  await thereLab.import(withKeys.text, withKeys.name);
  await expect(thereLab.result).toHaveText(
    'Imported. 2 History entries added; with their key material: alias/portable; without key material (blobs under them cannot be decrypted here): alias/local.',
  );
  await expect(thereHistory.rows).toHaveCount(2);

  // The exportable key's blob decrypts there, and matches its History entry.
  const rows = await thereHistory.rows.evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.getAttribute('data-history-id') as string,
      text: element.textContent ?? '',
    })),
  );
  // A row shows the start of its master key's ID.
  const portableRow = rows.find((row) => row.text.includes(portable.slice(0, 8)));
  const localRow = rows.find((row) => row.text.includes(local.slice(0, 8)));
  if (!portableRow || !localRow) throw new Error(`rows: ${JSON.stringify(rows)}`);
  await thereHistory.decryptEntry(portableRow.id);
  await thereDecrypt.decrypt();
  await expect(thereDecrypt.failure.root).toHaveCount(0);
  await expect(thereDecrypt.historyMatch).toContainText(
    `Matches the public key of history entry #${portableRow.id}`,
  );

  // The other key's blob: NotFoundException, explained.
  await thereHistory.open();
  await thereHistory.decryptEntry(localRow.id);
  await thereDecrypt.decrypt();
  await expect(thereDecrypt.failure.name).toHaveText('NotFoundException');
  await expect(thereDecrypt.failure.explanation).toHaveText(
    `This blob was made under alias/local (${local}), which came from a lab file without its key material (the key was not made exportable). Only the browser that made it, or a lab file exported there with master keys from an exportable key, can decrypt it.`,
  );

  // The Keys screen: the portable key with its alias, the other listed as missing.
  await thereKeys.open();
  await expect(thereKeys.rowOf('alias/portable')).toHaveCount(1);
  await expect(there.getByTestId('missing-key')).toHaveText([/^alias\/local SYMMETRIC_DEFAULT/]);

  // Importing the same file again adds nothing twice.
  await thereLab.import(withKeys.text);
  await expect(thereLab.result).toContainText('0 History entries added; 2 entries already here');
  // The two imported, and the two Decrypts made there.
  await expect(thereHistory.rows).toHaveCount(4);
  expect(errors).toEqual([]);
  await other.close();
});

test('a bad or unknown-version lab file is refused with a clear error, and nothing already stored is lost', async ({
  page,
}) => {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const history = new HistoryPanel(page);
  const labFile = new LabFileSection(page);
  await keys.shell.goto();
  await keys.createKey('alias/here');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/here',
  });
  await labFile.open();
  await expect(labFile.exportWithKeys).toBeDisabled();
  await expect(labFile.exportWithKeys).toHaveAccessibleDescription(
    "Export with master keys needs a key made exportable (the Keys screen's Create form).",
  );
  const good = JSON.parse((await labFile.export()).text) as Record<string, unknown>;

  const cases: [string, string][] = [
    ['not json {', 'This is not a KMS Lab lab file: it is not JSON.'],
    [
      JSON.stringify({ ...good, version: 2 }),
      'This lab file is version 2; this KMS Lab reads version 1 only. Nothing was imported.',
    ],
    [
      JSON.stringify({ ...good, format: 'something-else' }),
      'This is not a KMS Lab lab file: its "format" is "something-else", not "kms-lab/lab-state".',
    ],
    [JSON.stringify({ ...good, extra: true }), 'This lab file is damaged: extra'],
    [
      JSON.stringify({
        ...good,
        history: [{ ...(good.history as object[])[0], privateKeyPlaintext: 'AAAA' }],
      }),
      'This lab file is damaged: history.0.privateKeyPlaintext',
    ],
  ];
  for (const [text, message] of cases) {
    await labFile.import(text);
    await expect(labFile.error).toContainText(message);
    await expect(labFile.result).toHaveText('');
  }
  await expect(history.rows).toHaveCount(1);
  await keys.open();
  await expect(keys.rows).toHaveCount(1);
});
