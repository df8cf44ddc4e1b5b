import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateKeyCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { resolveServeConfig, UsageError } from '../src/index.js';
import {
  awsFetch,
  cleanEnv,
  directoryPerTest,
  failure,
  runBin,
  sdkClient,
  spawnServer,
} from './support/server.js';

const directory = directoryPerTest();
const packageVersion = async () =>
  (
    JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

describe('settings from the environment', () => {
  it('reads every KMS_LAB_* variable, and a flag wins over its variable', () => {
    const env = {
      KMS_LAB_HOST: '0.0.0.0',
      KMS_LAB_PORT: '4700',
      KMS_LAB_DATA: '/var/kms/keys.json',
      KMS_LAB_REGION: 'eu-west-1',
      KMS_LAB_ACCOUNT_ID: '123456789012',
      KMS_LAB_CREDENTIALS: '/etc/kms/credentials.json',
      KMS_LAB_SEED: '/etc/kms/seed.yaml',
      KMS_LAB_LOG: 'debug',
      KMS_LAB_CORS: 'http://localhost:5173,https://app.example',
      KMS_LAB_ENFORCE_POLICIES: 'true',
      KMS_LAB_ATTESTATION_ROOTS: '/etc/kms/nitro-root.pem',
    };
    expect(resolveServeConfig({}, env)).toEqual({
      host: '0.0.0.0',
      port: 4700,
      dataFile: '/var/kms/keys.json',
      region: 'eu-west-1',
      accountId: '123456789012',
      credentialsFile: '/etc/kms/credentials.json',
      seedFile: '/etc/kms/seed.yaml',
      logLevel: 'debug',
      cors: ['http://localhost:5173', 'https://app.example'],
      enforcePolicies: true,
      attestationRootsFile: '/etc/kms/nitro-root.pem',
    });
    expect(
      resolveServeConfig(
        {
          port: '0',
          region: 'ap-south-1',
          memory: true,
          'log-level': 'quiet',
          cors: '*',
          'enforce-policies': false,
        },
        env,
      ),
    ).toMatchObject({
      enforcePolicies: false,
      port: 0,
      region: 'ap-south-1',
      dataFile: undefined,
      logLevel: 'quiet',
      cors: ['*'],
    });
    expect(resolveServeConfig({}, { KMS_LAB_DATA: ':memory:' }).dataFile).toBeUndefined();
    expect(() => resolveServeConfig({}, { KMS_LAB_ENFORCE_POLICIES: 'yes' })).toThrow(
      "KMS_LAB_ENFORCE_POLICIES must be true or false; got 'yes'.",
    );
    // Empty variables count as unset.
    expect(resolveServeConfig({}, { KMS_LAB_PORT: '' }).port).toBe(4599);
  });

  it.each([
    [{ KMS_LAB_PORT: '70000' }, "KMS_LAB_PORT must be a number from 0 to 65535; got '70000'."],
    [
      { KMS_LAB_REGION: 'Europe' },
      "KMS_LAB_REGION must look like an AWS Region, e.g. eu-west-1; got 'Europe'.",
    ],
    [{ KMS_LAB_ACCOUNT_ID: '42' }, "KMS_LAB_ACCOUNT_ID must be 12 digits; got '42'."],
    [{ KMS_LAB_LOG: 'loud' }, "KMS_LAB_LOG must be one of quiet, info, debug; got 'loud'."],
    [{ KMS_LAB_CORS: 'localhost:5173' }, "KMS_LAB_CORS: 'localhost:5173' is not an origin"],
    [{ KMS_LAB_HOST: ' ' }, 'KMS_LAB_HOST must not be empty.'],
  ])('names the variable a bad value came from (%o)', (env, message) => {
    expect(() => resolveServeConfig({}, env)).toThrow(UsageError);
    expect(() => resolveServeConfig({}, env)).toThrow(message);
  });

  it('the bin serves with the Region, account and data file of the environment; flags win', async () => {
    const env = cleanEnv({
      KMS_LAB_PORT: '0',
      KMS_LAB_REGION: 'eu-west-1',
      KMS_LAB_ACCOUNT_ID: '123456789012',
      KMS_LAB_DATA: join(directory.path, 'env.json'),
    });
    const server = await spawnServer(['serve'], directory.path, env);
    expect(server.output().stdout).toContain('AWS_REGION=eu-west-1');
    const kms = sdkClient(server, undefined, 'eu-west-1');
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    kms.destroy();
    expect(KeyMetadata?.Arn).toBe(`arn:aws:kms:eu-west-1:123456789012:key/${KeyMetadata?.KeyId}`);
    expect(await server.stop()).toBe(0);
    expect(await readFile(join(directory.path, 'env.json'), 'utf8')).toContain(KeyMetadata?.KeyId);

    const flagged = await spawnServer(
      ['serve', '--region', 'us-west-2', '--memory'],
      directory.path,
      env,
    );
    expect(flagged.output().stdout).toContain('AWS_REGION=us-west-2');
    expect(flagged.output().stdout).toContain('keys in memory only');
    expect(await flagged.stop()).toBe(0);
  });

  it('KMS_LAB_CREDENTIALS turns on SigV4 checks, and the banner names the access key ID', async () => {
    const file = join(directory.path, 'credentials.json');
    await writeFile(file, JSON.stringify({ AKIAKMSLABENV: 'env-secret' }));
    const server = await spawnServer(
      ['serve', '--port', '0', '--memory'],
      directory.path,
      cleanEnv({ KMS_LAB_CREDENTIALS: file }),
    );
    expect(server.output().stdout).toContain(
      'export AWS_ACCESS_KEY_ID=AKIAKMSLABENV AWS_SECRET_ACCESS_KEY=<its secret',
    );
    expect(server.output().stdout).not.toContain('env-secret');
    const wrong = sdkClient(server, { accessKeyId: 'AKIAKMSLABENV', secretAccessKey: 'wrong' });
    expect((await failure(wrong.send(new CreateKeyCommand({})))).name).toBe(
      'InvalidSignatureException',
    );
    wrong.destroy();
    const right = sdkClient(server, {
      accessKeyId: 'AKIAKMSLABENV',
      secretAccessKey: 'env-secret',
    });
    await right.send(new CreateKeyCommand({}));
    right.destroy();
    expect(await server.stop()).toBe(0);
  });

  it('a bad variable stops the bin with status 2 and the usage', async () => {
    const result = await runBin(['serve'], directory.path, cleanEnv({ KMS_LAB_LOG: 'loud' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "kms-lab: KMS_LAB_LOG must be one of quiet, info, debug; got 'loud'.",
    );
    expect(result.stderr).toContain('Usage: kms-lab serve');
  });
});

describe('--version and --log-level', () => {
  it('--version prints the package version', async () => {
    const result = await runBin(['--version'], directory.path);
    expect(result).toMatchObject({ code: 0, stdout: `kms-lab ${await packageVersion()}\n` });
  });

  it('quiet logs no requests; debug adds request IDs and error types', async () => {
    const quiet = await spawnServer(
      ['serve', '--port', '0', '--memory', '--log-level', 'quiet'],
      directory.path,
    );
    await awsFetch(quiet.url, 'TrentService.ListKeys', '{}');
    expect(await quiet.stop()).toBe(0);
    expect(quiet.output().stderr).not.toMatch(/POST \/ ListKeys/);

    const debug = await spawnServer(
      ['serve', '--port', '0', '--memory'],
      directory.path,
      cleanEnv({ KMS_LAB_LOG: 'debug' }),
    );
    const kms = sdkClient(debug);
    await failure(kms.send(new DescribeKeyCommand({ KeyId: 'alias/missing' })));
    kms.destroy();
    expect(await debug.stop()).toBe(0);
    expect(debug.output().stderr).toMatch(
      /POST \/ DescribeKey 400 [\d.]+ms requestId=[0-9a-f-]{36} error=NotFoundException/,
    );
  });
});

describe('the banner', () => {
  it('shows the same export line and KMSClient options as the README examples', async () => {
    const server = await spawnServer(['serve', '--port', '0', '--memory'], directory.path);
    expect(await server.stop()).toBe(0);
    const stdout = server.output().stdout;
    const exportLine = /^\s*(export AWS_ACCESS_KEY_ID=.*)$/m.exec(stdout)?.[1];
    expect(exportLine).toBe(
      'export AWS_ACCESS_KEY_ID=kmslab AWS_SECRET_ACCESS_KEY=kmslab AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1',
    );
    const clientLine = /^\s*(new KMSClient\(.*\))$/m.exec(stdout)?.[1];
    expect(clientLine).toBe(
      `new KMSClient({ endpoint: '${server.url}', region: 'us-east-1', credentials: { accessKeyId: 'kmslab', secretAccessKey: 'kmslab' } })`,
    );
    for (const readme of ['../../../README.md', '../README.md']) {
      const text = await readFile(new URL(readme, import.meta.url), 'utf8');
      expect(text, readme).toContain(exportLine);
      expect(text, readme).toContain(
        "new KMSClient({ endpoint: 'http://127.0.0.1:4599', region: 'us-east-1', credentials: { accessKeyId: 'kmslab', secretAccessKey: 'kmslab' } })",
      );
    }
  });
});
