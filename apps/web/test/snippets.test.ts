import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { aliyunCliCommand, kmsLabCode } from '../src/snippets/alibaba';
import { awsCliCommand } from '../src/snippets/aws-cli';
import { awsSdkCode } from '../src/snippets/aws-sdk';
import { jsString } from '../src/snippets/js';

/** The arguments a POSIX shell passes for a command line: `aws` is swapped for a printer. */
function shellWords(command: string): string[] {
  const script = `printWords() { for word in "$@"; do printf '%s\\0' "$word"; done; }\n${command.replace(/^(aws|aliyun) /, () => 'printWords ')}`;
  const out = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('AWS CLI command', () => {
  it('is the generate-data-key-pair call a shell hands the CLI, awkward context values intact', () => {
    const command = awsCliCommand('GenerateDataKeyPair', {
      KeyId: 'alias/demo',
      KeyPairSpec: 'ECC_NIST_P256',
      EncryptionContext: { purpose: "it's a test", dept: 'a b' },
      DryRun: true,
    });
    expect(command.startsWith('aws kms generate-data-key-pair')).toBe(true);
    const words = shellWords(command);
    expect(words.slice(0, 6)).toEqual([
      'kms',
      'generate-data-key-pair',
      '--key-id',
      'alias/demo',
      '--key-pair-spec',
      'ECC_NIST_P256',
    ]);
    const context = words[words.indexOf('--encryption-context') + 1] as string;
    expect(JSON.parse(context)).toEqual({ purpose: "it's a test", dept: 'a b' });
    expect(words.at(-1)).toBe('--dry-run');
  });

  it('uses the shorthand map for plain contexts and fileb:// for blobs', () => {
    const words = shellWords(
      awsCliCommand('Decrypt', {
        CiphertextBlob: { file: 'private key.bin' },
        EncryptionContext: { purpose: 'test' },
        KeyId: undefined,
      }),
    );
    expect(words).toEqual([
      'kms',
      'decrypt',
      '--ciphertext-blob',
      'fileb://private key.bin',
      '--encryption-context',
      'purpose=test',
    ]);
  });
});

describe('Alibaba Cloud CLI command', () => {
  it('passes Aad base64-encoded, as the API takes it', () => {
    const words = shellWords(
      aliyunCliCommand('AdvanceGenerateDataKeyPair', {
        KeyId: 'alias/demo',
        KeyPairSpec: 'EC_SM2',
        KeyFormat: 'PEM',
        Aad: { utf8: 'order 42' },
      }),
    );
    expect(words.slice(0, 2)).toEqual(['kms', 'AdvanceGenerateDataKeyPair']);
    expect(Buffer.from(words[words.indexOf('--Aad') + 1] as string, 'base64').toString()).toBe(
      'order 42',
    );
  });
});

describe('SDK code', () => {
  it('is a module that parses, with the inputs as literals', async () => {
    const code = awsSdkCode('GenerateDataKeyPair', {
      KeyId: "alias/it's",
      KeyPairSpec: 'RSA_2048',
      EncryptionContext: { 'with-dash': 'line\nbreak' },
    });
    expect(code).toContain(
      "import { KMSClient, GenerateDataKeyPairCommand } from '@aws-sdk/client-kms';",
    );
    // Parse the code as a module body (imports swapped for stand-ins) and run it.
    const sent: unknown[] = [];
    const body = code
      .replace(/^import .*$/gm, '')
      .replace('const client = new KMSClient', 'const client = new KMSClientStub');
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    class KMSClientStub {
      send(command: unknown) {
        sent.push(command);
        return Promise.resolve({});
      }
    }
    await new AsyncFunction('KMSClientStub', 'GenerateDataKeyPairCommand', body)(
      KMSClientStub,
      class {
        constructor(readonly input: unknown) {}
      },
    );
    expect(sent).toEqual([
      {
        input: {
          KeyId: "alias/it's",
          KeyPairSpec: 'RSA_2048',
          EncryptionContext: { 'with-dash': 'line\nbreak' },
        },
      },
    ]);
  });

  it('reads blob files with node:fs in the KMS Lab core code', () => {
    const code = kmsLabCode('AdvanceDecrypt', { CiphertextBlob: { file: 'blob.bin' } });
    expect(code).toContain("import { readFile } from 'node:fs/promises';");
    expect(code).toContain("CiphertextBlob: await readFile('blob.bin'),");
    expect(code).toContain('kms.advanceDecrypt(');
  });

  it('escapes quotes, backslashes and control characters in string literals', () => {
    const text = "a'b\\c\u0001\u2028";
    expect(jsString(text)).toBe("'a\\'b\\\\c\\u0001\\u2028'");
    expect(new Function(`return ${jsString(text)}`)()).toBe(text);
  });
});

describe('KMS key operations', () => {
  it('pass text and bytes to the AWS CLI as base64, which AWS CLI v2 reads inline blobs as', () => {
    const signature = Buffer.from([1, 2, 250, 251]).toString('base64');
    const words = shellWords(
      awsCliCommand('Verify', {
        KeyId: 'alias/sign',
        Message: { utf8: "it's signed" },
        MessageType: 'RAW',
        Signature: { base64: signature },
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    expect(words.slice(0, 4)).toEqual(['kms', 'verify', '--key-id', 'alias/sign']);
    const message = words[words.indexOf('--message') + 1] as string;
    expect(Buffer.from(message, 'base64').toString()).toBe("it's signed");
    expect(words[words.indexOf('--signature') + 1]).toBe(signature);
    expect(words.slice(-2)).toEqual(['--signing-algorithm', 'ECDSA_SHA_256']);
  });

  it('give the SDK the same bytes: TextEncoder for text, Buffer for base64', async () => {
    const code = awsSdkCode('ReEncrypt', {
      CiphertextBlob: { base64: 'AAEC/w==' },
      SourceEncryptionContext: { app: 'a' },
      DestinationKeyId: 'alias/to',
      Message: { utf8: 'héllo' },
    });
    const sent: { input: Record<string, unknown> }[] = [];
    const body = code
      .replace(/^import .*$/gm, '')
      .replace('const client = new KMSClient', 'const client = new KMSClientStub');
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    await new AsyncFunction('KMSClientStub', 'ReEncryptCommand', body)(
      class {
        send(command: { input: Record<string, unknown> }) {
          sent.push(command);
          return Promise.resolve({});
        }
      },
      class {
        constructor(readonly input: unknown) {}
      },
    );
    const input = sent[0]?.input ?? {};
    expect([...(input.CiphertextBlob as Uint8Array)]).toEqual([0, 1, 2, 255]);
    expect(new TextDecoder().decode(input.Message as Uint8Array)).toBe('héllo');
    expect(input.DestinationKeyId).toBe('alias/to');
  });
});

describe('grant and policy requests', () => {
  const createGrant = {
    KeyId: 'alias/demo',
    GranteePrincipal: 'arn:aws:iam::111122223333:role/Worker',
    Operations: { json: ['GenerateDataKeyPair', 'Decrypt'] },
    Constraints: { json: { EncryptionContextSubset: { tenant: "it's acme" } } },
  };

  it('give the AWS CLI lists and structures as JSON, which it reads for any parameter', () => {
    const words = shellWords(awsCliCommand('CreateGrant', createGrant));
    expect(words.slice(0, 2)).toEqual(['kms', 'create-grant']);
    expect(JSON.parse(words[words.indexOf('--operations') + 1] as string)).toEqual([
      'GenerateDataKeyPair',
      'Decrypt',
    ]);
    expect(JSON.parse(words[words.indexOf('--constraints') + 1] as string)).toEqual({
      EncryptionContextSubset: { tenant: "it's acme" },
    });
  });

  it('give the SDK the same lists and structures as literals', async () => {
    const code = awsSdkCode('CreateGrant', createGrant);
    const sent: { input: Record<string, unknown> }[] = [];
    const body = code
      .replace(/^import .*$/gm, '')
      .replace('const client = new KMSClient', 'const client = new KMSClientStub');
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    await new AsyncFunction('KMSClientStub', 'CreateGrantCommand', body)(
      class {
        send(command: { input: Record<string, unknown> }) {
          sent.push(command);
          return Promise.resolve({});
        }
      },
      class {
        constructor(readonly input: unknown) {}
      },
    );
    expect(sent[0]?.input).toEqual({
      KeyId: 'alias/demo',
      GranteePrincipal: 'arn:aws:iam::111122223333:role/Worker',
      Operations: ['GenerateDataKeyPair', 'Decrypt'],
      Constraints: { EncryptionContextSubset: { tenant: "it's acme" } },
    });
  });

  it('leave an encryption context with a "json" key a map of strings', () => {
    const words = shellWords(awsCliCommand('Encrypt', { EncryptionContext: { json: 'yes' } }));
    expect(words.at(-1)).toBe('json=yes');
  });
});
