import { createKmsPartition, type Kms } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import { tryItCliCode, tryItSdkCode } from '../src/features/keys/try-snippets';

/**
 * The SDK code of Try it, run as a module body with a KMSClient whose send goes to the
 * engine of its Region: a multi-Region key's ciphertext made in one Region by the code's
 * first client is decrypted by its second, in the other Region.
 */
async function runSdk(code: string, engineOf: (region: string) => Kms): Promise<string[]> {
  const logged: string[] = [];
  class EncryptCommand {
    constructor(readonly input: Parameters<Kms['encrypt']>[0]) {}
  }
  class DecryptCommand {
    constructor(readonly input: Parameters<Kms['decrypt']>[0]) {}
  }
  class KMSClient {
    readonly region: string;
    constructor({ region }: { region: string }) {
      this.region = region;
    }
    send(command: EncryptCommand | DecryptCommand) {
      const kms = engineOf(this.region);
      return command instanceof EncryptCommand
        ? kms.encrypt(command.input)
        : kms.decrypt(command.input as Parameters<Kms['decrypt']>[0]);
    }
  }
  const body = code.replace(/^import .*$/gm, '');
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const console = { log: (text: string) => logged.push(text) };
  await new AsyncFunction('KMSClient', 'EncryptCommand', 'DecryptCommand', 'console', body)(
    KMSClient,
    EncryptCommand,
    DecryptCommand,
    console,
  );
  return logged;
}

describe("Try it's code", () => {
  it('encrypts in one Region and decrypts with the replica in the other', async () => {
    const partition = createKmsPartition({ defaultRegion: 'us-east-1' });
    const east = partition.region('us-east-1');
    const { KeyMetadata } = await east.createKey({ MultiRegion: true });
    const keyId = KeyMetadata?.KeyId as string;
    await east.replicateKey({ KeyId: keyId, ReplicaRegion: 'ap-southeast-2' });
    const asked: string[] = [];
    const code = tryItSdkCode(keyId, "it's across Regions", 'us-east-1', 'ap-southeast-2');
    const logged = await runSdk(code, (region) => {
      asked.push(region);
      return partition.region(region);
    });
    expect(logged).toEqual(["it's across Regions"]);
    expect(asked).toEqual(['us-east-1', 'ap-southeast-2']);
    const cli = tryItCliCode(keyId, "it's across Regions", 'us-east-1', 'ap-southeast-2');
    expect(cli).toContain(`aws kms encrypt --region us-east-1 --key-id ${keyId}`);
    expect(cli).toContain(`aws kms decrypt --region ap-southeast-2 --key-id ${keyId}`);
    expect(cli).toContain(`printf %s 'it'\\''s across Regions' > plaintext.txt`);
  });

  it('uses one client when the key has one Region', async () => {
    const partition = createKmsPartition({ defaultRegion: 'us-east-1' });
    const kms = partition.region();
    const { KeyMetadata } = await kms.createKey({});
    const code = tryItSdkCode(KeyMetadata?.KeyId as string, 'here', undefined, undefined);
    expect(code).not.toContain('decrypting');
    expect(await runSdk(code, (region) => partition.region(region))).toEqual(['here']);
    expect(tryItCliCode('k', 'here', undefined, undefined)).not.toContain('--region');
  });
});
