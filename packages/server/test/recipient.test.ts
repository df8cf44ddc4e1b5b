// Recipient end to end: `kms-lab attestation` makes a document for an enclave's RSA key,
// boto3 sends it to `kms-lab serve` on every operation that takes one, and `openssl cms
// -decrypt` opens each CiphertextForRecipient with the enclave's private key. Tampered and
// expired documents, a wrong KeyEncryptionAlgorithm and an untrusted root are refused.
import { execFile, execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateKeyCommand, GenerateDataKeyPairCommand } from '@aws-sdk/client-kms';
import { AWS_NITRO_ENCLAVES_ROOT_PEM, createAttestationDocument } from '@kms-lab/core/attestation';
import { describe, expect, it } from 'vitest';
import { directoryPerTest, failure, runBin, sdkClient, spawnServer } from './support/server.js';

const directory = directoryPerTest();
const SCRIPT = new URL('./support/recipient_boto3.py', import.meta.url).pathname;

const boto3Available = await promisify(execFile)('python3', ['-c', 'import boto3']).then(
  () => true,
  (error: Error) => {
    console.warn(
      `Skipping the boto3 Recipient test: python3 cannot import boto3 (${error.message}).`,
    );
    return false;
  },
);

/** The enclave's RSA key on disk: DER SPKI for `kms-lab attestation`, PEM for openssl. */
async function enclaveKey(dir: string) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const files = { publicDer: join(dir, 'enclave.der'), privatePem: join(dir, 'enclave.pem') };
  await writeFile(files.publicDer, publicKey.export({ format: 'der', type: 'spki' }));
  await writeFile(files.privatePem, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  return files;
}

const cmsDecrypt = (file: string, keyFile: string) =>
  execFileSync('openssl', ['cms', '-decrypt', '-inform', 'DER', '-inkey', keyFile, '-in', file]);

describe('kms-lab attestation', () => {
  it('writes a document; bad options are refused with status 2 and a reason', async () => {
    const key = await enclaveKey(directory.path);
    const out = join(directory.path, 'doc.cbor');
    const made = await runBin(
      ['attestation', '--public-key', key.publicDer, '--pcr', `0=${'ab'.repeat(48)}`, '--out', out],
      directory.path,
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/public test CA/);
    // COSE_Sign1: a CBOR array of 4 (0x84) whose protected header says ES384 (-35).
    expect([...(await readFile(out)).subarray(0, 5)]).toEqual([0x84, 0x44, 0xa1, 0x01, 0x38]);
    const bad = await runBin(
      ['attestation', '--public-key', key.publicDer, '--pcr', '40=00', '--out', out],
      directory.path,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--pcr must be N=HEX with N from 0 to 31/);
  });
});

