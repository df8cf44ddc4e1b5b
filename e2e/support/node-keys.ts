import { execFileSync } from 'node:child_process';
import {
  constants,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  verify as nodeVerify,
  privateDecrypt,
} from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What node:crypto (OpenSSL) makes of a key pair read from the page. */
export interface ParsedPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo of the page's public key. */
  publicDer: Buffer;
  /** DER SubjectPublicKeyInfo of the public key OpenSSL derives from the private key. */
  derivedPublicDer: Buffer;
  /** DER PKCS #8 of the private key, as OpenSSL re-encodes it. */
  privateDer: Buffer;
}

export function parsePair(publicPem: string, privatePem: string): ParsedPair {
  const publicKey = createPublicKey(publicPem);
  const privateKey = createPrivateKey(privatePem);
  return {
    publicKey,
    privateKey,
    publicDer: publicKey.export({ format: 'der', type: 'spki' }),
    derivedPublicDer: createPublicKey(privateKey).export({ format: 'der', type: 'spki' }),
    privateDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

/** The DER bytes inside a PEM block exactly as written (no re-encoding). */
export function pemDer(pem: string): Buffer {
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match?.[2]) throw new Error('not a PEM block');
  return Buffer.from(match[2].replace(/\s+/g, ''), 'base64');
}

/** The base64 lines of a PEM block, as they stand between BEGIN and END. */
export function pemBody(pem: string): string {
  return pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .join('\n');
}

/**
 * Verifies a signature the app made, with node:crypto where it has the algorithm and
 * the OpenSSL command line for SM2 (node:crypto cannot set SM2's distinguishing ID).
 */
export function verifyWithOpenSsl(
  algorithm: string,
  publicKeyPem: string,
  message: Buffer,
  signature: Buffer,
): boolean {
  const publicKey = createPublicKey(publicKeyPem);
  switch (algorithm) {
    case 'RSASSA_PKCS1_V1_5_SHA_256':
      return nodeVerify('sha256', message, publicKey, signature);
    case 'RSASSA_PSS_SHA_256':
      // AWS KMS: the PSS salt is as long as the digest.
      return nodeVerify(
        'sha256',
        message,
        { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        signature,
      );
    case 'ECDSA_SHA_256':
      return nodeVerify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature);
    case 'ED25519_SHA_512':
      return nodeVerify(null, message, publicKey, signature);
    case 'SM2DSA':
      return verifySm2WithCli(publicKeyPem, message, signature);
    default:
      throw new Error(`No verifier for ${algorithm}`);
  }
}

/** SM2 with SM3 and the default distinguishing ID 1234567812345678, as AWS KMS signs. */
function verifySm2WithCli(publicKeyPem: string, message: Buffer, signature: Buffer): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'kms-lab-e2e-sm2-'));
  try {
    const files = {
      key: join(dir, 'public.pem'),
      message: join(dir, 'message'),
      signature: join(dir, 'signature'),
    };
    writeFileSync(files.key, publicKeyPem);
    writeFileSync(files.message, message);
    writeFileSync(files.signature, signature);
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', files.key, '-rawin'];
    args.push('-in', files.message, '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678');
    args.push('-sigfile', files.signature);
    try {
      const out = execFileSync('openssl', args, { encoding: 'utf8', stdio: 'pipe' });
      return out.includes('Signature Verified Successfully');
    } catch {
      return false;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Decrypts an RSA-OAEP ciphertext the app made with the pair's public key. */
export function rsaOaepDecrypt(privateKey: KeyObject, ciphertext: Buffer, hash: string): Buffer {
  return privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash },
    ciphertext,
  );
}
