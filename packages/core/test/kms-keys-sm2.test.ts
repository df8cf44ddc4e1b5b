// SM2 KMS keys against OpenSSL: SM2DSA with MessageType RAW and DIGEST both ways through the
// openssl command line (which, unlike node:crypto, sets the distinguishing ID), SM2PKE both
// ways, and SM2 ECDH against node:crypto's createECDH('SM2') and a noble computation.
import { createECDH } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { numberToBytesBE } from '@noble/curves/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sm2 } from '../src/curves/sm2.js';
import { parsePrivateKeyInfo, parseSubjectPublicKeyInfo } from '../src/der/parse-key.js';
import { toPem } from '../src/der/pem.js';
import { sm3 } from '../src/hashes/sm3.js';
import {
  decrypt,
  deriveSharedSecret,
  encrypt,
  generateKmsKeyMaterial,
  type KmsKeyMaterial,
  sign,
  verify,
} from '../src/kms-keys/index.js';
import {
  accessOf,
  crypto,
  failure,
  openssl,
  scratchDir,
  tamper,
  utf8,
} from './support/kms-keys.js';

const DEFAULT_ID = 'distid:1234567812345678';
const spec = 'SM2';

let key: Required<KmsKeyMaterial>;
let point: Uint8Array;
let files: Record<'privateKey' | 'publicKey' | 'message' | 'signature' | 'in' | 'out', string>;

beforeAll(async () => {
  key = (await generateKmsKeyMaterial(spec, crypto)) as Required<KmsKeyMaterial>;
  point = parseSubjectPublicKeyInfo(key.publicKey).publicKey;
  const dir = scratchDir();
  files = {
    privateKey: join(dir, 'private.pem'),
    publicKey: join(dir, 'public.pem'),
    message: join(dir, 'message'),
    signature: join(dir, 'signature'),
    in: join(dir, 'in'),
    out: join(dir, 'out'),
  };
  writeFileSync(files.privateKey, toPem(key.privateKey, 'PRIVATE KEY'));
  writeFileSync(files.publicKey, toPem(key.publicKey, 'PUBLIC KEY'));
});

const read = (path: string) => new Uint8Array(readFileSync(path));

/** e = SM3(Z_A || M): what AWS has the caller compute for MessageType DIGEST. */
const digestOf = (message: Uint8Array) => sm3(new Uint8Array([...sm2.computeZ(point), ...message]));

function opensslVerifies(message: Uint8Array, signature: Uint8Array, id = [DEFAULT_ID]): boolean {
  writeFileSync(files.message, message);
  writeFileSync(files.signature, signature);
  try {
    const output = openssl([
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
      ...id.flatMap((option) => ['-pkeyopt', option]),
      '-sigfile',
      files.signature,
    ]);
    return output.includes('Signature Verified Successfully');
  } catch {
    return false;
  }
}

describe('SM2DSA', () => {
  it('OpenSSL verifies our RAW and DIGEST signatures over the message, with the default ID', async () => {
    const message = utf8('signed by an SM2 KMS key');
    const access = accessOf('bytes', key.privateKey);
    const raw = await sign(spec, access, 'SM2DSA', 'RAW', message, crypto);
    const fromDigest = await sign(spec, access, 'SM2DSA', 'DIGEST', digestOf(message), crypto);
    for (const signature of [raw, fromDigest]) {
      expect(opensslVerifies(message, signature)).toBe(true);
      // Another ID gives another Z_A, so the ID really is inside the signature.
      expect(opensslVerifies(message, signature, ['distid:someone-else'])).toBe(false);
    }
  });

  it('OpenSSL’s signature passes our RAW and DIGEST verify; altered ones fail', async () => {
    const message = utf8('signed by OpenSSL');
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
    const signature = read(files.signature);
    const digest = digestOf(message);
    const check = (type: 'RAW' | 'DIGEST', bytes: Uint8Array, sig: Uint8Array) =>
      verify(spec, key.publicKey, 'SM2DSA', type, bytes, sig, crypto);
    expect(await check('RAW', message, signature)).toBe(true);
    expect(await check('DIGEST', digest, signature)).toBe(true);
    for (const bad of [tamper(signature), tamper(signature, 10), new Uint8Array(0)]) {
      expect(await check('RAW', message, bad)).toBe(false);
      expect(await check('DIGEST', digest, bad)).toBe(false);
    }
    expect(await check('RAW', tamper(message), signature)).toBe(false);
    expect(await check('DIGEST', tamper(digest), signature)).toBe(false);
    // A DIGEST is e itself: the plain SM3 of the message (no Z_A) is another message.
    expect(await check('DIGEST', sm3(message), signature)).toBe(false);
  });

  it('signDigest over e = SM3(Z_A || M) is sign over M, nonce for nonce', () => {
    const message = utf8('same e, same signature');
    const d = parsePrivateKeyInfo(key.privateKey).privateKey;
    const random = () => {
      throw new Error('a fixed k draws no randomness');
    };
    for (const k of [1n, 0x1234567890abcdefn, sm2.params.n - 1n]) {
      expect(sm2.signDigest(digestOf(message), d, { random, k })).toEqual(
        sm2.sign(message, d, { random, k }),
      );
    }
    expect(() => sm2.signDigest(new Uint8Array(31), d, { random, k: 1n })).toThrow(/32 bytes/);
    expect(sm2.verifyDigest(new Uint8Array(8), new Uint8Array(31), point)).toBe(false);
  });

  it('a DIGEST that is not 32 bytes is refused in AWS’s words', async () => {
    const access = accessOf('bytes', key.privateKey);
    const error = await failure(sign(spec, access, 'SM2DSA', 'DIGEST', new Uint8Array(33), crypto));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Digest is invalid length for algorithm SM2DSA.');
  });
});

