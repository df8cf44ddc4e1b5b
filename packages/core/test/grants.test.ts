import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { rejection } from './support/kms.js';
import { nodeReadsPair } from './support/node-keys.js';
import { sdkClient } from './support/sdk.js';

/** Grants through the real @aws-sdk/client-kms, in process. */
const ROLE = 'arn:aws:iam::111122223333:role/Worker';
const RETIRER = 'arn:aws:iam::111122223333:role/Retirer';

async function setUp(options: Parameters<typeof sdkClient>[0] = {}) {
  const env = sdkClient(options);
  const { KeyMetadata } = await env.client.send(new sdk.CreateKeyCommand({}));
  return { ...env, keyId: KeyMetadata?.KeyId as string, keyArn: KeyMetadata?.Arn as string };
}

const grant = (KeyId: string, extra: Partial<sdk.CreateGrantRequest> = {}) =>
  new sdk.CreateGrantCommand({
    KeyId,
    GranteePrincipal: ROLE,
    Operations: ['GenerateDataKeyPair', 'Decrypt'],
    ...extra,
  });

describe('CreateGrant and grant tokens', () => {
  it('returns a 64-hex grant ID and a token that GenerateDataKeyPair, Decrypt and DescribeKey accept', async () => {
    const { client, keyId } = await setUp();
    const created = await client.send(grant(keyId, { RetiringPrincipal: RETIRER }));
    expect(created.GrantId).toMatch(/^[0-9a-f]{64}$/);
    expect(created.GrantToken).toMatch(/^[A-Za-z0-9_-]+$/);
    const GrantTokens = [created.GrantToken as string];
    const pair = await client.send(
      new sdk.GenerateDataKeyPairCommand({
        KeyId: keyId,
        KeyPairSpec: 'ECC_NIST_P256',
        EncryptionContext: { tenant: 'a' },
        GrantTokens,
      }),
    );
    nodeReadsPair(pair.PublicKey, pair.PrivateKeyPlaintext);
    const opened = await client.send(
      new sdk.DecryptCommand({
        CiphertextBlob: pair.PrivateKeyCiphertextBlob,
        EncryptionContext: { tenant: 'a' },
        GrantTokens,
      }),
    );
    expect(Buffer.from(opened.Plaintext as Uint8Array)).toEqual(
      Buffer.from(pair.PrivateKeyPlaintext as Uint8Array),
    );
    await client.send(new sdk.DescribeKeyCommand({ KeyId: keyId, GrantTokens }));
  });

  it('refuses a made-up token, and a real one with a byte changed, with InvalidGrantTokenException', async () => {
    const { client, keyId } = await setUp();
    const { GrantToken } = await client.send(grant(keyId));
    const token = GrantToken as string;
    const flipped = `${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`;
    for (const bad of ['not-a-grant-token', flipped]) {
      const error = await rejection(
        client.send(
          new sdk.GenerateDataKeyPairCommand({
            KeyId: keyId,
            KeyPairSpec: 'RSA_2048',
            GrantTokens: [token, bad],
          }),
        ),
      );
      expect(error).toBeInstanceOf(sdk.InvalidGrantTokenException);
      expect(error.message).toBe(
        'The grant token is not valid: it is not a grant token that CreateGrant returned.',
      );
    }
  });

  it('accepts a token on an asymmetric key for Sign, and another key’s token (it grants nothing there)', async () => {
    const { client, keyId } = await setUp();
    const { KeyMetadata } = await client.send(
      new sdk.CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
    );
    const signing = KeyMetadata?.KeyId as string;
    const { GrantToken } = await client.send(
      grant(signing, { Operations: ['Sign', 'Verify', 'GetPublicKey'] }),
    );
    const message = new TextEncoder().encode('release');
    const signed = await client.send(
      new sdk.SignCommand({
        KeyId: signing,
        Message: message,
        SigningAlgorithm: 'ECDSA_SHA_256',
        GrantTokens: [GrantToken as string],
      }),
    );
    expect(signed.Signature?.length).toBeGreaterThan(60);
    await client.send(
      new sdk.GenerateDataKeyCommand({
        KeyId: keyId,
        KeySpec: 'AES_256',
        GrantTokens: [GrantToken as string],
      }),
    );
  });

  it('keeps Name idempotent: the same name and terms give the same grant and a new token', async () => {
    const { client, keyId } = await setUp();
    const request = {
      Name: 'pipeline-1',
      Operations: ['Decrypt', 'GenerateDataKeyPair'] as sdk.GrantOperation[],
      Constraints: { EncryptionContextSubset: { b: '2', a: '1' } },
    };
    const first = await client.send(grant(keyId, request));
    const again = await client.send(
      grant(keyId, {
        ...request,
        Operations: ['GenerateDataKeyPair', 'Decrypt'],
        Constraints: { EncryptionContextSubset: { a: '1', b: '2' } },
      }),
    );
    expect(again.GrantId).toBe(first.GrantId);
    expect(again.GrantToken).not.toBe(first.GrantToken);
    await client.send(
      new sdk.DescribeKeyCommand({
        KeyId: keyId,
        GrantTokens: [first.GrantToken as string, again.GrantToken as string],
      }),
    );
    const changed = await client.send(grant(keyId, { ...request, Operations: ['Decrypt'] }));
    expect(changed.GrantId).not.toBe(first.GrantId);
    const unnamed = await client.send(grant(keyId));
    const unnamedAgain = await client.send(grant(keyId));
    expect(unnamedAgain.GrantId).not.toBe(unnamed.GrantId);
    const { Grants } = await client.send(new sdk.ListGrantsCommand({ KeyId: keyId }));
    expect(Grants).toHaveLength(4);
  });

  it('allows only the operations the key type has, and context constraints only on symmetric keys', async () => {
    const { client, keyId, keyArn } = await setUp();
    const sign = await rejection(client.send(grant(keyId, { Operations: ['Sign', 'Decrypt'] })));
    const two = await rejection(client.send(grant(keyId, { Operations: ['Sign', 'Verify'] })));
    expect(two.message).toMatch(/^Grant operations Sign, Verify are not valid for /);
    expect(sign.name).toBe('ValidationException');
    expect(sign.message).toBe(
      `Grant operation Sign is not valid for ${keyArn}, whose key spec is SYMMETRIC_DEFAULT and key usage ENCRYPT_DECRYPT. Valid grant operations for this key: CreateGrant, DescribeKey, RetireGrant, Decrypt, Encrypt, GenerateDataKey, GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext, GenerateDataKeyWithoutPlaintext, ReEncryptFrom, ReEncryptTo.`,
    );
    const kinds = [
      [
        { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
        ['Sign', 'Verify', 'GetPublicKey'],
        'GenerateDataKeyPair',
      ],
      [
        { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' },
        ['Encrypt', 'Decrypt', 'ReEncryptFrom'],
        'GenerateDataKey',
      ],
      [
        { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
        ['GenerateMac', 'VerifyMac'],
        'Encrypt',
      ],
      [{ KeySpec: 'ECC_NIST_P384', KeyUsage: 'KEY_AGREEMENT' }, ['DeriveSharedSecret'], 'Sign'],
      [
        { KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' },
        ['Encapsulate', 'Decapsulate'],
        'Decrypt',
      ],
    ] as const;
    for (const [spec, allowed, refused] of kinds) {
      const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand(spec));
      const id = KeyMetadata?.KeyId as string;
      const ok = await client.send(grant(id, { Operations: [...allowed, 'DescribeKey'] }));
      expect(ok.GrantId).toMatch(/^[0-9a-f]{64}$/);
      const error = await rejection(client.send(grant(id, { Operations: [refused] })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain(`Grant operation ${refused} is not valid`);
      const constrained = await rejection(
        client.send(
          grant(id, {
            Operations: [...allowed],
            Constraints: { EncryptionContextEquals: { a: 'b' } },
          }),
        ),
      );
      expect(constrained.message).toContain('valid only for symmetric encryption KMS keys');
    }
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'v']));
    const tooMany = await rejection(
      client.send(grant(keyId, { Constraints: { EncryptionContextSubset: nine } })),
    );
    expect(tooMany.message).toContain('at most 8');
    const long = await rejection(
      client.send(
        grant(keyId, { Constraints: { EncryptionContextEquals: { a: 'x'.repeat(385) } } }),
      ),
    );
    expect(long.message).toContain('at most 384');
    const empty = await rejection(client.send(grant(keyId, { Operations: [] })));
    expect(empty.name).toBe('ValidationException');
  });

  it('checks the principals, the key state, GrantTokens and DryRun', async () => {
    const { client, keyId, keyArn } = await setUp();
    const both = await rejection(
      client.send(grant(keyId, { GranteeServicePrincipal: 'logs.us-east-1.amazonaws.com' })),
    );
    expect(both.message).toBe(
      'You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.',
    );
    const service = await rejection(
      client.send(
        grant(keyId, {
          GranteePrincipal: undefined,
          GranteeServicePrincipal: 'logs.us-east-1.amazonaws.com',
          RetiringServicePrincipal: 'logs.us-east-1.amazonaws.com',
        }),
      ),
    );
    expect(service.message).toContain('SourceArn');
    const byAlias = await rejection(client.send(grant('alias/none')));
    expect(byAlias).toBeInstanceOf(sdk.NotFoundException);
    const dry = await rejection(client.send(grant(keyId, { DryRun: true })));
    expect(dry).toBeInstanceOf(sdk.DryRunOperationException);
    expect((await client.send(new sdk.ListGrantsCommand({ KeyId: keyId }))).Grants).toEqual([]);
    const token = await rejection(client.send(grant(keyId, { GrantTokens: ['made-up'] })));
    expect(token).toBeInstanceOf(sdk.InvalidGrantTokenException);
    await client.send(new sdk.DisableKeyCommand({ KeyId: keyId }));
    const disabled = await rejection(client.send(grant(keyId)));
    expect(disabled).toBeInstanceOf(sdk.DisabledException);
    expect(disabled.message).toBe(`${keyArn} is disabled.`);
  });

  it('answers LimitExceededException past 500 grants for one grantee on a key', async () => {
    const { kms, keyId } = await setUp();
    for (let i = 0; i < 500; i++)
      await kms.createGrant({ KeyId: keyId, GranteePrincipal: ROLE, Operations: ['Decrypt'] });
    const error = await rejection(
      kms.createGrant({ KeyId: keyId, GranteePrincipal: ROLE, Operations: ['Decrypt'] }),
    );
    expect(error.name).toBe('LimitExceededException');
    await kms.createGrant({ KeyId: keyId, GranteePrincipal: RETIRER, Operations: ['Decrypt'] });
  });
});

describe('ListGrants and ListRetirableGrants', () => {
  it('lists grants as AWS does, with filters and Limit/Marker paging', async () => {
    const { client, keyId, keyArn, kms } = await setUp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { GrantId } = await client.send(
        grant(keyId, {
          GranteePrincipal: i % 2 ? RETIRER : ROLE,
          Name: `g${i}`,
          RetiringPrincipal: RETIRER,
          Constraints: i === 0 ? { EncryptionContextEquals: { app: 'x' } } : undefined,
        }),
      );
      ids.push(GrantId as string);
    }
    const first = await client.send(new sdk.ListGrantsCommand({ KeyId: keyArn, Limit: 2 }));
    expect(first.Truncated).toBe(true);
    expect(first.Grants?.[0]).toEqual({
      KeyId: keyArn,
      GrantId: ids[0],
      Name: 'g0',
      CreationDate: kms.now(),
      GranteePrincipal: ROLE,
      RetiringPrincipal: RETIRER,
      IssuingAccount: 'arn:aws:iam::111122223333:root',
      Operations: ['GenerateDataKeyPair', 'Decrypt'],
      Constraints: { EncryptionContextEquals: { app: 'x' } },
    });
    const seen = [...(first.Grants ?? [])];
    let marker = first.NextMarker;
    while (marker) {
      const page = await client.send(
        new sdk.ListGrantsCommand({ KeyId: keyId, Limit: 2, Marker: marker }),
      );
      seen.push(...(page.Grants ?? []));
      marker = page.Truncated ? page.NextMarker : undefined;
    }
    expect(seen.map((g) => g.GrantId)).toEqual(ids);
    const byId = await client.send(new sdk.ListGrantsCommand({ KeyId: keyId, GrantId: ids[3] }));
    expect(byId.Grants?.map((g) => g.Name)).toEqual(['g3']);
    const byGrantee = await client.send(
      new sdk.ListGrantsCommand({ KeyId: keyId, GranteePrincipal: RETIRER }),
    );
    expect(byGrantee.Grants?.map((g) => g.Name)).toEqual(['g1', 'g3']);
    expect(
      await rejection(client.send(new sdk.ListGrantsCommand({ KeyId: keyId, GrantId: 'nope' }))),
    ).toBeInstanceOf(sdk.InvalidGrantIdException);
    expect(
      await rejection(client.send(new sdk.ListGrantsCommand({ KeyId: keyId, Marker: 'x' }))),
    ).toBeInstanceOf(sdk.InvalidMarkerException);
  });

  it('lists the grants a principal may retire, across keys', async () => {
    const { client, keyId } = await setUp();
    const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({}));
    const a = await client.send(grant(keyId, { RetiringPrincipal: RETIRER }));
    await client.send(grant(keyId));
    const b = await client.send(
      grant(KeyMetadata?.KeyId as string, { RetiringPrincipal: RETIRER }),
    );
    const { Grants, Truncated } = await client.send(
      new sdk.ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER }),
    );
    expect(Truncated).toBe(false);
    expect(Grants?.map((g) => g.GrantId).sort()).toEqual([a.GrantId, b.GrantId].sort());
    expect(Grants?.find((g) => g.GrantId === b.GrantId)?.KeyId).toBe(KeyMetadata?.Arn);
  });
});