describe.skipIf(!boto3Available)('boto3 with a Recipient against kms-lab serve', () => {
  it('every operation returns CiphertextForRecipient and no plaintext; openssl cms -decrypt opens each', async () => {
    const dir = directory.path;
    const key = await enclaveKey(dir);
    const valid = join(dir, 'valid.cbor');
    const made = await runBin(
      [
        'attestation',
        '--public-key',
        key.publicDer,
        '--user-data',
        'cafe',
        '--nonce',
        '01',
        '--out',
        valid,
      ],
      dir,
    );
    expect(made.code).toBe(0);
    // A signature with one bit flipped.
    const tampered = Buffer.from(await readFile(valid));
    tampered[tampered.length - 1] = (tampered.at(-1) as number) ^ 1;
    await writeFile(join(dir, 'tampered.cbor'), tampered);
    // A document whose three-hour leaf certificate ran out yesterday.
    const expired = await createAttestationDocument({
      publicKey: new Uint8Array(await readFile(key.publicDer)),
      now: new Date(Date.now() - 24 * 60 * 60 * 1000),
    });
    await writeFile(join(dir, 'expired.cbor'), expired);
    const peer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await writeFile(join(dir, 'peer.der'), peer.publicKey.export({ format: 'der', type: 'spki' }));

    const server = await spawnServer(['serve', '--port', '0', '--memory'], dir);
    const { stdout } = await promisify(execFile)('python3', [
      SCRIPT,
      server.url,
      dir,
      valid,
      join(dir, 'peer.der'),
      `tampered=${join(dir, 'tampered.cbor')}`,
      `expired=${join(dir, 'expired.cbor')}`,
      `wrong-algorithm=${valid}`,
    ]);
    await server.stop();
    const summary = JSON.parse(stdout) as {
      fields: Record<string, string[]>;
      errors: Record<string, { code: string; message: string; status: number } | null>;
    };
    const plaintextFields = ['Plaintext', 'PrivateKeyPlaintext', 'SharedSecret'];
    for (const [operation, fields] of Object.entries(summary.fields)) {
      expect(fields, operation).toContain('CiphertextForRecipient');
      expect(
        fields.filter((field) => plaintextFields.includes(field)),
        operation,
      ).toEqual([]);
    }
    expect(Object.keys(summary.fields).sort()).toEqual([
      'Decrypt',
      'DeriveSharedSecret',
      'GenerateDataKey',
      'GenerateDataKeyPair',
      'GenerateRandom',
    ]);

    const open = (name: string) => cmsDecrypt(join(dir, name), key.privatePem);
    // The private key of the returned PublicKey.
    const privateKey = createPrivateKey({ key: open('pair.cms'), format: 'der', type: 'pkcs8' });
    expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' })).toEqual(
      await readFile(join(dir, 'pair.public.der')),
    );
    expect(open('data-key.cms')).toEqual(await readFile(join(dir, 'data-key.plaintext')));
    expect(open('decrypt.cms').toString()).toBe('decrypted for the enclave');
    expect(open('random.cms')).toHaveLength(40);
    const kmsPublicKey = createPublicKey({
      key: await readFile(join(dir, 'agreement.public.der')),
      format: 'der',
      type: 'spki',
    });
    expect(open('shared-secret.cms')).toEqual(
      diffieHellman({ privateKey: peer.privateKey, publicKey: kmsPublicKey }),
    );

    expect(summary.errors.tampered).toMatchObject({ code: 'ValidationException', status: 400 });
    expect(summary.errors.tampered?.message).toMatch(/signature does not verify/);
    expect(summary.errors.expired).toMatchObject({ code: 'ValidationException', status: 400 });
    expect(summary.errors.expired?.message).toMatch(/expired on/);
    expect(summary.errors['wrong-algorithm']).toMatchObject({
      code: 'ValidationException',
      status: 400,
    });
    expect(summary.errors['wrong-algorithm']?.message).toMatch(/RSAES_OAEP_SHA_256/);
  });
});

describe('kms-lab serve --attestation-roots', () => {
  it('trusts only the bundle given: a development document is refused under the AWS root alone', async () => {
    const dir = directory.path;
    const key = await enclaveKey(dir);
    const roots = join(dir, 'aws-root.pem');
    await writeFile(roots, AWS_NITRO_ENCLAVES_ROOT_PEM);
    const server = await spawnServer(
      ['serve', '--port', '0', '--memory', '--attestation-roots', roots],
      dir,
    );
    const client = sdkClient(server);
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    const error = await failure(
      client.send(
        new GenerateDataKeyPairCommand({
          KeyId: KeyMetadata?.KeyId,
          KeyPairSpec: 'ECC_NIST_P256',
          Recipient: {
            KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
            AttestationDocument: await createAttestationDocument({
              publicKey: new Uint8Array(await readFile(key.publicDer)),
            }),
          },
        }),
      ),
    );
    client.destroy();
    await server.stop();
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/does not chain to a trusted root/);
  });

  it('refuses to start with a file that holds no certificate', async () => {
    const file = join(directory.path, 'empty.pem');
    await writeFile(file, 'no certificates here\n');
    const run = await runBin(
      ['serve', '--port', '0', '--memory', '--attestation-roots', file],
      directory.path,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--attestation-roots .*no '-----BEGIN CERTIFICATE-----' block/);
  });
});
