import { expect, test } from '../fixtures';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { KeyAccess } from '../pages/key-access';
import { checkGrantsAndPolicyStates, DESKTOP, PHONE } from '../support/every-screen';
import { tabTo } from '../support/keyboard';
import { stateChecker } from '../support/state-checks';

const WORKER = 'arn:aws:iam::111122223333:role/Worker';

test('a grant for GenerateDataKeyPair: created, listed, its token used, a made-up one refused, retired and revoked', async ({
  page,
}) => {
  const access = new KeyAccess(page);
  const generate = new GeneratePanel(page);
  await access.keys.shell.goto();
  await access.keys.createKey('alias/granted');
  await access.keys.select('alias/granted');
  await access.openGrants();
  await expect(access.grants.getByTestId('no-grants')).toBeVisible();
  // Only the operations a grant on a symmetric encryption key may allow are offered.
  await expect(access.grantForm.getByRole('checkbox', { name: 'Sign', exact: true })).toHaveCount(
    0,
  );

  const token = await access.createGrant({
    grantee: WORKER,
    operations: ['GenerateDataKeyPair'],
    name: 'worker-pairs',
    constraint: { kind: 'EncryptionContextSubset', context: { tenant: 'acme' } },
  });
  expect(token.length).toBeGreaterThan(40);
  const row = access.grantRow('worker-pairs');
  await expect(row).toContainText(WORKER);
  await expect(row.getByTestId('grant-operations')).toHaveText('GenerateDataKeyPair');
  await expect(row).toContainText('EncryptionContextSubset tenant=acme');
  // CreateGrant's equivalent code names the operation and the constraint.
  const cli = access.keys.shell.panel.getByTestId('snippet-aws-cli');
  await expect(cli).toContainText('aws kms create-grant');
  await expect(cli).toContainText('"EncryptionContextSubset":{"tenant":"acme"}');

  // The real token is accepted; a made-up one is refused and explained.
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/granted',
    encryptionContext: { tenant: 'acme', purpose: 'grant-token' },
    grantTokens: [token],
  });
  await expect(generate.failure.root).toHaveCount(0);
  await expect(generate.response).toBeVisible();
  await expect(generate.panel.getByTestId('snippet-aws-cli')).toContainText(
    `--grant-tokens '["${token}"]'`,
  );
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/granted',
    grantTokens: ['AQIDBAUGBwgJCgsMDQ4PEA-made-up'],
  });
  await expect(generate.failure.name).toHaveText('InvalidGrantTokenException');
  await expect(generate.failure.explanation).toContainText('not one CreateGrant returned');

  // Decrypt takes grant tokens too: a made-up one is refused there as well.
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/granted',
    grantTokens: [],
  });
  await generate.decryptThisBlob();
  const decrypt = new DecryptPanel(page);
  await decrypt.panel.getByLabel('Grant tokens (optional, one per line)').fill('made-up');
  await decrypt.decrypt();
  await expect(decrypt.failure.name).toHaveText('InvalidGrantTokenException');
  await decrypt.panel.getByLabel('Grant tokens (optional, one per line)').fill(token);
  await decrypt.decrypt();
  await expect(decrypt.failure.root).toHaveCount(0);

  // Retire one grant and revoke another: the list empties, and the token stops working.
  await access.keys.select('alias/granted');
  await access.openGrants();
  await access.createGrant({ grantee: WORKER, operations: ['Decrypt'], name: 'worker-decrypt' });
  await expect(access.grantRows).toHaveCount(2);
  await access.retire('worker-pairs');
  await expect(access.grantRows).toHaveCount(1);
  await access.revoke('worker-decrypt');
  await expect(access.grantRows).toHaveCount(0);
  await expect(access.grants.getByTestId('no-grants')).toBeVisible();
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/granted',
    encryptionContext: { tenant: 'acme' },
    grantTokens: [token],
  });
  await expect(generate.failure.name).toHaveText('InvalidGrantTokenException');
  await expect(generate.failure.message).toContainText('retired or revoked');
});

