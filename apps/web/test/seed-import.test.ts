import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { createKms } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import { openKmsLabDb } from '../src/kms/db';
import { extractableAesCrypto } from '../src/kms/exportable';
import { IdbKeyStore } from '../src/kms/idb-key-store';
import { describeSeedImport } from '../src/seed-file/import';

const LOCAL_KMS_SEED = readFileSync(
  new URL(
    '../../../packages/core/test/fixtures/seeds/local-kms-readme-simple.yaml',
    import.meta.url,
  ),
  'utf8',
);
const AES_ID = 'bc436485-5092-42b8-92a3-0aa8b93536dc';

describe('a seed file imported into the web app', () => {
  it('stores the seeded AES material as a non-extractable CryptoKey, as every key', async () => {
    const db = await openKmsLabDb('kms-lab-seed-import');
    // The engine as the app makes it (kms/runtime.ts): its AES keys come out extractable,
    // and the store seals every one that was not made exportable.
    const kms = createKms({ store: new IdbKeyStore(db), crypto: extractableAesCrypto(crypto) });
    const result = await kms.applySeed(LOCAL_KMS_SEED);
    expect(describeSeedImport(result)).toBe(
      `Created 2 keys (${AES_ID}, 800d5768-3fd7-4edd-a4b8-4c81c3e4c147) and 1 alias (alias/testing).`,
    );
    db.close();
    const reopened = await openKmsLabDb('kms-lab-seed-import');
    const stored = await new IdbKeyStore(reopened).getKey(AES_ID);
    const secret = stored?.materials[0]?.secret as CryptoKey;
    expect(secret).toBeInstanceOf(CryptoKey);
    expect(secret.extractable).toBe(false);
    reopened.close();
  });

  it('says what was already here', () => {
    expect(
      describeSeedImport({
        keysCreated: [],
        keysKept: [AES_ID],
        aliasesCreated: ['alias/new'],
        aliasesKept: ['alias/testing'],
      }),
    ).toBe(
      `Created 0 keys and 1 alias (alias/new); already here, left as they are: ${AES_ID}, alias/testing.`,
    );
  });
});
