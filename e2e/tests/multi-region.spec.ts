import { expect, test } from '../fixtures';
import { KeyRegions } from '../pages/key-regions';
import { DESKTOP, PHONE } from '../support/every-screen';
import { countPointerEvents, tabTo } from '../support/keyboard';
import { stateChecker } from '../support/state-checks';

test('a multi-Region key: replicated, encrypted in one Region and decrypted in the other, its primary moved, all kept across a reload', async ({
  page,
}) => {
  const regions = new KeyRegions(page);
  const keys = regions.keys;
  await keys.shell.goto();
  const keyId = await regions.createMultiRegionKey('alias/global');
  expect(keyId).toMatch(/^mrk-[0-9a-f]{32}$/);
  await expect(regions.primaryRegion).toHaveText('us-east-1');
  await expect(regions.entries).toHaveCount(1);

  await regions.replicateTo('eu-west-1');
  await expect(regions.entries).toHaveCount(2);
  await expect(regions.entries.first()).toContainText(`Primary in us-east-1`);
  await expect(regions.entries.nth(1)).toContainText(
    `arn:aws:kms:eu-west-1:111122223333:key/${keyId}`,
  );
  await expect(keys.details.getByTestId('selected-key-regions')).toHaveText(
    'eu-west-1, us-east-1 (primary)',
  );
  await expect(keys.rowOf('alias/global').getByTestId('key-row-regions')).toHaveText(
    'Regions: eu-west-1, us-east-1 (primary)',
  );
  // ReplicateKey, sent to the primary's Region, as the CLI and SDK would send it.
  const request = page.getByTestId('key-request').first();
  await expect(request.getByTestId('snippet-aws-cli')).toContainText(
    'aws kms replicate-key --region us-east-1',
  );
  await expect(request.getByTestId('snippet-aws-cli')).toContainText('--replica-region eu-west-1');
  await expect(request.getByTestId('snippet-aws-sdk-for-javascript-v3')).toContainText(
    "region: 'us-east-1'",
  );
  // A Region already holding the key is not offered again.
  await expect(regions.section.getByLabel('Replicate to Region').locator('option')).toHaveText([
    'us-west-2',
    'ap-southeast-2',
  ]);

  // The cross-Region proof, with its equivalent code.
  expect(await regions.acrossRegions('made in Virginia', 'us-east-1', 'eu-west-1')).toBe(
    'made in Virginia',
  );
  const cli = regions.tryIt.getByTestId('snippet-aws-cli');
  await expect(cli).toContainText('aws kms encrypt --region us-east-1');
  await expect(cli).toContainText('aws kms decrypt --region eu-west-1');
  await expect(regions.tryIt.getByTestId('snippet-aws-sdk-for-javascript-v3')).toContainText(
    "new KMSClient({ region: 'eu-west-1' })",
  );

  await regions.updatePrimaryTo('eu-west-1');
  await expect(keys.details.getByTestId('selected-key-regions')).toHaveText(
    'eu-west-1 (primary), us-east-1',
  );

  await page.reload();
  await keys.select('alias/global');
  await expect(regions.primaryRegion).toHaveText('eu-west-1');
  await expect(regions.entries).toHaveCount(2);
  await expect(regions.entries.first()).toContainText('Primary in eu-west-1');
  expect(await regions.acrossRegions('made in Ireland', 'eu-west-1', 'us-east-1')).toBe(
    'made in Ireland',
  );
  // The primary, now in eu-west-1, replicates further.
  await regions.replicateTo('ap-southeast-2');
  await expect(regions.entries).toHaveCount(3);
  await expect(
    page.getByTestId('key-request').first().getByTestId('snippet-aws-cli'),
  ).toContainText('aws kms replicate-key --region eu-west-1');
});

test('replicating and moving the primary by keyboard alone', async ({ page }) => {
  const regions = new KeyRegions(page);
  await regions.keys.shell.goto();
  await regions.createMultiRegionKey('alias/global-keyboard');
  const pointer = await countPointerEvents(page);
  const replicaSelect = regions.section.getByLabel('Replicate to Region');
  await tabTo(page, replicaSelect, 60);
  // us-west-2 is first: one step down is eu-west-1.
  await page.keyboard.press('ArrowDown');
  await expect(replicaSelect).toHaveValue('eu-west-1');
  await tabTo(page, regions.section.getByRole('button', { name: 'Replicate key' }));
  await page.keyboard.press('Enter');
  await expect(regions.entries).toHaveCount(2);
  await tabTo(page, regions.section.getByRole('button', { name: 'Update primary Region' }), 60);
  await page.keyboard.press('Enter');
  await expect(regions.primaryRegion).toHaveText('eu-west-1');
  expect(await pointer()).toBe(0);
});

for (const viewport of [PHONE, DESKTOP]) {
  test(`multi-Region states at ${viewport.width}x${viewport.height}: no axe violation, no sideways scroll 360 to 1920 px`, async ({
    page,
  }) => {
    test.slow();
    await page.setViewportSize(viewport);
    const regions = new KeyRegions(page);
    const found: string[] = [];
    const check = stateChecker(page, viewport, found);
    await regions.keys.shell.goto();
    await regions.createMultiRegionKey('alias/global-a11y');
    await check('Keys, a multi-Region key alone');
    await regions.replicateTo('ap-southeast-2');
    expect(await regions.acrossRegions('checked', 'ap-southeast-2', 'us-east-1')).toBe('checked');
    await check('Keys, a replica and a cross-Region decryption');
    expect(found).toEqual([]);
  });
}
