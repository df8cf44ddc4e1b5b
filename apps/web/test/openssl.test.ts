import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, type SupportedDataKeyPairSpec, toPem } from '@kms-lab/core';
import { afterAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, type UseEncryptionAlgorithm, verify } from '../src/crypto/operations';
import { opensslEncryptDecrypt, opensslSignVerify } from '../src/snippets/openssl';

// The snippets run in a real shell with the system's OpenSSL 3, on key pairs made by
// core's generator; what OpenSSL signs or encrypts is checked by the app's own worker code.

const dir = mkdtempSync(join(tmpdir(), 'kms-lab-openssl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writePair(spec: SupportedDataKeyPairSpec) {
  const pair = await generateKeyPair(spec, globalThis.crypto);
  writeFileSync(join(dir, 'public-key.pem'), toPem(pair.publicKey, 'PUBLIC KEY'));
  writeFileSync(join(dir, 'private-key.pem'), toPem(pair.privateKey, 'PRIVATE KEY'));
  return pair;
}

const run = (script: string) => execFileSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8' });

describe('OpenSSL snippets', () => {
  const signing: [SupportedDataKeyPairSpec, string][] = [
    ['ECC_NIST_P256', 'ECDSA_SHA_256'],
    ['ECC_NIST_P384', 'ECDSA_SHA_384'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
    ['RSA_2048', 'RSASSA_PSS_SHA_256'],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_512'],
    ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512'],
    ['SM2', 'SM2DSA'],
  ];
  it.each(signing)(
    '%s %s: OpenSSL signs and verifies, and the app verifies the signature',
    async (spec, algorithm) => {
      const pair = await writePair(spec);
      const message = "it's a message";
      const output = run(opensslSignVerify(algorithm, message) as string);
      expect(output).toMatch(/Verified OK|Signature Verified Successfully/);
      const signature = new Uint8Array(readFileSync(join(dir, 'signature.bin')));
      const valid = await verify(
        spec,
        pair.publicKey,
        new TextEncoder().encode(message),
        signature,
        algorithm as never,
      );
      expect(valid).toBe(true);
    },
  );

  const encryption: [SupportedDataKeyPairSpec, UseEncryptionAlgorithm][] = [
    ['RSA_2048', 'RSAES_OAEP_SHA_256'],
    ['RSA_2048', 'RSAES_OAEP_SHA_1'],
    ['SM2', 'SM2PKE'],
  ];
  it.each(encryption)(
    '%s %s: what OpenSSL encrypts the app decrypts, and back',
    async (spec, algorithm) => {
      const pair = await writePair(spec);
      const plaintext = 'a data key';
      expect(run(opensslEncryptDecrypt(algorithm, plaintext) as string)).toBe(plaintext);
      const fromOpenssl = new Uint8Array(readFileSync(join(dir, 'ciphertext.bin')));
      expect(
        new TextDecoder().decode(await decrypt(spec, pair.privateKey, fromOpenssl, algorithm)),
      ).toBe(plaintext);
      const fromApp = await encrypt(
        spec,
        pair.publicKey,
        new TextEncoder().encode(plaintext),
        algorithm,
      );
      writeFileSync(join(dir, 'ciphertext.bin'), fromApp);
      expect(run(opensslEncryptDecrypt(algorithm, plaintext)?.split('\n').at(-1) as string)).toBe(
        plaintext,
      );
    },
  );

  it('has no command for an algorithm it does not know', () => {
    expect(opensslSignVerify('ED25519_PH_SHA_512', 'x')).toBeUndefined();
    expect(opensslEncryptDecrypt('SYMMETRIC_DEFAULT', 'x')).toBeUndefined();
  });
});
