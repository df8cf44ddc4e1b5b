import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyPairCommand,
  GenerateMacCommand,
  KMSClient,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  UpdatePrimaryRegionCommand,
  VerifyCommand,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKms, createKmsPartition, createKmsRequestHandler } from '../src/index.js';

const ACCOUNT = '111122223333';
const arn = (region: string, keyId: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/${keyId}`;

/** A partition in memory and one real SDK client per Region, all in process. */
function partitionWithClients(clock?: () => Date) {
  const partition = createKmsPartition({ defaultRegion: 'us-east-1', clock });
  const handler = createKmsRequestHandler(partition);
  const client = (region: string) =>
    new KMSClient({
      region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: handler,
    });
  return { partition, east: client('us-east-1'), west: client('eu-west-1') };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: Error) => error,
  );

describe('multi-Region keys through the SDK, two Regions in process', () => {
  it('gives mrk- key IDs, replicates, and decrypts in one Region what the other encrypted', async () => {
    const { east, west } = partitionWithClients();
    const { KeyMetadata: primary } = await east.send(
      new CreateKeyCommand({ MultiRegion: true, Description: 'primary' }),
    );
    const keyId = primary?.KeyId as string;
    expect(keyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(primary?.MultiRegion).toBe(true);
    expect(primary?.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn: arn('us-east-1', keyId), Region: 'us-east-1' },
      ReplicaKeys: [],
    });
    // Each Region has its own keys: the replica does not exist yet.
    const missing = await failure(west.send(new DescribeKeyCommand({ KeyId: keyId })));
    expect(missing.name).toBe('NotFoundException');
    expect(missing.message).toBe(`Key '${arn('eu-west-1', keyId)}' does not exist`);

    const before = await east.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('made in us-east-1') }),
    );
    const replicated = await east.send(
      new ReplicateKeyCommand({
        KeyId: keyId,
        ReplicaRegion: 'eu-west-1',
        Description: 'replica',
        Tags: [{ TagKey: 'site', TagValue: 'dublin' }],
      }),
    );
    expect(replicated.ReplicaKeyMetadata?.Arn).toBe(arn('eu-west-1', keyId));
    expect(replicated.ReplicaKeyMetadata?.Description).toBe('replica');
    expect(replicated.ReplicaKeyMetadata?.MultiRegionConfiguration?.MultiRegionKeyType).toBe(
      'REPLICA',
    );
    expect(replicated.ReplicaTags).toEqual([{ TagKey: 'site', TagValue: 'dublin' }]);
    expect(replicated.ReplicaPolicy).toContain('"Version"');

    const configuration = {
      PrimaryKey: { Arn: arn('us-east-1', keyId), Region: 'us-east-1' },
      ReplicaKeys: [{ Arn: arn('eu-west-1', keyId), Region: 'eu-west-1' }],
    };
    const described = await east.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(described.KeyMetadata?.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      ...configuration,
    });
    const replica = await west.send(new DescribeKeyCommand({ KeyId: arn('eu-west-1', keyId) }));
    expect(replica.KeyMetadata?.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: 'REPLICA',
      ...configuration,
    });
    expect(replica.KeyMetadata?.CurrentKeyMaterialId).toBe(
      described.KeyMetadata?.CurrentKeyMaterialId,
    );

    // A blob made before the replica existed, and one made by the replica, cross Regions.
    const opened = await west.send(new DecryptCommand({ CiphertextBlob: before.CiphertextBlob }));
    expect(Buffer.from(opened.Plaintext as Uint8Array).toString()).toBe('made in us-east-1');
    expect(opened.KeyId).toBe(arn('eu-west-1', keyId));
    const pair = await west.send(
      new GenerateDataKeyPairCommand({
        KeyId: keyId,
        KeyPairSpec: 'ECC_NIST_P256',
        EncryptionContext: { app: 'demo' },
      }),
    );
    const back = await east.send(
      new DecryptCommand({
        KeyId: keyId,
        CiphertextBlob: pair.PrivateKeyCiphertextBlob,
        EncryptionContext: { app: 'demo' },
      }),
    );
    expect(back.Plaintext).toEqual(pair.PrivateKeyPlaintext);

    // Aliases are per Region.
    await west.send(new CreateAliasCommand({ AliasName: 'alias/local', TargetKeyId: keyId }));
    const eastAlias = await failure(east.send(new DescribeKeyCommand({ KeyId: 'alias/local' })));
    expect(eastAlias.name).toBe('NotFoundException');
  });

  it('rotates the primary and its replicas together, and refuses rotation on a replica', async () => {
    const { east, west } = partitionWithClients();
    const keyId = (await east.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata
      ?.KeyId as string;
    await east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
    await east.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const eastMaterial = (await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata
      ?.CurrentKeyMaterialId;
    const westMaterial = (await west.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata
      ?.CurrentKeyMaterialId;
    expect(westMaterial).toBe(eastMaterial);
    const blob = await west.send(new EncryptCommand({ KeyId: keyId, Plaintext: Uint8Array.of(7) }));
    const opened = await east.send(new DecryptCommand({ CiphertextBlob: blob.CiphertextBlob }));
    expect(opened.Plaintext).toEqual(Uint8Array.of(7));
    expect(opened.KeyMaterialId).toBe(eastMaterial);
    const refused = await failure(west.send(new RotateKeyOnDemandCommand({ KeyId: keyId })));
    expect(refused.name).toBe('UnsupportedOperationException');
    expect(refused.message).toBe(`${arn('eu-west-1', keyId)} is not a multi-region primary key.`);
  });

  it('replicates asymmetric and HMAC keys: the replica signs and MACs as the primary', async () => {
    const { east, west } = partitionWithClients();
    const signing = (
      await east.send(
        new CreateKeyCommand({
          MultiRegion: true,
          KeySpec: 'ECC_NIST_P256',
          KeyUsage: 'SIGN_VERIFY',
        }),
      )
    ).KeyMetadata?.KeyId as string;
    const hmac = (
      await east.send(
        new CreateKeyCommand({
          MultiRegion: true,
          KeySpec: 'HMAC_256',
          KeyUsage: 'GENERATE_VERIFY_MAC',
        }),
      )
    ).KeyMetadata?.KeyId as string;
    for (const KeyId of [signing, hmac])
      await east.send(new ReplicateKeyCommand({ KeyId, ReplicaRegion: 'eu-west-1' }));
    const Message = Buffer.from('release 1.0');
    const { Signature } = await west.send(
      new SignCommand({ KeyId: signing, Message, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    const verified = await east.send(
      new VerifyCommand({ KeyId: signing, Message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    expect(verified.SignatureValid).toBe(true);
    const { Mac } = await east.send(
      new GenerateMacCommand({ KeyId: hmac, Message, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    const macValid = await west.send(
      new VerifyMacCommand({ KeyId: hmac, Message, Mac, MacAlgorithm: 'HMAC_SHA_256' }),
    );
    expect(macValid.MacValid).toBe(true);
  });

  it('answers ReplicateKey errors as AWS', async () => {
    const { east, west } = partitionWithClients();
    const single = (await east.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId as string;
    const notMrk = await failure(
      east.send(new ReplicateKeyCommand({ KeyId: single, ReplicaRegion: 'eu-west-1' })),
    );
    expect(notMrk.name).toBe('UnsupportedOperationException');
    expect(notMrk.message).toBe(`${arn('us-east-1', single)} is not a multi-region primary key.`);
    const keyId = (await east.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata
      ?.KeyId as string;
    const badRegion = await failure(
      east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'Mars' })),
    );
    expect(badRegion.name).toBe('ValidationException');
    expect(badRegion.message).toContain("at 'replicaRegion' failed to satisfy constraint");
    const sameRegion = await failure(
      east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'us-east-1' })),
    );
    expect(sameRegion.name).toBe('ValidationException');
    const otherPartition = await failure(
      east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'cn-north-1' })),
    );
    expect(otherPartition.name).toBe('ValidationException');
    await east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
    const twice = await failure(
      east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' })),
    );
    expect(twice.name).toBe('AlreadyExistsException');
    const fromReplica = await failure(
      west.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'ap-southeast-1' })),
    );
    expect(fromReplica.name).toBe('UnsupportedOperationException');
    expect(fromReplica.message).toBe(
      `${arn('eu-west-1', keyId)} is not a multi-region primary key.`,
    );
    const missing = await failure(
      east.send(
        new ReplicateKeyCommand({
          KeyId: 'mrk-0123456789abcdef0123456789abcdef',
          ReplicaRegion: 'eu-west-1',
        }),
      ),
    );
    expect(missing.name).toBe('NotFoundException');
  });

  it('swaps primary and replica with UpdatePrimaryRegion', async () => {
    const { east, west } = partitionWithClients();
    const keyId = (await east.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata
      ?.KeyId as string;
    await east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
    const absent = await failure(
      east.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'ap-south-1' })),
    );
    expect(absent.name).toBe('NotFoundException');
    await east.send(new UpdatePrimaryRegionCommand({ KeyId: keyId, PrimaryRegion: 'eu-west-1' }));
    const eastNow = (await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata
      ?.MultiRegionConfiguration;
    expect(eastNow).toEqual({
      MultiRegionKeyType: 'REPLICA',
      PrimaryKey: { Arn: arn('eu-west-1', keyId), Region: 'eu-west-1' },
      ReplicaKeys: [{ Arn: arn('us-east-1', keyId), Region: 'us-east-1' }],
    });
    const westNow = (await west.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata
      ?.MultiRegionConfiguration;
    expect(westNow?.MultiRegionKeyType).toBe('PRIMARY');
    // Now the new primary rotates, and the old one cannot.
    await west.send(new RotateKeyOnDemandCommand({ KeyId: keyId }));
    const refused = await failure(east.send(new RotateKeyOnDemandCommand({ KeyId: keyId })));
    expect(refused.name).toBe('UnsupportedOperationException');
  });

  it('keeps a primary with replicas PendingReplicaDeletion until they are deleted', async () => {
    let now = new Date('2026-11-29T00:00:00Z');
    const { east, west } = partitionWithClients(() => now);
    const keyId = (await east.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata
      ?.KeyId as string;
    await east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: 'eu-west-1' }));
    const scheduled = await east.send(
      new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
    );
    expect(scheduled.KeyState).toBe('PendingReplicaDeletion');
    expect(scheduled.DeletionDate).toBeUndefined();
    const waiting = (await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
    expect(waiting?.KeyState).toBe('PendingReplicaDeletion');
    const unusable = await failure(
      east.send(new EncryptCommand({ KeyId: keyId, Plaintext: Uint8Array.of(1) })),
    );
    expect(unusable.name).toBe('KMSInvalidStateException');
    await west.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    now = new Date('2026-12-07T00:00:00Z');
    // The replica's window is over: once it is gone, the primary's own 7 days begin.
    const afterReplica = (await east.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
    expect(afterReplica?.KeyState).toBe('PendingDeletion');
    expect(afterReplica?.DeletionDate).toEqual(new Date('2026-12-14T00:00:00Z'));
    expect(afterReplica?.MultiRegionConfiguration?.ReplicaKeys).toEqual([]);
  });

  it('an engine made alone serves one Region: multi-Region keys, no replicas', async () => {
    const kms = createKms();
    const { KeyMetadata } = await kms.createKey({ MultiRegion: true });
    const refused = await failure(
      kms.replicateKey({ KeyId: KeyMetadata?.KeyId as string, ReplicaRegion: 'eu-west-1' }),
    );
    expect(refused.name).toBe('UnsupportedOperationException');
    expect(refused.message).toContain('createKmsPartition');
  });
});
