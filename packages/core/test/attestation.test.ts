// The attestation document: verified as AWS Nitro Enclaves define it, and refused, each for
// its own reason, when tampered with, under an untrusted root, expired, or asked for with
// the wrong KeyEncryptionAlgorithm. A real document from a Nitro enclave verifies at its
// own time under the AWS root.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decode, encode } from 'cborg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AWS_NITRO_ENCLAVES_ROOT_PEM,
  CertificateBundleError,
  createAttestationDocument,
  DEV_ATTESTATION_ROOT_PEM,
  readCertificateBundle,
  verifyAttestationDocument,
} from '../src/attestation/index.js';
import { createKms } from '../src/index.js';
import { enclave } from './support/enclave.js';
import { kmsWithClock, rejection } from './support/kms.js';

const START = new Date('2026-06-01T12:00:00Z');
const theEnclave = enclave();
const crypto = globalThis.crypto;
const bothRoots = [AWS_NITRO_ENCLAVES_ROOT_PEM, DEV_ATTESTATION_ROOT_PEM].flatMap(
  readCertificateBundle,
);

/** GenerateRandom with a Recipient: the cheapest operation that takes one. */
async function randomFor(kms: ReturnType<typeof createKms>, recipient: object) {
  return rejection(kms.generateRandom({ NumberOfBytes: 8, Recipient: recipient }));
}

const realDocument = new Uint8Array(
  readFileSync(new URL('./vectors/nitro-attestation-2024-09-17.cbor', import.meta.url)),
);

describe('the trusted roots', () => {
  it('the AWS Nitro Enclaves root has the SHA-256 fingerprint AWS publishes', () => {
    const [der] = readCertificateBundle(AWS_NITRO_ENCLAVES_ROOT_PEM);
    expect(
      createHash('sha256')
        .update(der as Uint8Array)
        .digest('hex')
        .toUpperCase(),
    ).toBe('641A0321A3E244EFE456463195D606317ED7CDCC3C1756E09893F3C68F79BB5B');
  });

  it('an unreadable roots bundle is refused when the KMS is made', () => {
    expect(() => createKms({ attestation: { roots: ['not a certificate'] } })).toThrow(
      CertificateBundleError,
    );
  });
});

describe('a document made by createAttestationDocument', () => {
  it('verifies: its fields, PCRs and the condition keys a key policy reads', async () => {
    const pcr0 = new Uint8Array(48).fill(0xab);
    const document = await createAttestationDocument({
      publicKey: theEnclave.spki,
      pcrs: { 0: pcr0, 8: new Uint8Array(48).fill(1) },
      userData: new Uint8Array([1, 2, 3]),
      nonce: new Uint8Array([9]),
      now: START,
    });
    const verified = await verifyAttestationDocument(document, {
      roots: bothRoots,
      crypto,
      now: START,
    });
    expect(verified.publicKey).toEqual(theEnclave.spki);
    expect(verified.userData).toEqual(new Uint8Array([1, 2, 3]));
    expect(verified.nonce).toEqual(new Uint8Array([9]));
    expect(verified.timestamp).toBe(START.getTime());
    expect(verified.conditionKeys['kms:RecipientAttestation:ImageSha384']).toBe('ab'.repeat(48));
    expect(verified.conditionKeys['kms:RecipientAttestation:PCR8']).toBe('01'.repeat(48));
    // A fresh leaf per document.
    const again = await createAttestationDocument({ publicKey: theEnclave.spki, now: START });
    const leafOf = (doc: Uint8Array) =>
      (decode(decode(doc, { useMaps: true })[2], { useMaps: true }) as Map<string, Uint8Array>).get(
        'certificate',
      );
    expect(leafOf(again)).not.toEqual(leafOf(document));
  });

  it('refuses a tampered document: its signature no longer verifies', async () => {
    const { kms } = kmsWithClock(START);
    const { AttestationDocument } = await theEnclave.recipient(START);
    const [header, unprotected, payload, signature] = decode(AttestationDocument, {
      useMaps: true,
    }) as [Uint8Array, Map<never, never>, Uint8Array, Uint8Array];
    const fields = decode(payload, { useMaps: true }) as Map<string, unknown>;
    // Another enclave's key in place of the attested one.
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fields.set('public_key', new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })));
    const tampered = encode([header, unprotected, encode(fields), signature]);
    const error = await randomFor(kms, {
      KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      AttestationDocument: tampered,
    });
    expect(error.name).toBe('ValidationException');
    expect(error.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/signature does not verify/);
    // A flipped bit in the signature is refused the same way.
    const flipped = AttestationDocument.slice();
    flipped[flipped.length - 1] = (flipped.at(-1) as number) ^ 1;
    const bit = await randomFor(kms, {
      KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      AttestationDocument: flipped,
    });
    expect(bit.message).toMatch(/signature does not verify/);
  });

  it('refuses a document under an untrusted root', async () => {
    const { kms } = kmsWithClock(START, {
      attestation: { roots: [AWS_NITRO_ENCLAVES_ROOT_PEM] },
    });
    const error = await randomFor(kms, await theEnclave.recipient(START));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/does not chain to a trusted root/);
  });

  it('refuses a document whose certificate has expired on the engine clock', async () => {
    const { kms, advanceMs } = kmsWithClock(START);
    const recipient = await theEnclave.recipient(START);
    advanceMs(3 * 60 * 60 * 1000 + 1000); // past the leaf's three hours
    const error = await randomFor(kms, recipient);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/expired on 2026-06-01T15:00:00.000Z/);
  });

  it('refuses a KeyEncryptionAlgorithm other than RSAES_OAEP_SHA_256, and a missing one', async () => {
    const { kms } = kmsWithClock(START);
    const { AttestationDocument } = await theEnclave.recipient(START);
    const wrong = await randomFor(kms, {
      KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
      AttestationDocument,
    });
    expect(wrong.name).toBe('ValidationException');
    expect(wrong.message).toMatch(/RSAES_OAEP_SHA_256/);
    const missing = await randomFor(kms, { AttestationDocument });
    expect(missing.name).toBe('ValidationException');
    expect(missing.message).toMatch(/KeyEncryptionAlgorithm is required/);
  });

  it('refuses a document whose public_key is not an RSA key, or a small one', async () => {
    const { kms } = kmsWithClock(START);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const document = await createAttestationDocument({
      publicKey: new Uint8Array(ec.export({ format: 'der', type: 'spki' })),
      now: START,
    });
    const error = await randomFor(kms, {
      KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      AttestationDocument: document,
    });
    expect(error.message).toMatch(/public_key is not a DER SubjectPublicKeyInfo of an RSA key/);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const weak = await randomFor(kms, {
      KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      AttestationDocument: await createAttestationDocument({
        publicKey: new Uint8Array(small.export({ format: 'der', type: 'spki' })),
        now: START,
      }),
    });
    expect(weak.message).toMatch(/1024-bit RSA key; KMS Lab needs at least 2048 bits/);
  });
});

