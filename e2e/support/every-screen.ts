import { expect, type Page } from '@playwright/test';
import type { ScreenName } from '../pages/app';
import { DecryptPanel } from '../pages/decrypt';
import { EnclavePanel } from '../pages/enclave';
import { GeneratePanel } from '../pages/generate';
import { KeyAccess } from '../pages/key-access';
import { KeysPanel } from '../pages/keys';
import { KmsKeysPanel } from '../pages/kms-keys';
import { UsePanel } from '../pages/use';

/** Every screen, in tab order, with the heading that says its content has loaded. */
export const SCREENS: readonly { name: ScreenName; heading: string }[] = [
  { name: 'Keys', heading: 'Master keys' },
  { name: 'Generate', heading: 'Generate a data key pair' },
  { name: 'Decrypt', heading: 'Decrypt a private key' },
  { name: 'Use the pair', heading: 'Use the pair' },
  { name: 'Use a KMS key', heading: 'Use a KMS key' },
  { name: 'Enclave', heading: 'Enclave' },
  { name: 'History', heading: 'History' },
];

/** The viewports the layout and accessibility checks run at: a small phone to a wide desktop. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** From the narrowest phone KMS Lab supports to a wide desktop. */
export const WIDTHS = [360, 390, 600, 768, 1024, 1280, 1440, 1920];

/**
 * Fills every screen with what a learner would have on it after a session, so the checks see
 * the long outputs (ARNs, PEMs, ASN.1 trees, hex dumps, the blob explained, snippets), not
 * empty forms (the "Start here" tour, open on a first visit, follows along): a master
 * key selected on Keys, an RSA response on Generate (RSA, so Use the pair shows both its
 * cards), a revealed decrypted key on Decrypt, a verified signature on Use the pair, a KMS
 * key's public key on Use a KMS key, the Enclave's three steps, and History rows, a failed one among them. Each screen
 * keeps its state when the tab changes, so one preparation serves every screen and viewport.
 */
export async function prepareEveryScreen(page: Page): Promise<void> {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const decrypt = new DecryptPanel(page);
  const use = new UsePanel(page);
  const kms = new KmsKeysPanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/demo', 'The master key of the envelope');
  const signingKey = await keys.createKmsKey('alias/signer', 'ECC_NIST_P256', 'SIGN_VERIFY');

  // A failed request first, so History shows a failed row too (the success replaces its
  // notice on Generate).
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/missing',
  });
  await expect(generate.failure.name).toHaveText('NotFoundException');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'RSA_2048',
    masterKey: 'alias/demo',
    encryptionContext: { tenant: 'acme', purpose: 'layout-and-accessibility-checks' },
  });
  await expect(generate.failure.root).toHaveCount(0);
  await generate.reveal();
  // The structure views start collapsed: open them, so the checks see trees, dumps and tables.
  await generate.showStructure('PublicKey');
  await generate.showStructure('PrivateKeyCiphertextBlob');

  await generate.decryptThisBlob();
  await decrypt.decrypt();
  await expect(decrypt.failure.root).toHaveCount(0);
  await decrypt.privateKeyPem();
  await decrypt.output.getByRole('button', { name: 'Show PrivateKey structure' }).click();

  await decrypt.output.getByRole('button', { name: 'Use this pair' }).click();
  await use.sign('RSASSA_PSS_SHA_256', 'Hello, KMS Lab');
  await use.verify();
  await expect(use.verifyResult).toHaveText('Valid signature');

  await kms.open();
  await kms.choose(signingKey);
  await kms.publicKeyPem();

  // The Enclave screen after its three steps, the CMS tree of CiphertextForRecipient open.
  const enclave = new EnclavePanel(page);
  await enclave.runFlow('ECC_NIST_P256', 'alias/demo');
  await expect(enclave.facts.getByTestId('facts-matches')).toHaveText(/^Yes/);
  await enclave.showStructure('CiphertextForRecipient');

  await keys.select('alias/demo');
  await keys.details.getByRole('button', { name: 'Describe key' }).click();
  await expect(keys.details.getByTestId('describe-output')).toBeVisible();
}

/**
 * The states the post-quantum keys add to two screens, each made and then checked by `check`
 * (axe, layout) while it is shown: Use the pair with an ML_KEM_768 pair encapsulated and
 * decapsulated; Use a KMS key with an ML_DSA_65 key (public key tree, EXTERNAL_MU with μ, a
 * signature verified) and then an ML_KEM_1024 key (its tree, both secrets side by side).
 */
