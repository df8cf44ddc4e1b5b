import { createKms } from '@kms-lab/core';
import { describe, expect, it } from 'vitest';
import { checkPolicyJson, lineAndColumn, prettyPolicy } from '../src/features/keys/policy-json';

describe("the key policy editor's JSON check", () => {
  it('accepts the default policy the engine returns, pretty-printed', async () => {
    const kms = createKms();
    const KeyId = (await kms.createKey({})).KeyMetadata?.KeyId as string;
    const { Policy } = await kms.getKeyPolicy({ KeyId, PolicyName: 'default' });
    const pretty = prettyPolicy(Policy as string);
    expect(pretty).toContain('\n  "Statement"');
    expect(JSON.parse(pretty)).toEqual(JSON.parse(Policy as string));
    expect(checkPolicyJson(pretty)).toEqual({ ok: true });
  });

  it('names the line and column of the first error', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect" "Allow" }\n  ]\n}';
    expect(checkPolicyJson(text)).toEqual({
      ok: false,
      message: "':' expected after the property name",
      line: 4,
      column: 16,
    });
    expect(checkPolicyJson('{\n  "Version": "2012-10-17",\n}')).toMatchObject({
      ok: false,
      line: 3,
      column: 1,
    });
    expect(checkPolicyJson('{ "a": 1 } // note')).toMatchObject({
      ok: false,
      message: 'comments are not JSON',
    });
    expect(checkPolicyJson('{ "Version": "2012-10-17"')).toMatchObject({
      ok: false,
      message: "'}' expected",
      line: 1,
      column: 26,
    });
  });

  it('refuses JSON that is not one object', () => {
    expect(checkPolicyJson('  ["Statement"]')).toMatchObject({ ok: false, line: 1, column: 3 });
    expect(checkPolicyJson('')).toMatchObject({ ok: false, message: 'a value expected' });
  });

  it('agrees with the engine: what it passes is JSON the engine reads', async () => {
    // A syntax error the check reports is refused by PutKeyPolicy too; the check only saves
    // the round trip and says where.
    const kms = createKms();
    const KeyId = (await kms.createKey({})).KeyMetadata?.KeyId as string;
    const broken = '{ "Version": "2012-10-17", }';
    expect(checkPolicyJson(broken).ok).toBe(false);
    await expect(
      kms.putKeyPolicy({ KeyId, PolicyName: 'default', Policy: broken }),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
