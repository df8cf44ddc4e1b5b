// SM2 interop with OpenSSL's own command line, which (unlike node:crypto) can set the
// distinguishing ID: our signatures with the default ID 1234567812345678 verify in
// OpenSSL and OpenSSL's verify with ours; SM2 encryption works both ways.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createKms,
  parsePrivateKeyInfo,
  parseSubjectPublicKeyInfo,
  signWithPrivateKey,
  sm2,
  toPem,
  verifyWithPublicKey,
} from '../src/index.js';

const DEFAULT_ID = 'distid:1234567812345678';
const crypto = globalThis.crypto;

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function sm2PairOnDisk() {
  const kms = createKms();
  const { KeyMetadata } = await kms.createKey({});
  const pair = await kms.generateDataKeyPair({ KeyId: KeyMetadata?.KeyId, KeyPairSpec: 'SM2' });
  const dir = mkdtempSync(join(tmpdir(), 'kms-lab-sm2-'));
  const files = {
    privateKey: join(dir, 'private.pem'),
    publicKey: join(dir, 'public.pem'),
    message: join(dir, 'message'),
    signature: join(dir, 'signature'),
    ciphertext: join(dir, 'ciphertext'),
    plaintext: join(dir, 'plaintext'),
  };
  writeFileSync(files.privateKey, toPem(pair.PrivateKeyPlaintext as Uint8Array, 'PRIVATE KEY'));
  writeFileSync(files.publicKey, toPem(pair.PublicKey as Uint8Array, 'PUBLIC KEY'));
  return { pair: pair as { PrivateKeyPlaintext: Uint8Array; PublicKey: Uint8Array }, files };
}

describe('SM2 against the OpenSSL command line', () => {
  it('OpenSSL verifies our SM2-with-SM3 signature made with the default distinguishing ID', async () => {
    const { pair, files } = await sm2PairOnDisk();
    const message = new TextEncoder().encode('envelope encryption with SM2');
    writeFileSync(files.message, message);
    const signature = await signWithPrivateKey('SM2', pair.PrivateKeyPlaintext, message, crypto);
    writeFileSync(files.signature, signature);
    const verify = (id: string[]) =>
      openssl([
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        files.publicKey,
        '-rawin',
        '-in',
        files.message,
        '-digest',
        'sm3',
        ...id,
        '-sigfile',
        files.signature,
      ]);
    expect(verify(['-pkeyopt', DEFAULT_ID])).toContain('Signature Verified Successfully');
    // Without the ID OpenSSL computes another Z: the ID really is part of the signature.
    expect(() => verify([])).toThrow();
  });

  it('we verify OpenSSL’s SM2 signature made with the default distinguishing ID', async () => {
    const { pair, files } = await sm2PairOnDisk();
    const message = new TextEncoder().encode('signed by OpenSSL');
    writeFileSync(files.message, message);
    openssl([
      'pkeyutl',
      '-sign',
      '-inkey',
      files.privateKey,
      '-rawin',
      '-in',
      files.message,
      '-digest',
      'sm3',
      '-pkeyopt',
      DEFAULT_ID,
      '-out',
      files.signature,
    ]);
    const signature = new Uint8Array(readFileSync(files.signature));
    expect(await verifyWithPublicKey('SM2', pair.PublicKey, message, signature, crypto)).toBe(true);
    expect(
      await verifyWithPublicKey(
        'SM2',
        pair.PublicKey,
        new TextEncoder().encode('other'),
        signature,
        crypto,
      ),
    ).toBe(false);
  });

  it('SM2 encryption works both ways', async () => {
    const { pair, files } = await sm2PairOnDisk();
    const secret = new TextEncoder().encode('a data key wrapped with SM2');
    const publicPoint = parseSubjectPublicKeyInfo(pair.PublicKey).publicKey;
    const privateScalar = parsePrivateKeyInfo(pair.PrivateKeyPlaintext).privateKey;

    const ours = sm2.encrypt(secret, publicPoint, {
      random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    });
    writeFileSync(files.ciphertext, ours);
    openssl([
      'pkeyutl',
      '-decrypt',
      '-inkey',
      files.privateKey,
      '-in',
      files.ciphertext,
      '-out',
      files.plaintext,
    ]);
    expect(new Uint8Array(readFileSync(files.plaintext))).toEqual(secret);

    writeFileSync(files.plaintext, secret);
    openssl([
      'pkeyutl',
      '-encrypt',
      '-pubin',
      '-inkey',
      files.publicKey,
      '-in',
      files.plaintext,
      '-out',
      files.ciphertext,
    ]);
    expect(sm2.decrypt(new Uint8Array(readFileSync(files.ciphertext)), privateScalar)).toEqual(
      secret,
    );
  });
});
