// Helpers for the kms-keys tests: the two ways the engine holds a KMS key's private half,
// node:crypto KeyObjects of our keys, and the OpenSSL command line.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  type KeyPairKeySpec,
  type PrivateKeyAccess,
  privateKeyAccessFromBytes,
  SIGNING_ALGORITHMS,
} from '../../src/kms-keys/index.js';

export { rejection as failure } from './kms.js';

/** Every key pair spec but the larger RSA ones: one key per family, RSA_2048 for RSA. */
export const ONE_SPEC_PER_FAMILY = (Object.keys(SIGNING_ALGORITHMS) as KeyPairKeySpec[]).filter(
  (spec) => spec !== 'RSA_3072' && spec !== 'RSA_4096',
);
/** The elliptic-curve key pair specs. */
export const CURVE_SPECS = ONE_SPEC_PER_FAMILY.filter((spec) => spec !== 'RSA_2048');

export const crypto = globalThis.crypto;

export type AccessKind = 'bytes' | 'crypto-key';
export const ACCESS_KINDS: readonly AccessKind[] = ['bytes', 'crypto-key'];

/**
 * `bytes`: privateKeyAccessFromBytes, as the engine uses it for file stores.
 * `crypto-key`: a store that holds non-extractable CryptoKeys only, whose bytes() fails; an
 * operation that works with it took the WebCrypto path and never saw the key bytes.
 */
export function accessOf(kind: AccessKind, privateKey: Uint8Array): PrivateKeyAccess {
  const fromBytes = privateKeyAccessFromBytes(privateKey, crypto);
  if (kind === 'bytes') return fromBytes;
  return {
    bytes: () => Promise.reject(new Error('this store holds CryptoKeys only')),
    async webCryptoKey(name, algorithm, usages) {
      const key = await fromBytes.webCryptoKey(name, algorithm, usages);
      expect(key.extractable).toBe(false);
      return key;
    },
  };
}

export const nodePublicKey = (spki: Uint8Array | undefined): KeyObject =>
  createPublicKey({ key: Buffer.from(spki as Uint8Array), format: 'der', type: 'spki' });

export const nodePrivateKey = (pkcs8: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A copy with one bit flipped at `index` (from the end when negative). */
export function tamper(bytes: Uint8Array, index = -1): Uint8Array {
  const copy = bytes.slice();
  const at = index < 0 ? copy.length + index : index;
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

export function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export const scratchDir = (): string => mkdtempSync(join(tmpdir(), 'kms-lab-kms-keys-'));
