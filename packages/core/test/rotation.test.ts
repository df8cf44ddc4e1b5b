import { describe, expect, it } from 'vitest';
import { createKms } from '../src/index.js';
import { kmsWithClock, rejection, symmetricKey } from './support/kms.js';

describe('on-demand rotation', () => {
  it('keeps every earlier ciphertext decryptable, up to the limit of 25', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const blobs: { blob: Uint8Array; materialId: string; plaintext: Uint8Array }[] = [];
    const makeBlob = async (i: number) => {
      const pair = await kms.generateDataKeyPair({
        KeyId: keyId,
        KeyPairSpec: 'ECC_NIST_P256',
        EncryptionContext: { i: String(i) },
      });
      blobs.push({
        blob: pair.PrivateKeyCiphertextBlob as Uint8Array,
        materialId: pair.KeyMaterialId as string,
        plaintext: pair.PrivateKeyPlaintext as Uint8Array,
      });
    };
    await makeBlob(0);
    for (let rotation = 1; rotation <= 25; rotation++) {
      const { KeyId } = await kms.rotateKeyOnDemand({ KeyId: keyId });
      expect(KeyId).toBe(`arn:aws:kms:us-east-1:111122223333:key/${keyId}`);
      await makeBlob(rotation);
    }
    expect(new Set(blobs.map((b) => b.materialId)).size).toBe(26);
    // Ciphertexts from before one, two ... and 25 rotations still decrypt, reporting their material.
    for (const [i, { blob, materialId, plaintext }] of blobs.entries()) {
      const decrypted = await kms.decrypt({
        CiphertextBlob: blob,
        EncryptionContext: { i: String(i) },
      });
      expect(decrypted.Plaintext).toEqual(plaintext);
      expect(decrypted.KeyMaterialId).toBe(materialId);
    }
    const limit = await rejection(kms.rotateKeyOnDemand({ KeyId: keyId }));
    expect(limit.name).toBe('LimitExceededException');
    expect(limit.message).toBe(
      `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
    );
    const { KeyMetadata } = await kms.describeKey({ KeyId: keyId });
    expect(KeyMetadata?.CurrentKeyMaterialId).toBe(blobs[25]?.materialId);
  });

  it('lists rotations with their material, state, type and date, page by page', async () => {
    const { kms, advanceDays, now } = kmsWithClock();
    const keyId = await symmetricKey(kms);
    const initial = (await kms.describeKey({ KeyId: keyId })).KeyMetadata?.CurrentKeyMaterialId;
    advanceDays(1);
    await kms.rotateKeyOnDemand({ KeyId: keyId });
    const firstDate = now();
    advanceDays(1);
    await kms.rotateKeyOnDemand({ KeyId: keyId });
    const current = (await kms.describeKey({ KeyId: keyId })).KeyMetadata?.CurrentKeyMaterialId;

    const { Rotations, Truncated } = await kms.listKeyRotations({ KeyId: keyId });
    expect(Truncated).toBe(false);
    expect(Rotations).toHaveLength(2);
    expect(Rotations?.[0]).toMatchObject({
      KeyId: keyId,
      KeyMaterialState: 'NON_CURRENT',
      RotationType: 'ON_DEMAND',
      RotationDate: firstDate,
    });
    expect(Rotations?.[1]).toMatchObject({
      KeyMaterialId: current,
      KeyMaterialState: 'CURRENT',
      RotationDate: now(),
    });

    const all = await kms.listKeyRotations({
      KeyId: keyId,
      IncludeKeyMaterial: 'ALL_KEY_MATERIAL',
    });
    expect(all.Rotations?.[0]).toMatchObject({
      KeyMaterialId: initial,
      KeyMaterialState: 'NON_CURRENT',
    });
    expect(all.Rotations?.[0]?.RotationType).toBeUndefined();

    const page1 = await kms.listKeyRotations({ KeyId: keyId, Limit: 1 });
    expect(page1.Truncated).toBe(true);
    const page2 = await kms.listKeyRotations({ KeyId: keyId, Limit: 1, Marker: page1.NextMarker });
    expect(page2.Truncated).toBe(false);
    expect([page1.Rotations?.[0], page2.Rotations?.[0]]).toEqual(Rotations);
  });

  it('refuses asymmetric keys and disabled keys', async () => {
    const kms = createKms();
    const { KeyMetadata } = await kms.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    expect((await rejection(kms.rotateKeyOnDemand({ KeyId: KeyMetadata?.KeyId }))).name).toBe(
      'UnsupportedOperationException',
    );
    expect((await rejection(kms.enableKeyRotation({ KeyId: KeyMetadata?.KeyId }))).name).toBe(
      'UnsupportedOperationException',
    );
    const keyId = await symmetricKey(kms);
    await kms.disableKey({ KeyId: keyId });
    expect((await rejection(kms.rotateKeyOnDemand({ KeyId: keyId }))).name).toBe(
      'DisabledException',
    );
    expect((await rejection(kms.enableKeyRotation({ KeyId: keyId }))).name).toBe(
      'DisabledException',
    );
  });
});

describe('automatic rotation', () => {
  it('validates the rotation period: 90 to 2560 days, 365 by default', async () => {
    const { kms, now } = kmsWithClock();
    const keyId = await symmetricKey(kms);
    for (const days of [89, 2561]) {
      const error = await rejection(
        kms.enableKeyRotation({ KeyId: keyId, RotationPeriodInDays: days }),
      );
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain(
        `Value '${days}' at 'rotationPeriodInDays' failed to satisfy constraint`,
      );
    }
    expect(await kms.getKeyRotationStatus({ KeyId: keyId })).toMatchObject({
      KeyRotationEnabled: false,
    });
    await kms.enableKeyRotation({ KeyId: keyId });
    expect(await kms.getKeyRotationStatus({ KeyId: keyId })).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 365,
      NextRotationDate: new Date(now().getTime() + 365 * 86_400_000),
    });
  });

  it('fires on the injected clock and not before', async () => {
    const { kms, advanceDays, advanceMs } = kmsWithClock();
    const keyId = await symmetricKey(kms);
    const old = await kms.encrypt({ KeyId: keyId, Plaintext: new Uint8Array([1]) });
    const oldMaterial = (await kms.describeKey({ KeyId: keyId })).KeyMetadata?.CurrentKeyMaterialId;
    await kms.enableKeyRotation({ KeyId: keyId, RotationPeriodInDays: 90 });

    advanceDays(90);
    advanceMs(-1);
    expect((await kms.describeKey({ KeyId: keyId })).KeyMetadata?.CurrentKeyMaterialId).toBe(
      oldMaterial,
    );
    expect((await kms.listKeyRotations({ KeyId: keyId })).Rotations).toEqual([]);

    advanceMs(1);
    const rotated = (await kms.describeKey({ KeyId: keyId })).KeyMetadata?.CurrentKeyMaterialId;
    expect(rotated).not.toBe(oldMaterial);
    const { Rotations } = await kms.listKeyRotations({ KeyId: keyId });
    expect(Rotations).toHaveLength(1);
    expect(Rotations?.[0]).toMatchObject({
      RotationType: 'AUTOMATIC',
      KeyMaterialId: rotated,
      KeyMaterialState: 'CURRENT',
    });

    const fresh = await kms.generateDataKey({ KeyId: keyId, NumberOfBytes: 8 });
    expect(fresh.KeyMaterialId).toBe(rotated);
    const decrypted = await kms.decrypt({ CiphertextBlob: old.CiphertextBlob });
    expect(decrypted.KeyMaterialId).toBe(oldMaterial);

    // Three more periods pass unobserved: three rotations, each on its own date.
    advanceDays(270);
    const after = await kms.listKeyRotations({ KeyId: keyId });
    expect(after.Rotations).toHaveLength(4);
    const dates = after.Rotations?.map((r) => r.RotationDate?.getTime() ?? 0) ?? [];
    expect(dates.slice(1).map((d, i) => (d - (dates[i] as number)) / 86_400_000)).toEqual([
      90, 90, 90,
    ]);
  });

  it('does not rotate a disabled key, and rotates at once when it is enabled past due', async () => {
    const { kms, advanceDays, now } = kmsWithClock();
    const keyId = await symmetricKey(kms);
    await kms.enableKeyRotation({ KeyId: keyId, RotationPeriodInDays: 90 });
    await kms.disableKey({ KeyId: keyId });
    advanceDays(200);
    expect((await kms.listKeyRotations({ KeyId: keyId })).Rotations).toEqual([]);
    await kms.enableKey({ KeyId: keyId });
    const { Rotations } = await kms.listKeyRotations({ KeyId: keyId });
    expect(Rotations).toHaveLength(1);
    expect(Rotations?.[0]?.RotationDate).toEqual(now());
    expect((await kms.getKeyRotationStatus({ KeyId: keyId })).NextRotationDate).toEqual(
      new Date(now().getTime() + 90 * 86_400_000),
    );
  });

  it('stops when rotation is disabled', async () => {
    const { kms, advanceDays } = kmsWithClock();
    const keyId = await symmetricKey(kms);
    await kms.enableKeyRotation({ KeyId: keyId, RotationPeriodInDays: 90 });
    await kms.disableKeyRotation({ KeyId: keyId });
    advanceDays(1000);
    expect((await kms.listKeyRotations({ KeyId: keyId })).Rotations).toEqual([]);
    expect(await kms.getKeyRotationStatus({ KeyId: keyId })).toMatchObject({
      KeyRotationEnabled: false,
    });
  });
});
