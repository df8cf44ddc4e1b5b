import { createKms } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import { type BlobField, blobLayout, hexPreview, sealedAad } from '../src/asn1/blob-layout';

async function realBlob() {
  const kms = createKms();
  const { KeyMetadata } = await kms.createKey({});
  const response = await kms.generateDataKeyPairWithoutPlaintext({
    KeyId: KeyMetadata?.KeyId,
    KeyPairSpec: 'ECC_NIST_P256',
  });
  return { keyId: KeyMetadata?.KeyId as string, response };
}

describe('blobLayout', () => {
  it('lays a real blob out field by field, contiguously, from the first byte to the last', async () => {
    const { keyId, response } = await realBlob();
    const blob = response.PrivateKeyCiphertextBlob as Uint8Array;
    const fields = blobLayout(blob);
    expect(fields.map((field) => field.name)).toEqual([
      'magic',
      'version',
      'AAD kind',
      'key ID length',
      'key ID',
      'key material ID',
      'IV',
      'CRC-32',
      'ciphertext',
      'tag',
    ]);
    expect(fields[0]?.start).toBe(0);
    expect(fields.at(-1)?.end).toBe(blob.length);
    for (let i = 1; i < fields.length; i++) expect(fields[i]?.start).toBe(fields[i - 1]?.end);
    const byName = Object.fromEntries(fields.map((field) => [field.name, field]));
    expect(byName['key ID']?.value).toBe(keyId);
    expect(byName['AAD kind']?.value).toBe('0: AWS encryption context');
    const size = (name: string) => (byName[name]?.end ?? 0) - (byName[name]?.start ?? 0);
    expect(size('IV')).toBe(12);
    expect(size('tag')).toBe(16);
    expect(size('key ID')).toBe(keyId.length);
  });

  it('shows the key material ID that the response names', async () => {
    const { response } = await realBlob();
    const fields = blobLayout(response.PrivateKeyCiphertextBlob as Uint8Array);
    // The blob holds the 64-hex KeyMaterialId as its 32 bytes.
    expect(fields.find((field) => field.name === 'key material ID')?.value).toBe(
      response.KeyMaterialId,
    );
  });

  it('refuses a blob whose header was altered (CRC-32) or that is not a blob at all', async () => {
    const { response } = await realBlob();
    const blob = Uint8Array.from(response.PrivateKeyCiphertextBlob as Uint8Array);
    blob[6] = (blob[6] as number) ^ 1;
    expect(() => blobLayout(blob)).toThrow(/checksum/);
    expect(() => blobLayout(new TextEncoder().encode('hello world, not a blob'))).toThrow(
      /not a KMS Lab/,
    );
  });
});

describe('the blob explained', () => {
  it('says why every field is there, and shows long fields shortened', async () => {
    const { response } = await realBlob();
    const blob = response.PrivateKeyCiphertextBlob as Uint8Array;
    const fields = blobLayout(blob);
    for (const field of fields) expect(field.why.length, field.name).toBeGreaterThan(40);
    const byName = Object.fromEntries(fields.map((field) => [field.name, field]));
    expect(hexPreview(blob, byName.magic as BlobField)).toBe('4b 4c');
    expect(hexPreview(blob, byName['key ID'] as BlobField)).toMatch(
      /^(?:[0-9a-f]{2} ){15}[0-9a-f]{2} … \(36 bytes\)$/,
    );
  });

  it('rebuilds the AAD the tag covers: the header, then the canonical context or the Aad', async () => {
    const { response } = await realBlob();
    const blob = response.PrivateKeyCiphertextBlob as Uint8Array;
    const aws = sealedAad(blob, { encryptionContext: { b: '2', a: '1' } });
    expect(aws?.headerEnd).toBe(89);
    expect(aws?.kind).toBe('encryption context');
    expect(Array.from(aws?.contextBytes ?? [])).toEqual([
      0, 0, 0, 2, 0, 0, 0, 1, 0x61, 0, 0, 0, 1, 0x31, 0, 0, 0, 1, 0x62, 0, 0, 0, 1, 0x32,
    ]);
    expect(Array.from(sealedAad(blob, {})?.contextBytes ?? [])).toEqual([0, 0, 0, 0]);
    const alibaba = Uint8Array.from(blob);
    alibaba[3] = 1;
    expect(sealedAad(alibaba, { aadText: 'hi' })).toMatchObject({
      kind: 'Aad',
      contextBytes: new TextEncoder().encode('hi'),
    });
  });
});
