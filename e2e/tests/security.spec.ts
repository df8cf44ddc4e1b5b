import { generateKeyPairSync } from 'node:crypto';
import { expect, test } from '../fixtures';
import { AppShell } from '../pages/app';
import { KeysPanel } from '../pages/keys';
import { pemBody } from '../support/node-keys';
import { findSecrets, privateKeyNeedles } from '../support/secrets';
import { dumpStorage, probeMasterKey } from '../support/storage';

/** A CSP string as a map of directive name to its source list. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

function expectStrictPolicy(policy: string) {
  const parsed = directives(policy);
  expect(parsed.get('object-src')).toEqual(["'none'"]);
  const scriptSrc = parsed.get('script-src') ?? parsed.get('default-src');
  expect(scriptSrc, 'script-src (or default-src) is set').toBeDefined();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
}

test('the built page carries a strict Content-Security-Policy (meta and header)', async ({
  page,
}) => {
  const response = await page.goto('/');
  expect(response?.ok()).toBe(true);
  const header = response?.headers()['content-security-policy'];
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  expectStrictPolicy(header as string);

  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveCount(1);
  expectStrictPolicy((await meta.getAttribute('content')) ?? '');
  // The app runs under that policy (the watch fixture fails the test on any violation).
  await expect(page.getByRole('tab', { name: 'Keys' })).toBeVisible();
});

test('the master key is a non-extractable CryptoKey in IndexedDB', async ({ page }) => {
  const keys = new KeysPanel(page);
  await keys.shell.goto();
  await keys.createKey('alias/locked');
  const probe = await probeMasterKey(page, 'kms-lab');
  expect(probe).toMatchObject({
    keyCount: 1,
    isCryptoKey: true,
    extractable: false,
    algorithm: 'AES-GCM',
  });
  expect(probe.isCryptoKey && probe.exportError).toMatch(/InvalidAccessError/);
});

// The no-plaintext check of the flow tests must be able to fail: a private key planted in
// a database of the origin, as bytes and as PEM text, is found.
test('the storage dump finds a private key planted in IndexedDB', async ({ page }) => {
  await new AppShell(page).goto();
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const needles = privateKeyNeedles(der, privateKey);
  expect(findSecrets(await dumpStorage(page), needles)).toEqual([]);

  await page.evaluate(
    async ({ bytes, text }) => {
      const open = indexedDB.open('e2e-planted', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('things', { autoIncrement: true });
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const done = new Promise((resolve) => {
        const tx = db.transaction('things', 'readwrite');
        tx.objectStore('things').add({ nested: { key: new Uint8Array(bytes).buffer } });
        tx.objectStore('things').add({ note: text });
        tx.oncomplete = resolve;
      });
      await done;
      db.close();
    },
    { bytes: [...der], text: pemBody(pem) },
  );
  const found = findSecrets(await dumpStorage(page), needles);
  expect(found.some((each) => each.startsWith('DER bytes'))).toBe(true);
  expect(found.some((each) => each.startsWith('text'))).toBe(true);
});