describe('RetireGrant and RevokeGrant', () => {
  it('retires by token, after which the token is refused and retiring again is NotFoundException', async () => {
    const { client, keyId } = await setUp();
    const { GrantToken, GrantId } = await client.send(grant(keyId));
    const dry = await rejection(
      client.send(new sdk.RetireGrantCommand({ GrantToken, DryRun: true })),
    );
    expect(dry).toBeInstanceOf(sdk.DryRunOperationException);
    await client.send(new sdk.RetireGrantCommand({ GrantToken }));
    expect((await client.send(new sdk.ListGrantsCommand({ KeyId: keyId }))).Grants).toEqual([]);
    const used = await rejection(
      client.send(
        new sdk.DescribeKeyCommand({ KeyId: keyId, GrantTokens: [GrantToken as string] }),
      ),
    );
    expect(used).toBeInstanceOf(sdk.InvalidGrantTokenException);
    expect(used.message).toBe(
      `The grant token is not valid: its grant ${GrantId} was retired or revoked.`,
    );
    const again = await rejection(client.send(new sdk.RetireGrantCommand({ GrantToken })));
    expect(again).toBeInstanceOf(sdk.NotFoundException);
    const madeUp = await rejection(client.send(new sdk.RetireGrantCommand({ GrantToken: 'x' })));
    expect(madeUp).toBeInstanceOf(sdk.InvalidGrantTokenException);
  });

  it('retires by KeyId and GrantId, and revokes', async () => {
    const { client, keyId, keyArn } = await setUp();
    const one = await client.send(grant(keyId));
    const two = await client.send(grant(keyId));
    await client.send(new sdk.RetireGrantCommand({ KeyId: keyArn, GrantId: one.GrantId }));
    const dry = await rejection(
      client.send(new sdk.RevokeGrantCommand({ KeyId: keyId, GrantId: two.GrantId, DryRun: true })),
    );
    expect(dry).toBeInstanceOf(sdk.DryRunOperationException);
    await client.send(new sdk.RevokeGrantCommand({ KeyId: keyId, GrantId: two.GrantId }));
    expect((await client.send(new sdk.ListGrantsCommand({ KeyId: keyId }))).Grants).toEqual([]);
    const gone = await rejection(
      client.send(new sdk.RevokeGrantCommand({ KeyId: keyId, GrantId: two.GrantId })),
    );
    expect(gone).toBeInstanceOf(sdk.NotFoundException);
    expect(gone.message).toBe(`Grant '${two.GrantId}' does not exist on key '${keyArn}'`);
    const malformed = await rejection(
      client.send(new sdk.RevokeGrantCommand({ KeyId: keyId, GrantId: 'abc' })),
    );
    expect(malformed).toBeInstanceOf(sdk.InvalidGrantIdException);
    const neither = await rejection(client.send(new sdk.RetireGrantCommand({ KeyId: keyId })));
    expect(neither.name).toBe('ValidationException');
  });

  it('drops a key’s grants when the key is deleted at the end of its window', async () => {
    const { client, keyId, advanceDays } = await setUp();
    const { GrantToken } = await client.send(grant(keyId, { RetiringPrincipal: RETIRER }));
    await client.send(new sdk.ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    // Pending deletion: the grants are still listed and can be revoked or retired.
    expect((await client.send(new sdk.ListGrantsCommand({ KeyId: keyId }))).Grants).toHaveLength(1);
    advanceDays(8);
    const listed = await client.send(
      new sdk.ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER }),
    );
    expect(listed.Grants).toEqual([]);
    const { KeyMetadata } = await client.send(new sdk.CreateKeyCommand({}));
    const error = await rejection(
      client.send(
        new sdk.DescribeKeyCommand({
          KeyId: KeyMetadata?.KeyId,
          GrantTokens: [GrantToken as string],
        }),
      ),
    );
    expect(error).toBeInstanceOf(sdk.InvalidGrantTokenException);
    expect(error.message).toContain('no longer exists');
  });
});
