import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAttestationDocument } from '../../src/attestation/index.js';
import type { RecipientInfo } from '../../src/index.js';

/**
 * An enclave's side of Recipient: an RSA key pair made by node:crypto (OpenSSL), its private
 * key on disk for `openssl cms -decrypt`, and attestation documents for its public key
 * signed under the development root.
 */
export function enclave() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const directory = mkdtempSync(join(tmpdir(), 'kms-lab-enclave-'));
  const keyFile = join(directory, 'enclave.pem');
  writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  return {
    spki,
    keyFile,
    directory,
    async recipient(now: Date, extra: { pcrs?: Record<number, Uint8Array> } = {}) {
      const document = await createAttestationDocument({ publicKey: spki, now, ...extra });
      return {
        KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
        AttestationDocument: document,
      } satisfies RecipientInfo;
    },
    /** What `openssl cms -decrypt -inform DER -inkey enclave.pem` recovers. */
    open(cms: Uint8Array | undefined): Uint8Array {
      if (!cms) throw new Error('no CiphertextForRecipient');
      const file = join(directory, 'ciphertext-for-recipient.der');
      writeFileSync(file, cms);
      return new Uint8Array(
        execFileSync(
          'openssl',
          ['cms', '-decrypt', '-inform', 'DER', '-inkey', keyFile, '-in', file],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        ),
      );
    },
    /** `openssl cms -cmsout -print`: the structure as OpenSSL reads it. */
    print(cms: Uint8Array): string {
      const file = join(directory, 'print.der');
      writeFileSync(file, cms);
      return execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', file], {
        encoding: 'utf8',
      });
    },
  };
}
