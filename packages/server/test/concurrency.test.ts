import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyPairCommand,
  ListAliasesCommand,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { expect, it } from 'vitest';
import { FileKeyStore } from '../src/index.js';
import { sdkClient, temporaryDirectory, testServer } from './support/server.js';

const REQUESTS = 500;

it(`answers ${REQUESTS} concurrent requests correctly, and the file holds every key and alias`, async () => {
  const directory = await temporaryDirectory();
  const dataFile = join(directory.path, 'keys.json');
  const { server } = await testServer({ dataFile });
  // As many sockets as requests, so all of them are in flight at once.
  const kms = sdkClient(server, undefined, undefined, REQUESTS);
  try {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'wrapping' }));
    const wrappingKey = KeyMetadata?.KeyId as string;
    const secrets = Array.from({ length: 8 }, (_, i) => Buffer.from(`secret number ${i}`));
    const blobs = await Promise.all(
      secrets.map(async (Plaintext) => {
        const { CiphertextBlob } = await kms.send(
          new EncryptCommand({ KeyId: wrappingKey, Plaintext }),
        );
        return CiphertextBlob as Uint8Array;
      }),
    );

    const results = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, i) => {
        switch (i % 4) {
          case 0: {
            const pair = await kms.send(
              new GenerateDataKeyPairCommand({ KeyId: wrappingKey, KeyPairSpec: 'ECC_NIST_P256' }),
            );
            const privateKey = createPrivateKey({
              key: Buffer.from(pair.PrivateKeyPlaintext as Uint8Array),
              format: 'der',
              type: 'pkcs8',
            });
            expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' })).toEqual(
              Buffer.from(pair.PublicKey as Uint8Array),
            );
            return { kind: 'pair' as const };
          }
          case 1: {
            const which = i % secrets.length;
            const { Plaintext } = await kms.send(
              new DecryptCommand({ CiphertextBlob: blobs[which] }),
            );
            expect(Buffer.from(Plaintext as Uint8Array)).toEqual(secrets[which]);
            return { kind: 'decrypt' as const };
          }
          case 2: {
            const created = await kms.send(
              new CreateKeyCommand({ Description: `concurrent ${i}` }),
            );
            return { kind: 'key' as const, keyId: created.KeyMetadata?.KeyId as string };
          }
          default: {
            const aliasName = `alias/concurrent-${i}`;
            await kms.send(
              new CreateAliasCommand({ AliasName: aliasName, TargetKeyId: wrappingKey }),
            );
            return { kind: 'alias' as const, aliasName };
          }
        }
      }),
    );

    const createdKeys = results.flatMap((r) => (r.kind === 'key' ? [r.keyId] : []));
    const createdAliases = results.flatMap((r) => (r.kind === 'alias' ? [r.aliasName] : []));
    expect(createdKeys).toHaveLength(REQUESTS / 4);
    expect(createdAliases).toHaveLength(REQUESTS / 4);
    const expectedKeys = [wrappingKey, ...createdKeys].sort();

    // The server's view...
    const listed = await kms.send(new ListKeysCommand({ Limit: 1000 }));
    expect(listed.Keys?.map((key) => key.KeyId).sort()).toEqual(expectedKeys);
    const aliases = await kms.send(new ListAliasesCommand({ Limit: 1000 }));
    // Beside the predefined aliases of AWS managed keys, which have no target.
    const targeted = aliases.Aliases?.filter((alias) => alias.TargetKeyId !== undefined);
    expect(targeted?.map((alias) => alias.AliasName).sort()).toEqual(createdAliases.sort());

    // ...is the file's, while the server runs and after it stops.
    await server.close();
    const document = JSON.parse(await readFile(dataFile, 'utf8'));
    expect(document.keys.map((key: { keyId: string }) => key.keyId).sort()).toEqual(expectedKeys);
    const reopened = await FileKeyStore.open(dataFile);
    expect((await reopened.listAliases()).map((alias) => alias.aliasName).sort()).toEqual(
      createdAliases.sort(),
    );
    await reopened.close();
  } finally {
    kms.destroy();
    await server.close();
    await directory.remove();
  }
});