describe('a real document from an AWS Nitro enclave (2024-09-17)', () => {
  const timestamp = () => {
    const payload = decode(decode(realDocument, { useMaps: true })[2], { useMaps: true });
    return new Date((payload as Map<string, number>).get('timestamp') as number);
  };

  it('verifies at its own time under the AWS Nitro Enclaves root', async () => {
    const verified = await verifyAttestationDocument(realDocument, {
      roots: readCertificateBundle(AWS_NITRO_ENCLAVES_ROOT_PEM),
      crypto,
      now: timestamp(),
    });
    expect(verified.moduleId).toBe('i-0bbf1bfe232b8c2ce-enc0191fc27458c1d41');
    expect(verified.cabundle).toHaveLength(4);
    expect(verified.conditionKeys['kms:RecipientAttestation:PCR3']).toMatch(/^671ca1e3/);
  });

  it('is refused under the development root alone, and today, when its leaf has expired', async () => {
    await expect(
      verifyAttestationDocument(realDocument, {
        roots: readCertificateBundle(DEV_ATTESTATION_ROOT_PEM),
        crypto,
        now: timestamp(),
      }),
    ).rejects.toThrow(/does not chain to a trusted root/);
    await expect(
      verifyAttestationDocument(realDocument, {
        roots: bothRoots,
        crypto,
        now: new Date(timestamp().getTime() + 24 * 60 * 60 * 1000),
      }),
    ).rejects.toThrow(/expired on 2024-09-17T03:47:59.000Z/);
  });

  it('passes every check in a KMS at its time, then is refused: its public_key is not an RSA key', async () => {
    const { kms } = kmsWithClock(timestamp());
    const error = await randomFor(kms, {
      KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      AttestationDocument: realDocument,
    });
    expect(error.message).toMatch(/public_key is not a DER SubjectPublicKeyInfo/);
  });
});

describe('any damage to a document', () => {
  it('is a ValidationException that says why, never a crash (fast-check)', async () => {
    const { kms } = kmsWithClock(START);
    const { AttestationDocument } = await theEnclave.recipient(START);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // Random bytes.
          fc.uint8Array({ maxLength: 64 }),
          // The valid document with bytes changed, cut short or extended.
          fc
            .array(
              fc.tuple(fc.nat(AttestationDocument.length - 1), fc.integer({ min: 1, max: 255 })),
              {
                minLength: 1,
                maxLength: 4,
              },
            )
            .map((changes) => {
              const damaged = AttestationDocument.slice();
              for (const [at, xor] of changes) damaged[at] = (damaged[at] as number) ^ xor;
              return damaged;
            }),
          fc.nat(AttestationDocument.length - 1).map((end) => AttestationDocument.slice(0, end)),
        ),
        async (document) => {
          const error = await randomFor(kms, {
            KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
            AttestationDocument: document,
          });
          expect(error.name).toBe('ValidationException');
          expect(error.message).toMatch(/recipient/i);
        },
      ),
      { numRuns: 150, seed: 14 },
    );
  });
});
