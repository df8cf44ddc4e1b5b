import { execFileSync } from 'node:child_process';
import {
  constants,
  createCipheriv,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKms, type KeySpec, type KeyUsageType } from '@kms-lab/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ImportChoices,
  importCliSnippet,
  importSdkSnippet,
} from '../src/features/keys/import/import-snippets';
import { WRAPPING_ALGORITHMS } from '../src/features/keys/import/wrap-material';
import { toBase64 } from '../src/lib/bytes';

/**
 * The CLI snippet run by bash with the real openssl, xxd and jq; only `aws` is a stand-in
 * that answers GetParametersForImport with the engine's real answer and keeps what
 * import-key-material was given, which the test then imports into the engine.
 */
const AWS_STAND_IN = `#!/bin/sh
case "$2" in
  get-parameters-for-import) cat "$STAND_IN/parameters.json" ;;
  import-key-material) echo "$@" > "$STAND_IN/import-args.txt"; cp import-token.bin material.wrapped "$STAND_IN/" ;;
  describe-key) echo '"Enabled"' ;;
  *) echo "unexpected: $*" >&2; exit 2 ;;
esac
`;

const workDirs: string[] = [];
afterAll(() => {
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh engine with an EXTERNAL key, and the import choices: defaults, then `choices`. */
async function externalKey(
  keySpec: KeySpec,
  keyUsage: KeyUsageType | undefined,
  choices: Partial<ImportChoices>,
) {
  const kms = createKms();
  const created = await kms.createKey({ Origin: 'EXTERNAL', KeySpec: keySpec, KeyUsage: keyUsage });
  const keyId = created.KeyMetadata?.KeyId as string;
  const all: ImportChoices = {
    keyId,
    keySpec,
    wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
    wrappingKeySpec: 'RSA_2048',
    material: 'generated',
    expirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    validTo: undefined,
    description: undefined,
    importType: undefined,
    ...choices,
  };
  return { kms, keyId, all };
}

async function runCliSnippet(
  keySpec: KeySpec,
  keyUsage: KeyUsageType | undefined,
  choices: Partial<ImportChoices>,
) {
  const { kms, keyId, all } = await externalKey(keySpec, keyUsage, choices);
  const parameters = await kms.getParametersForImport({
    KeyId: keyId,
    WrappingAlgorithm: all.wrappingAlgorithm,
    WrappingKeySpec: all.wrappingKeySpec,
  });
  const dir = mkdtempSync(join(tmpdir(), 'import-snippet-'));
  workDirs.push(dir);
  const standIn = join(dir, 'stand-in');
  execFileSync('mkdir', ['-p', join(standIn, 'bin')]);
  writeFileSync(
    join(standIn, 'parameters.json'),
    JSON.stringify({
      KeyId: parameters.KeyId,
      PublicKey: toBase64(parameters.PublicKey as Uint8Array),
      ImportToken: toBase64(parameters.ImportToken as Uint8Array),
    }),
  );
  writeFileSync(join(standIn, 'bin', 'aws'), AWS_STAND_IN);
  chmodSync(join(standIn, 'bin', 'aws'), 0o755);
  execFileSync('bash', ['-euo', 'pipefail', '-c', importCliSnippet(all)], {
    cwd: dir,
    env: { ...process.env, STAND_IN: standIn, PATH: `${join(standIn, 'bin')}:${process.env.PATH}` },
    stdio: 'pipe',
  });
  const args = readFileSync(join(standIn, 'import-args.txt'), 'utf8');
  const imported = await kms.importKeyMaterial({
    KeyId: keyId,
    ImportToken: readFileSync(join(standIn, 'import-token.bin')),
    EncryptedKeyMaterial: readFileSync(join(standIn, 'material.wrapped')),
    ExpirationModel: all.expirationModel,
  });
  const state = (await kms.describeKey({ KeyId: keyId })).KeyMetadata?.KeyState;
  return { kms, keyId, args, imported, state, material: readFileSync(join(dir, 'material.bin')) };
}

describe('the CLI snippet of an import, run with openssl', () => {
  it.each(WRAPPING_ALGORITHMS)(
    'wraps 32 random bytes with %s so that KMS imports them',
    async (algorithm) => {
      const run = await runCliSnippet('SYMMETRIC_DEFAULT', undefined, {
        wrappingAlgorithm: algorithm,
      });
      expect(run.state).toBe('Enabled');
      expect(run.material.length).toBe(32);
      // The material KMS holds is the one openssl made: its KeyMaterialId says so.
      expect(run.imported.KeyMaterialId).toBe(
        createHmac('sha256', run.material)
          .update(`kms-lab/key-material/${run.keyId}`)
          .digest('hex'),
      );
      expect(run.args).toContain('--expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE');
    },
  );

  it.each(['ECC_NIST_P384', 'ECC_SECG_P256K1', 'SM2'] as KeySpec[])(
    'makes an %s private key with openssl, wrapped with RSA_AES_KEY_WRAP_SHA_1 and a 3072-bit key',
    async (keySpec) => {
      const run = await runCliSnippet(keySpec, 'SIGN_VERIFY', {
        wrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_1',
        wrappingKeySpec: 'RSA_3072',
      });
      expect(run.state).toBe('Enabled');
      const { PublicKey } = await run.kms.getPublicKey({ KeyId: run.keyId });
      const fromOpenssl = execFileSync(
        'openssl',
        ['pkey', '-inform', 'DER', '-pubout', '-outform', 'DER'],
        {
          input: run.material,
        },
      );
      expect(toBase64(PublicKey as Uint8Array)).toBe(toBase64(fromOpenssl));
    },
  );
});

/** What the SDK snippets import from node:crypto. */
const NODE_CRYPTO = {
  constants,
  createCipheriv,
  createPublicKey,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
};

/**
 * The SDK snippet run as a module body (its imports swapped for node:crypto itself and a
 * KMSClient whose send goes to the engine), so its node:crypto wrapping meets the engine.
 */
async function runSdkSnippet(
  keySpec: KeySpec,
  keyUsage: KeyUsageType | undefined,
  choices: Partial<ImportChoices>,
) {
  const { kms, keyId, all } = await externalKey(keySpec, keyUsage, choices);
  const code = importSdkSnippet(all);
  class GetParametersForImportCommand {
    constructor(readonly input: Parameters<typeof kms.getParametersForImport>[0]) {}
  }
  class ImportKeyMaterialCommand {
    constructor(readonly input: Parameters<typeof kms.importKeyMaterial>[0]) {}
  }
  class KMSClient {
    send(command: GetParametersForImportCommand | ImportKeyMaterialCommand) {
      return command instanceof GetParametersForImportCommand
        ? kms.getParametersForImport(command.input)
        : kms.importKeyMaterial(command.input as Parameters<typeof kms.importKeyMaterial>[0]);
    }
  }
  // The names the snippet imports from node:crypto, given node:crypto's own functions.
  const cryptoNames = (/^import \{ (.*) \} from 'node:crypto';$/m.exec(code)?.[1] ?? '').split(
    ', ',
  );
  expect(cryptoNames).toContain('publicEncrypt');
  for (const name of cryptoNames) expect(NODE_CRYPTO, name).toHaveProperty(name);
  const stand: Record<string, unknown> = {
    KMSClient,
    GetParametersForImportCommand,
    ImportKeyMaterialCommand,
    ...Object.fromEntries(
      cryptoNames.map((name) => [name, NODE_CRYPTO[name as keyof typeof NODE_CRYPTO]]),
    ),
  };
  const names = Object.keys(stand);
  const body = code.replace(/^import .*$/gm, '');
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  await new AsyncFunction(...names, body)(...names.map((name) => stand[name]));
  return { kms, keyId };
}

describe('the SDK snippet of an import, run with node:crypto', () => {
  it.each(WRAPPING_ALGORITHMS)('imports 32 random bytes with %s', async (algorithm) => {
    const { kms, keyId } = await runSdkSnippet('SYMMETRIC_DEFAULT', undefined, {
      wrappingAlgorithm: algorithm,
    });
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata?.KeyState).toBe('Enabled');
  });

  it('imports a secp256k1 key made by generateKeyPairSync', async () => {
    const { kms, keyId } = await runSdkSnippet('ECC_SECG_P256K1', 'SIGN_VERIFY', {
      wrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
    });
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata?.KeyState).toBe('Enabled');
  });

  it('imports an RSA_2048 key made by generateKeyPairSync, expiring, wrapped with RSA_AES_KEY_WRAP_SHA_256', async () => {
    const validTo = new Date(Date.now() + 86_400_000);
    const { kms, keyId } = await runSdkSnippet('RSA_2048', 'SIGN_VERIFY', {
      wrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
      expirationModel: 'KEY_MATERIAL_EXPIRES',
      validTo,
    });
    const metadata = (await kms.describeKey({ KeyId: keyId })).KeyMetadata;
    expect(metadata?.KeyState).toBe('Enabled');
    expect(metadata?.ValidTo?.toISOString()).toBe(validTo.toISOString());
  });
});
