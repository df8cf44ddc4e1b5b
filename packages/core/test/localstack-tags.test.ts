import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKms } from '../src/index.js';
import { decryptWithNode } from './support/blob.js';
import { rejection } from './support/kms.js';

const text = (value: string) => new TextEncoder().encode(value);

describe("LocalStack's CreateKey tags", () => {
  const customId = '0f1e2d3c-4b5a-4697-8877-665544332211';

  it('_custom_id_ sets the KeyId and stays a tag; _custom_key_material_ is the material and is not kept', async () => {
    const kms = createKms();
    const material = Buffer.alloc(32, 9);
    const { KeyMetadata } = await kms.createKey({
      Tags: [
        { TagKey: '_custom_id_', TagValue: customId },
        { TagKey: '_custom_key_material_', TagValue: material.toString('base64') },
      ],
    });
    expect(KeyMetadata?.KeyId).toBe(customId);
    expect((await kms.listResourceTags({ KeyId: customId })).Tags).toEqual([
      { TagKey: '_custom_id_', TagValue: customId },
    ]);
    const { CiphertextBlob } = await kms.encrypt({
      KeyId: customId,
      Plaintext: text('localstack'),
    });
    expect(decryptWithNode(CiphertextBlob as Uint8Array, material).toString()).toBe('localstack');
    const again = await rejection(
      kms.createKey({ Tags: [{ TagKey: '_custom_id_', TagValue: customId }] }),
    );
    expect(again.name).toBe('AlreadyExistsException');
  });

  it('takes a DER private key (SEC 1 or PKCS #8) for ECC and RSA keys, and HMAC keys', async () => {
    const kms = createKms();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = ec.privateKey.export({ format: 'der', type: 'sec1' });
    const { KeyMetadata } = await kms.createKey({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      Tags: [{ TagKey: '_custom_key_material_', TagValue: der.toString('base64') }],
    });
    const { PublicKey } = await kms.getPublicKey({ KeyId: KeyMetadata?.KeyId });
    expect(Buffer.from(PublicKey as Uint8Array)).toEqual(
      ec.publicKey.export({ format: 'der', type: 'spki' }),
    );
    const hmacKey = Buffer.alloc(48, 3);
    const mac = await kms.createKey({
      KeySpec: 'HMAC_384',
      KeyUsage: 'GENERATE_VERIFY_MAC',
      Tags: [{ TagKey: '_custom_key_material_', TagValue: hmacKey.toString('base64') }],
    });
    const { Mac } = await kms.generateMac({
      KeyId: mac.KeyMetadata?.KeyId,
      Message: text('m'),
      MacAlgorithm: 'HMAC_SHA_384',
    });
    expect(Buffer.from(Mac as Uint8Array)).toEqual(
      createHmac('sha384', hmacKey).update('m').digest(),
    );
  });

  it.each([
    [
      [{ TagKey: '_custom_id_', TagValue: 'not-a-uuid' }],
      'SYMMETRIC_DEFAULT',
      /_custom_id_ tag must be a key ID/,
    ],
    [
      [{ TagKey: '_custom_key_material_', TagValue: Buffer.alloc(16).toString('base64') }],
      'SYMMETRIC_DEFAULT',
      /must be 32 bytes .* it is 16 bytes/,
    ],
    [[{ TagKey: '_custom_key_material_', TagValue: '%%%' }], 'SYMMETRIC_DEFAULT', /must be base64/],
    [
      [{ TagKey: '_custom_key_material_', TagValue: 'MAA=' }],
      'ECC_NIST_P256',
      /must be a DER private key/,
    ],
  ] as const)('refuses bad tag values with TagException (%#)', async (Tags, KeySpec, message) => {
    const kms = createKms();
    const error = await rejection(
      kms.createKey({
        KeySpec,
        KeyUsage: KeySpec === 'SYMMETRIC_DEFAULT' ? undefined : 'SIGN_VERIFY',
        Tags: [...Tags],
      }),
    );
    expect(error.name).toBe('TagException');
    expect(error.message).toMatch(message);
    expect((await kms.listKeys()).Keys).toEqual([]);
  });
});