export async function checkPostQuantumStates(
  page: Page,
  check: (state: string) => Promise<void>,
): Promise<void> {
  const keys = new KeysPanel(page);
  const generate = new GeneratePanel(page);
  const use = new UsePanel(page);
  const kms = new KmsKeysPanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/pq-demo');
  const signer = await keys.createKmsKey('alias/pq-signer', 'ML_DSA_65', 'SIGN_VERIFY');
  const kem = await keys.createKmsKey('alias/pq-kem', 'ML_KEM_1024', 'ENCAPSULATE_DECAPSULATE');
  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ML_KEM_768',
    masterKey: 'alias/pq-demo',
    encryptionContext: { purpose: 'post-quantum-checks' },
  });
  await expect(generate.failure.root).toHaveCount(0);
  await generate.reveal();
  await generate.showStructure('PublicKey');
  await generate.showStructure('PrivateKeyPlaintext');
  await check('Generate, ML_KEM_768 response');

  await generate.useThisPair();
  await use.encapsulate();
  await use.decapsulate();
  await expect(use.kemCard().getByTestId('secrets-match')).toHaveText(/same/);
  await check('Use the pair, ML_KEM_768');

  await kms.open();
  await kms.choose(signer);
  await kms.publicKeyPem();
  await kms
    .card('Get the public key')
    .getByRole('button', { name: 'Show PublicKey structure' })
    .click();
  await kms.computeMu('Release 2.0');
  await kms.signMu();
  await kms.verify();
  await expect(kms.signatureValid).toHaveText(/^Valid/);
  await check('Use a KMS key, ML_DSA_65 EXTERNAL_MU');

  await kms.choose(kem);
  await kms.publicKeyPem();
  await kms
    .card('Get the public key')
    .getByRole('button', { name: 'Show PublicKey structure' })
    .click();
  await kms.encapsulate();
  await kms.decapsulate();
  await expect(kms.card('Encapsulate and decapsulate').getByTestId('secrets-match')).toHaveText(
    /same/,
  );
  await check('Use a KMS key, ML_KEM_1024');
}

/**
 * The states grants and key policies add, each made and then checked by `check` (axe,
 * layout) while it is shown: a key's Grants open with a grant just created (its token shown,
 * a constraint listed); Generate refusing a made-up grant token; the Key policy open with a
 * malformed policy refused and a JSON error pointed at.
 */
export async function checkGrantsAndPolicyStates(
  page: Page,
  check: (state: string) => Promise<void>,
): Promise<void> {
  const keys = new KeysPanel(page);
  const access = new KeyAccess(page);
  const generate = new GeneratePanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/granted', 'A key with grants and an edited policy');
  await keys.select('alias/granted');
  await access.createGrant({
    grantee: 'arn:aws:iam::111122223333:role/Worker-with-a-rather-long-role-name',
    operations: ['GenerateDataKeyPair', 'Decrypt'],
    name: 'worker-data-keys',
    constraint: { kind: 'EncryptionContextSubset', context: { tenant: 'acme' } },
  });
  await check('Keys, a grant created');

  await generate.generate({
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'ECC_NIST_P256',
    masterKey: 'alias/granted',
    grantTokens: ['made-up-token'],
  });
  await expect(generate.failure.name).toHaveText('InvalidGrantTokenException');
  await check('Generate, a made-up grant token refused');

  await keys.select('alias/granted');
  await access.putPolicy('{ "Version": "2012-10-17", "Statement": [] }');
  await expect(access.policyFailure.name).toHaveText('MalformedPolicyDocumentException');
  await access.policyEditor.fill('{\n  "Version": "2012-10-17",\n}');
  await expect(access.policyCheck).toContainText('line 3, column 1');
  await check('Keys, a malformed key policy refused');
}

/** Opens a screen and waits for its content (the engine-heavy screens load on demand). */
export async function openScreen(page: Page, screen: (typeof SCREENS)[number]): Promise<void> {
  await page.getByRole('tab', { name: screen.name, exact: true }).click();
  await page
    .getByRole('tabpanel')
    .getByRole('heading', { name: screen.heading, level: 2, exact: true })
    .waitFor();
}

/** The page's width beyond the viewport's: 0 when nothing makes it scroll sideways. */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Controls that stick out of the card (or, outside any card, the panel) they are in, one line
 * each. 1px of slack allows for rounding.
 */
export function controlsOutsideTheirBox(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const control of document.querySelectorAll<HTMLElement>(
      'button, input, select, textarea',
    )) {
      const rect = control.getBoundingClientRect();
      if (rect.width === 0 || control.closest('.history-table thead')) continue;
      const box = control.closest('.card, .tour-step, [role="tabpanel"], header, nav');
      if (!box) continue;
      const outer = box.getBoundingClientRect();
      if (rect.left < outer.left - 1 || rect.right > outer.right + 1) {
        const name = control.getAttribute('aria-label') ?? control.textContent ?? control.id;
        found.push(
          `${control.tagName.toLowerCase()} "${name.trim().slice(0, 40)}" spans ${Math.round(rect.left)}..${Math.round(rect.right)}, its box ${Math.round(outer.left)}..${Math.round(outer.right)}`,
        );
      }
    }
    return found;
  });
}

/** Tabs that are not wholly on screen, by name. */
export function tabsOffScreen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[role="tab"]')]
      .filter((tab) => {
        const rect = tab.getBoundingClientRect();
        return rect.left < 0 || rect.right > window.innerWidth || rect.width === 0;
      })
      .map((tab) => tab.textContent ?? ''),
  );
}

/**
 * Everything the layout checks find wrong at the current width, one line each: sideways
 * scrolling, a tab off screen, a control out of its card. Empty when all is well.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  const found: string[] = [];
  const overflow = await sidewaysOverflow(page);
  if (overflow > 0) found.push(`the page is ${overflow}px too wide`);
  for (const tab of await tabsOffScreen(page)) found.push(`tab ${tab} is off screen`);
  found.push(...(await controlsOutsideTheirBox(page)));
  return found;
}
