import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createKms, KeyUsageType, parseSeed, SeedError } from '../src/index.js';
import { KMS_KEY_SPECS } from '../src/kms-keys/key-spec-table.js';
import { SEED_KEY_FIELDS } from '../src/seed/kms-lab-seed.js';

const docs = (name: string) =>
  readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');
const schema = JSON.parse(docs('seed.schema.json'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** The code blocks of docs/seed.md's "KMS Lab's format" section. */
function examples() {
  const section = docs('seed.md').split("## KMS Lab's format")[1]?.split('\n## ')[0] ?? '';
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1] as string;
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] as string;
  return { json: JSON.parse(json), yaml: parseYaml(yaml) };
}

describe('docs/seed.schema.json', () => {
  it('accepts the examples of docs/seed.md, which the engine seeds', async () => {
    const { json, yaml } = examples();
    for (const example of [json, yaml]) {
      expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
      const kms = createKms({ seed: example });
      expect((await kms.seeded()).keysCreated).toHaveLength(example.Keys.length);
    }
    const kms = createKms({ seed: yaml });
    const { KeyMetadata } = await kms.describeKey({ KeyId: 'alias/agreement' });
    expect(KeyMetadata).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
  });

  it('lists the fields and key specs the engine reads', () => {
    expect(Object.keys(schema.$defs.key.properties).sort()).toEqual([...SEED_KEY_FIELDS].sort());
    const emulated = Object.entries(KMS_KEY_SPECS)
      .filter(([, info]) => info.emulated)
      .map(([spec]) => spec);
    expect([...schema.$defs.key.properties.KeySpec.enum].sort()).toEqual(emulated.sort());
    expect([...schema.$defs.key.properties.KeyUsage.enum].sort()).toEqual(
      Object.values(KeyUsageType).sort(),
    );
  });

  const valid = examples().json;
  const withKey = (key: Record<string, unknown>) => ({
    ...valid,
    Keys: [{ ...valid.Keys[0], ...key }],
  });
  it.each([
    ['an unknown field', withKey({ Colour: 'red' })],
    ['an uppercase key ID', withKey({ KeyId: '1234ABCD-12AB-34CD-56EF-1234567890AB' })],
    ['a short backing key', withKey({ BackingKeys: ['abcd'] })],
    ['a rotation period under 90 days', withKey({ Rotation: { RotationPeriodInDays: 30 } })],
    ['a reserved tag', withKey({ Tags: [{ TagKey: 'aws:team', TagValue: 'x' }] })],
    ['an unknown key spec', withKey({ KeySpec: 'AES_128' })],
    ['another format', { ...valid, Format: 'local-kms' }],
    [
      'an alias under alias/aws/',
      { ...valid, Aliases: [{ AliasName: 'alias/aws/s3', TargetKeyId: valid.Keys[0].KeyId }] },
    ],
  ])('and the engine refuse %s', (_, document) => {
    expect(validate(document)).toBe(false);
    expect(() => parseSeed(document)).toThrow(SeedError);
  });
});

describe('parseSeed on any input', () => {
  const isSeedError = (run: () => unknown) => {
    try {
      run();
      return true;
    } catch (error) {
      return error instanceof SeedError;
    }
  };

  it('answers any JSON value, and any value in a seed’s places, with a plan or a SeedError', () => {
    const key = fc.record(
      {
        KeyId: fc.oneof(fc.uuid(), fc.jsonValue()),
        KeySpec: fc.oneof(fc.constantFrom(...Object.keys(KMS_KEY_SPECS)), fc.jsonValue()),
        KeyUsage: fc.oneof(fc.constantFrom('ENCRYPT_DECRYPT', 'SIGN_VERIFY'), fc.jsonValue()),
        BackingKeys: fc.oneof(fc.array(fc.stringMatching(/^[0-9a-f]{0,70}$/)), fc.jsonValue()),
        HmacKey: fc.jsonValue(),
        PrivateKeyPem: fc.oneof(fc.string(), fc.jsonValue()),
        Rotation: fc.jsonValue(),
        Tags: fc.jsonValue(),
        CreationDate: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    const kmsLab = fc.record({
      Format: fc.constant('kms-lab/seed'),
      Version: fc.constant(1),
      Keys: fc.array(key, { maxLength: 3 }),
      Aliases: fc.jsonValue(),
    });
    const localKms = fc.record(
      {
        Keys: fc.oneof(
          fc.jsonValue(),
          fc.record({
            Symmetric: fc.record({
              Aes: fc.array(fc.record({ Metadata: key, BackingKeys: fc.jsonValue() })),
            }),
          }),
        ),
        Aliases: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), kmsLab, localKms), (document) =>
        isSeedError(() => parseSeed(document as never)),
      ),
      { numRuns: 500 },
    );
  });

  it('answers any text with a plan or a SeedError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => isSeedError(() => parseSeed(text))),
      { numRuns: 500 },
    );
  });
});
