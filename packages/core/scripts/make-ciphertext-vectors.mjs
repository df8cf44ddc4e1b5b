#!/usr/bin/env node
// Writes test/vectors/ciphertext-v1.json: ciphertext blobs built straight from
// docs/ciphertext-format.md with node:crypto (OpenSSL), independently of the engine's
// code. The engine's tests check that it reads these bytes and would write the same
// ones, so a format change cannot slip in unnoticed. Run once per format version.
import { createCipheriv, createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const crc32 = (bytes) => {
  // zlib's crc32 is not exposed on Node 20; a bitwise CRC-32 (ISO-HDLC) as the doc says.
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
};

const encodeContext = (context) => {
  const pairs = Object.entries(context).map(([k, v]) => [
    Buffer.from(k, 'utf8'),
    Buffer.from(v, 'utf8'),
  ]);
  pairs.sort(([a], [b]) => Buffer.compare(a, b));
  return Buffer.concat([
    u32(pairs.length),
    ...pairs.flatMap(([k, v]) => [u32(k.length), k, u32(v.length), v]),
  ]);
};

const seeded = (label, length) => createHash('sha512').update(label).digest().subarray(0, length);

function blob({ aadKind, keyId, keyMaterialId, keyMaterial, iv, aad, plaintext }) {
  const id = Buffer.from(keyId, 'ascii');
  const head = Buffer.concat([
    Buffer.from('KL', 'ascii'),
    Buffer.from([1, aadKind, id.length]),
    id,
    keyMaterialId,
    iv,
  ]);
  const header = Buffer.concat([head, u32(crc32(head))]);
  const cipher = createCipheriv('aes-256-gcm', keyMaterial, iv);
  cipher.setAAD(Buffer.concat([header, aad]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([header, body]);
}

const keyId = '1234abcd-12ab-44cd-96ef-1234567890ab';
const keyMaterialId = seeded('kms-lab vector key material id', 32);
const keyMaterial = seeded('kms-lab vector key material', 32);
const vectors = [
  {
    name: 'Encrypt with an encryption context',
    aadKind: 0,
    encryptionContext: { purpose: 'test vector', Department: 'Ünïcode' },
    plaintext: Buffer.from('KMS Lab ciphertext format v1', 'utf8'),
    iv: seeded('iv 1', 12),
  },
  {
    name: 'Encrypt with no encryption context',
    aadKind: 0,
    encryptionContext: {},
    plaintext: Buffer.from([0]),
    iv: seeded('iv 2', 12),
  },
  {
    name: 'AdvanceGenerateDataKeyPair with Aad',
    aadKind: 1,
    aad: Buffer.from('alibaba aad', 'utf8'),
    plaintext: Buffer.from('a private key would be here', 'utf8'),
    iv: seeded('iv 3', 12),
  },
];

const out = {
  description:
    'KMS Lab ciphertext blob format v1 vectors, made by scripts/make-ciphertext-vectors.mjs with node:crypto from docs/ciphertext-format.md',
  keyId,
  keyMaterialId: keyMaterialId.toString('hex'),
  keyMaterial: keyMaterial.toString('hex'),
  vectors: vectors.map((v) => {
    const aad = v.aadKind === 0 ? encodeContext(v.encryptionContext) : v.aad;
    return {
      name: v.name,
      aadKind: v.aadKind,
      ...(v.aadKind === 0
        ? { encryptionContext: v.encryptionContext }
        : { aad: v.aad.toString('hex') }),
      iv: v.iv.toString('hex'),
      plaintext: v.plaintext.toString('hex'),
      blob: blob({
        aadKind: v.aadKind,
        keyId,
        keyMaterialId,
        keyMaterial,
        iv: v.iv,
        aad,
        plaintext: v.plaintext,
      }).toString('hex'),
    };
  }),
};
writeFileSync(
  new URL('../test/vectors/ciphertext-v1.json', import.meta.url),
  `${JSON.stringify(out, null, 2)}\n`,
);
console.log(`wrote ${out.vectors.length} vectors`);