describe('SM2PKE', () => {
  it('OpenSSL decrypts ours and we decrypt OpenSSL’s, up to AWS’s 1024 bytes', async () => {
    const access = accessOf('bytes', key.privateKey);
    for (const plaintext of [utf8('a data key wrapped with SM2'), new Uint8Array(1024).fill(9)]) {
      writeFileSync(files.in, await encrypt(spec, key.publicKey, 'SM2PKE', plaintext, crypto));
      openssl([
        'pkeyutl',
        '-decrypt',
        '-inkey',
        files.privateKey,
        '-in',
        files.in,
        '-out',
        files.out,
      ]);
      expect(read(files.out)).toEqual(plaintext);

      writeFileSync(files.in, plaintext);
      openssl([
        'pkeyutl',
        '-encrypt',
        '-pubin',
        '-inkey',
        files.publicKey,
        '-in',
        files.in,
        '-out',
        files.out,
      ]);
      expect(await decrypt(spec, access, 'SM2PKE', read(files.out), crypto)).toEqual(plaintext);
    }
  });

  it('refuses 1025 bytes, and answers InvalidCiphertextException for what does not decrypt', async () => {
    const tooLarge = await failure(
      encrypt(spec, key.publicKey, 'SM2PKE', new Uint8Array(1025), crypto),
    );
    expect(tooLarge.name).toBe('ValidationException');
    expect(tooLarge.message).toBe(
      'Algorithm SM2PKE and key spec SM2 cannot encrypt data larger than 1024 bytes.',
    );
    const ciphertext = await encrypt(spec, key.publicKey, 'SM2PKE', utf8('secret'), crypto);
    const access = accessOf('bytes', key.privateKey);
    for (const bad of [tamper(ciphertext), ciphertext.subarray(0, 40), utf8('garbage')]) {
      const error = await failure(decrypt(spec, access, 'SM2PKE', bad, crypto));
      expect(error.name).toBe('InvalidCiphertextException');
      expect(error.message).toBe('');
    }
  });
});

describe('SM2 ECDH', () => {
  // OpenSSL 3.0's `pkeyutl -derive` refuses SM2 keys ("operation not supported for this
  // keytype"), but node:crypto's createECDH('SM2') runs OpenSSL's EC arithmetic on the curve.
  it('equals node:crypto’s createECDH("SM2") and noble on the peer’s side', async () => {
    const peer = (await generateKmsKeyMaterial(spec, crypto)) as Required<KmsKeyMaterial>;
    const peerScalar = parsePrivateKeyInfo(peer.privateKey).privateKey;
    const ours = await deriveSharedSecret(
      spec,
      accessOf('bytes', key.privateKey),
      peer.publicKey,
      crypto,
    );
    expect(ours.length).toBe(32);

    const node = createECDH('SM2');
    node.setPrivateKey(Buffer.from(peerScalar));
    expect(new Uint8Array(node.computeSecret(Buffer.from(point)))).toEqual(ours);

    const noble = sm2.Point.fromBytes(point).multiply(sm2.Point.Fn.fromBytes(peerScalar));
    expect(numberToBytesBE(noble.toAffine().x, 32)).toEqual(ours);
  });

  it('refuses a point that is not on the SM2 curve', async () => {
    const peer = (await generateKmsKeyMaterial(spec, crypto)) as Required<KmsKeyMaterial>;
    const offCurve = tamper(peer.publicKey);
    const error = await failure(
      deriveSharedSecret(spec, accessOf('bytes', key.privateKey), offCurve, crypto),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('PublicKey is not a valid point on the curve of key spec SM2.');
  });
});