test('the key policy: the default names the account root, an edited one is put and read back, a malformed one is refused', async ({
  page,
}) => {
  const access = new KeyAccess(page);
  await access.keys.shell.goto();
  await access.keys.createKey('alias/policed');
  await access.keys.select('alias/policed');
  await access.openPolicy();
  await expect(access.policy).toContainText('does not enforce it in the browser');
  const original = await access.currentPolicy();
  expect(JSON.stringify(original.Statement[0]?.Principal)).toMatch(/arn:aws:iam::\d{12}:root/);

  // Check JSON points at a syntax error before anything is sent.
  await access.policyEditor.fill('{\n  "Version": "2012-10-17"\n  "Statement": []\n}');
  await expect(access.policyCheck).toHaveText(/line 3, column 3: ',' expected/);
  await expect(access.policy.getByRole('button', { name: 'Put key policy' })).toBeDisabled();

  const edited = {
    ...original,
    Statement: [
      ...original.Statement,
      {
        Sid: 'Allow the worker to make data key pairs',
        Effect: 'Allow',
        Principal: { AWS: WORKER },
        Action: 'kms:GenerateDataKeyPair',
        Resource: '*',
      },
    ],
  };
  await access.putPolicy(JSON.stringify(edited, null, 2));
  await expect(access.policyFailure.root).toHaveCount(0);
  await expect(access.policyText).toContainText('Allow the worker to make data key pairs');
  await expect(access.keys.shell.panel.getByTestId('snippet-aws-cli')).toContainText(
    'aws kms put-key-policy',
  );
  await page.reload();
  await access.keys.select('alias/policed');
  expect((await access.currentPolicy()).Statement.map((statement) => statement.Sid)).toEqual(
    edited.Statement.map((statement) => statement.Sid),
  );

  await access.policy.getByRole('button', { name: 'Get key policy' }).click();
  await expect(access.keys.shell.panel.getByTestId('snippet-aws-cli')).toContainText(
    'aws kms get-key-policy',
  );

  // Valid JSON the engine refuses: its exception, explained.
  await access.putPolicy('{ "Version": "2012-10-17", "Statement": [] }');
  await expect(access.policyFailure.name).toHaveText('MalformedPolicyDocumentException');
  await expect(access.policyFailure.explanation).toContainText('not one KMS accepts');
  await expect(access.policyText).toContainText('Allow the worker to make data key pairs');
});

test('grants and the key policy are reachable by keyboard', async ({ page }) => {
  const access = new KeyAccess(page);
  await access.keys.shell.goto();
  await access.keys.createKey('alias/keyboard');
  await access.keys.select('alias/keyboard');
  const grantsSummary = access.grants.locator('summary');
  await tabTo(page, grantsSummary, 120);
  await page.keyboard.press('Enter');
  await expect(access.grants).toHaveAttribute('open', '');
  await tabTo(page, access.grantForm.getByLabel('Grantee principal'));
  await page.keyboard.type(WORKER);
  await tabTo(page, access.grantForm.getByRole('checkbox', { name: 'Decrypt', exact: true }));
  await page.keyboard.press('Space');
  await tabTo(page, access.grantForm.getByRole('button', { name: 'Create grant' }), 60);
  await page.keyboard.press('Enter');
  await expect(access.grantRows).toHaveCount(1);
  await tabTo(page, access.policy.locator('summary'), 60);
  await page.keyboard.press('Enter');
  await expect(access.policy).toHaveAttribute('open', '');
  await tabTo(page, access.policyEditor, 20);
});

// The states grants and policies add: axe finds nothing at a phone's size (light and dark)
// and a desktop's, and nothing scrolls sideways or leaves its card from 360 to 1920 px.
for (const viewport of [PHONE, DESKTOP]) {
  test(`grants and key policy states at ${viewport.width}x${viewport.height}: no axe violation, no sideways scroll 360 to 1920 px`, async ({
    page,
  }) => {
    test.slow();
    await page.setViewportSize(viewport);
    const found: string[] = [];
    await checkGrantsAndPolicyStates(page, stateChecker(page, viewport, found));
    expect(found).toEqual([]);
  });
}
