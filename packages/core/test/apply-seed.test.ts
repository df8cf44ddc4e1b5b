import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createKms, SeedError } from '../src/index.js';

const simpleSeed = readFileSync(
  new URL('./fixtures/seeds/local-kms-readme-simple.yaml', import.meta.url),
  'utf8',
);
const SIMPLE_AES_ID = 'bc436485-5092-42b8-92a3-0aa8b93536dc';
const ECC_ID = '800d5768-3fd7-4edd-a4b8-4c81c3e4c147';
const text = (value: string) => new TextEncoder().encode(value);

describe('kms.applySeed(seed): a seed applied to a running engine', () => {
  it('creates what is missing, keeps what exists, and decrypts what another engine seeded', async () => {
    const kms = createKms();
    await kms.createKey({ Tags: [{ TagKey: '_custom_id_', TagValue: ECC_ID }] });
    const result = await kms.applySeed(simpleSeed);
    expect(result).toEqual({
      keysCreated: [SIMPLE_AES_ID],
      keysKept: [ECC_ID],
      aliasesCreated: ['alias/testing'],
      aliasesKept: [],
    });
    // The ECC key kept is the one made here: a symmetric key, not the seed's ECC key.
    expect((await kms.describeKey({ KeyId: ECC_ID })).KeyMetadata?.KeySpec).toBe(
      'SYMMETRIC_DEFAULT',
    );
    const elsewhere = createKms({ seed: simpleSeed });
    const { CiphertextBlob } = await elsewhere.encrypt({
      KeyId: 'alias/testing',
      Plaintext: text('from elsewhere'),
    });
    const { Plaintext } = await kms.decrypt({ CiphertextBlob });
    expect(new TextDecoder().decode(Plaintext)).toBe('from elsewhere');
    expect(await kms.applySeed(simpleSeed)).toEqual({
      keysCreated: [],
      keysKept: [SIMPLE_AES_ID, ECC_ID],
      aliasesCreated: [],
      aliasesKept: ['alias/testing'],
    });
  });

  it('refuses a bad seed with a SeedError that names the field, and stores nothing', async () => {
    const kms = createKms();
    await expect(kms.applySeed('Keys: [unclosed')).rejects.toThrow(
      /^Seed: not valid YAML or JSON: /,
    );
    const badKey = simpleSeed.replace(
      '5cdaead27fe7da2de47945d73cd6d79e36494e73802f3cd3869f1d2cb0b5d7a9',
      '5cdaead2',
    );
    const refusal = kms.applySeed(badKey);
    await expect(refusal).rejects.toBeInstanceOf(SeedError);
    await expect(refusal).rejects.toThrow(
      /Keys\.Symmetric\.Aes\[0\] \(key bc436485-5092-42b8-92a3-0aa8b93536dc\): BackingKeys\[0\] must be 64 hexadecimal digits/,
    );
    const dangling = `Aliases:\n  - AliasName: alias/nowhere\n    TargetKeyId: ${SIMPLE_AES_ID}\n`;
    await expect(kms.applySeed(dangling)).rejects.toThrow(/is neither a key of the seed nor/);
    expect((await kms.listKeys()).Keys).toEqual([]);
    expect(
      (await kms.listAliases()).Aliases?.some((alias) => alias.AliasName === 'alias/nowhere'),
    ).toBe(false);
  });
});
