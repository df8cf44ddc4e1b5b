import { describe, expect, it } from 'vitest';
import { ALIBABA_LIMITS, AWS_LIMITS, createKms } from '../src/index.js';
import { generateKeyPair } from '../src/keypairs/index.js';
import type { DerKeyPair } from '../src/keypairs/types.js';
import { kmsWithClock, rejection, symmetricKey } from './support/kms.js';

describe('Alibaba Cloud instance rule: one data key pair generation at a time', () => {
  it('of two concurrent generations exactly one succeeds, the other gets Rejected.Throttling (429)', async () => {
    const kms = createKms({ limits: ALIBABA_LIMITS });
    const keyId = await symmetricKey(kms);
    const results = await Promise.allSettled([
      kms.advanceGenerateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'RSA_2048', KeyFormat: 'PEM' }),
      kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({
      name: 'Rejected.Throttling',
      message: 'Concurrency Limit Exceeded.',
      httpStatusCode: 429,
    });
    // No state left behind: the key is unchanged and the next request goes through.
    expect((await kms.listKeys({})).Keys).toHaveLength(1);
    await kms.generateDataKeyPairWithoutPlaintext({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' });
  });

  it('holds the slot while a generation runs and frees it when that generation fails', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const kms = createKms({
      limits: ALIBABA_LIMITS,
      generateKeyPair: async (spec, crypto): Promise<DerKeyPair> => {
        calls++;
        await gate;
        if (calls === 1) throw new Error('generator failed');
        return generateKeyPair(spec, crypto);
      },
    });
    const keyId = await symmetricKey(kms);
    const first = kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' });
    const second = await rejection(
      kms.advanceGenerateDataKeyPairWithoutPlaintext({
        KeyId: keyId,
        KeyPairSpec: 'EC_P256',
        KeyFormat: 'DER',
      }),
    );
    expect(second.name).toBe('Rejected.Throttling');
    release();
    expect((await rejection(first)).name).toBe('KMSInternalException');
    await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' });
  });
});

describe('AWS request quotas per KeyPairSpec', () => {
  it('throttles the 2nd RSA_4096 request inside 10 seconds', async () => {
    const { kms, advanceMs } = kmsWithClock(undefined, { limits: AWS_LIMITS });
    const keyId = await symmetricKey(kms);
    await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'RSA_4096' });
    const throttled = await rejection(
      kms.generateDataKeyPairWithoutPlaintext({ KeyId: keyId, KeyPairSpec: 'RSA_4096' }),
    );
    expect(throttled).toMatchObject({
      name: 'ThrottlingException',
      message:
        'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.',
      httpStatusCode: 429,
    });
    advanceMs(9_999);
    expect(
      (await rejection(kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'RSA_4096' }))).name,
    ).toBe('ThrottlingException');
    advanceMs(1);
    const second = await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'RSA_4096' });
    expect(second.KeyPairSpec).toBe('RSA_4096');
    // Other specs have buckets of their own: 25 P-256 requests in the same instant pass, the 26th does not.
    for (let i = 0; i < 25; i++)
      await kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' });
    expect(
      (await rejection(kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' })))
        .name,
    ).toBe('ThrottlingException');
  });

  it('is off by default', async () => {
    const kms = createKms();
    const keyId = await symmetricKey(kms);
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        kms.generateDataKeyPair({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }),
      ),
    );
    expect(results).toHaveLength(30);
  });
});
