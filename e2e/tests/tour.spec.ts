import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures';
import { textOf } from '../pages/app';
import { DecryptPanel } from '../pages/decrypt';
import { GeneratePanel } from '../pages/generate';
import { HistoryPanel } from '../pages/history';
import { KeysPanel } from '../pages/keys';
import { TOUR_STEPS, TourPanel } from '../pages/tour';
import { UsePanel } from '../pages/use';
import { axeViolations } from '../support/axe';
import { readBlobHeader } from '../support/blob';
import { DESKTOP, layoutProblems, PHONE, WIDTHS } from '../support/every-screen';
import { countPointerEvents } from '../support/keyboard';
import { pemDer } from '../support/node-keys';
import { walkTheTour } from '../support/tour';

const base64Length = (text: string) => Buffer.from(text, 'base64').length;

// The tour from a first visit to its last step, with the learner's own values checked at
// every moment against the Keys screen, the envelope and the History; and at every moment
// no sideways scroll, no control out of its box and no axe violation. The desktop run uses
// the keyboard only.
for (const { viewport, keyboard, data } of [
  { viewport: PHONE, keyboard: false, data: 'Payroll for March (phone run)' },
  { viewport: DESKTOP, keyboard: true, data: 'Quarterly report (keyboard run)' },
]) {
  test(`Start here, end to end at ${viewport.width}x${viewport.height}${keyboard ? ' by keyboard alone' : ''}: real values, no sideways scroll, no axe violation at any step`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const tour = new TourPanel(page);
    const keys = new KeysPanel(page);
    await keys.shell.goto();
    const pointer = await countPointerEvents(page);
    // A first visit opens the tour without taking focus; Start here says it is open.
    await expect(tour.root).toBeVisible();
    await expect(tour.startHere).toHaveAttribute('aria-expanded', 'true');
    await expect(
      tour.root.getByRole('heading', { name: 'Start here', level: 2 }),
    ).not.toBeFocused();

    const found: string[] = [];
    let keyId = '';
    let blobLength = 0;
    await walkTheTour(page, {
      data,
      keyboard,
      atEachMoment: async ({ index, name }) => {
        for (const problem of await layoutProblems(page)) found.push(`${name}: ${problem}`);
        // The tour is what changes from step to step; the whole page is scanned at the end
        // (and on every screen, tour open, by a11y.spec.ts).
        const last = index === TOUR_STEPS.length;
        for (const violation of await axeViolations(page, {
          within: last ? undefined : '#start-here',
        }))
          found.push(`${name}: ${violation}`);
        switch (name) {
          case 'start':
            await expect(tour.root.locator('[data-state="waiting"]')).toHaveCount(6);
            await expect(tour.part('master-key')).toHaveAttribute('data-current', 'true');
            break;
          case 'create-master-key':
            keyId = (await keys.rowOf('alias/start-here').getAttribute('data-key-id')) ?? '';
            expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
            await expect(tour.stepText).toContainText(`alias/start-here (key ID ${keyId})`);
            await expect(tour.value('master-key')).toHaveText(
              `alias/start-here · ${keyId.slice(0, 8)}…`,
            );
            await expect(tour.part('master-key')).toHaveAttribute('data-state', 'ready');
            break;
          case 'generate-pair': {
            await expect(tour.stepText).toHaveText(
              /^GenerateDataKeyPairWithoutPlaintext made an RSA_2048 pair \(History entry #1\): a 294-byte public key and a \d+-byte encrypted private key, sealed with the encryption context \{"purpose":"start-here"\}\. No plaintext private key was returned: nobody holds it yet\.$/,
            );
            blobLength = Number(/and a (\d+)-byte/.exec(await textOf(tour.stepText))?.[1]);
            await expect(tour.value('public-key')).toHaveText(
              /^294 bytes · SHA-256 ([0-9a-f]{2}:){7}[0-9a-f]{2}$/,
            );
            await expect(tour.value('private-key')).toHaveText(
              'never returned: only KMS can open the blob',
            );
            break;
          }
          case 'use-public-key':
            await expect(tour.stepText).toContainText(
              '256-byte ciphertext with RSAES_OAEP_SHA_256',
            );
            await expect(tour.value('data')).toHaveText(/^256-byte ciphertext( [0-9a-f]{2}){6} …$/);
            break;
          case 'store-blob': {
            const envelope = JSON.parse(
              await tour.root.getByLabel('envelope.json').inputValue(),
            ) as Record<string, unknown>;
            expect(base64Length(envelope.Ciphertext as string)).toBe(256);
            expect(envelope.EncryptionContext).toEqual({ purpose: 'start-here' });
            const blob = envelope.PrivateKeyCiphertextBlob as string;
            expect(base64Length(blob)).toBe(blobLength);
            expect(readBlobHeader(blob)).toMatchObject({
              aadKind: 'aws-encryption-context',
              keyId,
            });
            await expect(tour.value('encrypted-private-key')).toHaveText(
              `${blobLength} bytes · stored beside the data`,
            );
            break;
          }
          case 'decrypt-blob':
            await expect(tour.stepText).toContainText(
              "Decrypt (History entry #2) gave back the private key of entry #1's pair",
            );
            await expect(tour.value('private-key')).toHaveText("in this tab's memory only");
            break;
          case 'use-private-key':
            await expect(tour.stepText).toContainText(`your data: ${JSON.stringify(data)}.`);
            await expect(tour.stepText).toContainText('Then this tab forgot it');
            await expect(tour.part('private-key')).toHaveAttribute('data-state', 'gone');
            await expect(tour.progress).toHaveText(
              '6 of 6 steps done: step 6, Use the private key, then forget it, just now.',
            );
            break;
        }
      },
    });
    expect(found).toEqual([]);
    if (keyboard) expect(await pointer(), 'pointer events').toBe(0);

    // The last step's heading has focus.
    await expect(tour.root.getByRole('heading', { name: /^Step 6 of 6/ })).toBeFocused();
    if (keyboard) return;

    // The fingerprint shown is the SHA-256 of the public key the History keeps.
    const shown = (await textOf(tour.value('public-key'))).replace(/^.*SHA-256 /, '');
    await new HistoryPanel(page).open();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download public key #1', exact: true }).click();
    const pem = readFileSync(await (await download).path(), 'utf8');
    const digest = createHash('sha256').update(pemDer(pem)).digest('hex');
    expect(shown).toBe(digest.slice(0, 16).replace(/(..)(?!$)/g, '$1:'));

    // Done, the tour still fits every width, from a small phone to a wide desktop.
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const problem of await layoutProblems(page)) found.push(`${width}px: ${problem}`);
    }
    expect(found).toEqual([]);
  });
}

