import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKms } from '@kms-lab/core';
import { createAttestationDocument, envelopeForRecipient } from '@kms-lab/core/attestation';
import { describe, expect, it } from 'vitest';
import { CMS_CONTENT_INFO } from '../src/asn1/cms-schema';
import { derTree, flatten } from '../src/asn1/der-tree';
import { decodeAttestation } from '../src/features/enclave/attestation-view';
import { enclaveSnippets } from '../src/features/enclave/enclave-snippets';
import {
  EnvelopeError,
  openEnvelope,
  subjectKeyIdentifier,
} from '../src/features/enclave/open-envelope';

const RSA_OAEP = { name: 'RSA-OAEP', hash: 'SHA-256' };

/** An enclave key as the worker makes one: RSA-2048, private half non-extractable. */
async function enclaveKey() {
  const pair = (await crypto.subtle.generateKey(
    { ...RSA_OAEP, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    false,
    ['encrypt', 'decrypt'],
  )) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { privateKey: pair.privateKey, spki };
}

describe('openEnvelope (the enclave worker opening CiphertextForRecipient)', () => {
  it("opens what the engine's GenerateDataKeyPair envelopes, and the key inside matches PublicKey", async () => {
    const enclave = await enclaveKey();
    const kms = createKms();
    const { KeyMetadata } = await kms.createKey({});
    const response = await kms.generateDataKeyPair({
      KeyId: KeyMetadata?.KeyId as string,
      KeyPairSpec: 'ECC_NIST_P256',
      Recipient: {
        KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
        AttestationDocument: await createAttestationDocument({ publicKey: enclave.spki }),
      },
    });
    expect(response.PrivateKeyPlaintext).toBeUndefined();
    const { plaintext, recipientMatches } = await openEnvelope(
      response.CiphertextForRecipient as Uint8Array,
      enclave.privateKey,
      enclave.spki,
    );
    expect(recipientMatches).toBe(true);
    // node:crypto (OpenSSL) reads the PKCS #8 and derives the response's PublicKey from it.
    const privateKey = createPrivateKey({
      key: Buffer.from(plaintext),
      format: 'der',
      type: 'pkcs8',
    });
    expect(
      createPublicKey(privateKey)
        .export({ format: 'der', type: 'spki' })
        .equals(Buffer.from(response.PublicKey as Uint8Array)),
    ).toBe(true);
  });

  it('opens an envelope OpenSSL made with `openssl cms -encrypt` for the same key', async () => {
    // The other direction of interop: OpenSSL's own CMS, RSAES-OAEP SHA-256 and AES-256-CBC,
    // to a certificate whose subject key identifier is the enclave key's.
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = mkdtempSync(join(tmpdir(), 'enclave-'));
    writeFileSync(join(dir, 'key.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
    writeFileSync(join(dir, 'secret.bin'), 'the data key pair, for the enclave');
    execFileSync('openssl', [
      'req',
      '-x509',
      '-new',
      '-key',
      join(dir, 'key.pem'),
      '-subj',
      '/CN=enclave',
      '-days',
      '1',
      '-out',
      join(dir, 'cert.pem'),
    ]);
    execFileSync('openssl', [
      'cms',
      '-encrypt',
      '-binary',
      '-aes-256-cbc',
      '-keyid',
      '-recip',
      join(dir, 'cert.pem'),
      '-keyopt',
      'rsa_padding_mode:oaep',
      '-keyopt',
      'rsa_oaep_md:sha256',
      '-keyopt',
      'rsa_mgf1_md:sha256',
      '-in',
      join(dir, 'secret.bin'),
      '-outform',
      'DER',
      '-out',
      join(dir, 'cms.der'),
    ]);
    const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
    const key = await crypto.subtle.importKey(
      'pkcs8',
      privateKey.export({ format: 'der', type: 'pkcs8' }),
      RSA_OAEP,
      false,
      ['decrypt'],
    );
    const opened = await openEnvelope(
      new Uint8Array(readFileSync(join(dir, 'cms.der'))),
      key,
      spki,
    );
    expect(new TextDecoder().decode(opened.plaintext)).toBe('the data key pair, for the enclave');
  });

  it("refuses an envelope made for another enclave's key, saying so", async () => {
    const mine = await enclaveKey();
    const other = await enclaveKey();
    const envelope = await envelopeForRecipient(other.spki, new Uint8Array(40), crypto);
    await expect(openEnvelope(envelope, mine.privateKey, mine.spki)).rejects.toThrow(
      /recipient identifier is not this enclave's key/,
    );
    // And bytes that are not CMS at all.
    await expect(
      openEnvelope(new Uint8Array([1, 2, 3]), mine.privateKey, mine.spki),
    ).rejects.toThrow(EnvelopeError);
  });

  it('names its recipient by the SHA-1 of the key bits, as the engine does', async () => {
    const enclave = await enclaveKey();
    const envelope = await envelopeForRecipient(enclave.spki, new Uint8Array(8), crypto);
    const rid = flatten(derTree(envelope, CMS_CONTENT_INFO)).find((node) =>
      node.name.startsWith('rid'),
    );
    const ski = await subjectKeyIdentifier(enclave.spki);
    expect(envelope.subarray(rid?.contentStart, rid?.end)).toEqual(ski);
  });
});

describe('the CMS schema of the ASN.1 view', () => {
  it('names every structure of a CiphertextForRecipient', async () => {
    const enclave = await enclaveKey();
    const envelope = await envelopeForRecipient(enclave.spki, new Uint8Array(138), crypto);
    const lines = flatten(derTree(envelope, CMS_CONTENT_INFO)).map(
      (node) => `${node.name}|${node.summary}`,
    );
    expect(lines).toEqual([
      'ContentInfo|',
      'contentType ContentType|id-envelopedData (1.2.840.113549.1.7.3)',
      'content [0] EXPLICIT|',
      'EnvelopedData|',
      'version CMSVersion|2',
      'recipientInfos RecipientInfos|',
      'KeyTransRecipientInfo|',
      'version CMSVersion|2',
      "rid subjectKeyIdentifier [0] SubjectKeyIdentifier|20 bytes: SHA-1 of the enclave public key's bits (RFC 5280 §4.2.1.2)",
      'keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier|',
      'algorithm|id-RSAES-OAEP (1.2.840.113549.1.1.7)',
      'parameters RSAES-OAEP-params|',
      'hashAlgorithm|',
      'hashAlgorithm HashAlgorithm|',
      'algorithm|id-sha256 (2.16.840.1.101.3.4.2.1)',
      'parameters|',
      'maskGenAlgorithm|',
      'maskGenAlgorithm MaskGenAlgorithm|',
      'algorithm|id-mgf1 (1.2.840.113549.1.1.8)',
      'parameters HashAlgorithm|',
      'algorithm|id-sha256 (2.16.840.1.101.3.4.2.1)',
      'parameters|',
      'encryptedKey EncryptedKey|256 bytes: the AES-256 content-encryption key under RSAES-OAEP',
      'encryptedContentInfo EncryptedContentInfo|',
      'contentType ContentType|id-data (1.2.840.113549.1.7.1)',
      'contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier|',
      'algorithm|aes256-CBC (2.16.840.1.101.3.4.1.42)',
      'parameters|16 bytes: the IV (RFC 3565)',
      // 138 bytes padded to the next 16: 144.
      'encryptedContent [0] IMPLICIT EncryptedContent|144 bytes: the plaintext under AES-256-CBC',
    ]);
  });
});

describe('decodeAttestation', () => {
  it('verifies a document and reads its fields and its chain to the development root', async () => {
    const enclave = await enclaveKey();
    const now = new Date();
    const nonce = new Uint8Array([1, 2, 3, 4]);
    const pcr0 = new Uint8Array(48).fill(0xab);
    const document = await createAttestationDocument({
      publicKey: enclave.spki,
      nonce,
      pcrs: { 0: pcr0, 4: new Uint8Array(48) },
      now,
    });
    const decoded = await decodeAttestation(document, now);
    expect(decoded.digest).toBe('SHA384');
    expect(decoded.timestamp.getTime()).toBe(now.getTime());
    expect(decoded.pcrs).toEqual([
      { index: 0, hex: 'ab'.repeat(48) },
      { index: 4, hex: '00'.repeat(48) },
    ]);
    expect(decoded.publicKey).toEqual(enclave.spki);
    expect(decoded.nonce).toEqual(nonce);
    expect(decoded.chain.map((each) => each.role)).toEqual(['leaf', 'root']);
    const [leaf, root] = decoded.chain;
    expect(leaf?.subject).toBe(`CN=${decoded.moduleId}.kms-lab.development`);
    expect(leaf?.issuer).toBe(root?.subject);
    expect(root?.subject).toMatch(/CN=KMS Lab development attestation root \(PUBLIC TEST CA\)/);
    expect(root?.trustedAs).toMatch(/development attestation root/);
    expect(leaf?.trustedAs).toBeUndefined();
    expect(leaf?.notAfter.getTime()).toBe(now.getTime() - (now.getTime() % 1000) + 3 * 3600_000);
  });

  it('refuses a document whose leaf has expired at the app clock, saying so', async () => {
    const enclave = await enclaveKey();
    const document = await createAttestationDocument({ publicKey: enclave.spki });
    const later = new Date(Date.now() + 4 * 3600_000);
    await expect(decodeAttestation(document, later)).rejects.toThrow(/expired on/);
  });
});

describe('enclaveSnippets', () => {
  it('shows the SDK v3 call with Recipient and the openssl cms -decrypt command', () => {
    const [sdk, openssl] = enclaveSnippets({ keyRef: "alias/it's", spec: 'RSA_2048' });
    expect(sdk?.code).toContain("KeyId: 'alias/it\\'s',");
    expect(sdk?.code).toContain("KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',");
    expect(sdk?.code).toContain(
      "AttestationDocument: await readFile('attestation-document.cbor'),",
    );
    expect(openssl?.code).toContain(
      'openssl cms -decrypt -inform DER -inkey enclave.pem -in ciphertext-for-recipient.der',
    );
  });
});