test('the tour follows what the screens do, can be left and reopened, and blocks none of them', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  const tour = new TourPanel(page);
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  const use = new UsePanel(page);
  const history = new HistoryPanel(page);
  await keys.shell.goto();

  // Left at once: focus goes back to Start here, and it stays closed after a reload.
  await tour.close();
  await expect(tour.startHere).toBeFocused();
  await expect(tour.startHere).toHaveAttribute('aria-expanded', 'false');
  await page.reload();
  await expect(keys.createForm).toBeVisible();
  await expect(tour.root).toHaveCount(0);

  // The expert screens, with the tour closed.
  const keyId = await keys.createKey('alias/screens');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/screens',
    encryptionContext: { app: 'tour' },
  });
  await expect(generate.failure.root).toHaveCount(0);

  // Reopened, it takes focus and goes on from the first step not done: step 3.
  await tour.startHere.click();
  await expect(tour.root.getByRole('heading', { name: 'Start here', level: 2 })).toBeFocused();
  await expect(tour.step).toHaveAttribute('data-step', 'use-public-key');
  await expect(tour.progress).toHaveText('2 of 6 steps done.');
  await expect(tour.value('master-key')).toHaveText(`alias/screens · ${keyId.slice(0, 8)}…`);
  await expect(tour.value('data-key-pair')).toHaveText('ECC_NIST_P256 · History #1');
  await expect(tour.value('private-key')).toHaveText("in this tab's memory only");
  await expect(tour.stepText).toContainText('An ECC_NIST_P256 pair signs rather than encrypts');
  await tour.stepLink(2).click();
  await expect(tour.stepText).toContainText(
    'The response also held the plaintext private key, which this tab keeps in memory only.',
  );

  // The screens work with the tour open, and it lights up from them.
  await generate.useThisPair();
  await use.sign('ECDSA_SHA_256', 'signed beside the tour');
  await use.verify();
  await expect(use.verifyResult).toHaveText('Valid signature');
  await expect(tour.stepLink(3)).toHaveAccessibleName('Step 3: Encrypt with the public key (done)');
  await expect(tour.progress).toHaveText(
    '3 of 6 steps done: step 3, Encrypt with the public key, just now.',
  );
  await expect(tour.value('data')).toHaveText('signed; the public key verified it');

  await generate.open();
  await generate.decryptThisBlob();
  await decrypt.decrypt();
  await expect(decrypt.failure.root).toHaveCount(0);
  await expect(tour.stepLink(5)).toHaveAccessibleName(
    'Step 5: Decrypt the blob when needed (done)',
  );
  await decrypt.output.getByRole('button', { name: 'Use this pair' }).click();
  await use.sign('ECDSA_SHA_256', 'signed after Decrypt');
  await expect(tour.stepLink(6)).toHaveAccessibleName(
    'Step 6: Use the private key, then forget it (done)',
  );
  await tour.stepLink(6).click();
  await expect(tour.stepText).toHaveText(
    'The private key made an ECDSA_SHA_256 signature. Now forget it: a private key kept in memory or on disk is one more secret to guard.',
  );
  await expect(tour.progress).toHaveText(/^5 of 6 steps done/);

  // Step 4 in the tour; Download response JSON on Generate would count too.
  await tour.stepLink(4).click();
  await tour.button('Store the blob beside the data').click();
  await expect(tour.progress).toHaveText(
    '6 of 6 steps done: step 4, Store the blob beside the data, just now.',
  );

  await history.open();
  await expect(history.rows).toHaveCount(2);
  await tour.button('Close the tour').click();
  await expect(tour.root).toHaveCount(0);
  await expect(tour.startHere).toBeFocused();
});
