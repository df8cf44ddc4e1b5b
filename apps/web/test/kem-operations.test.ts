import { describe, expect, it } from 'vitest';
import {
  decapsulate,
  describePrivateKey,
  describePublicKey,
  encapsulate,
  generate,
} from '../src/crypto/operations';

describe('ML-KEM data key pairs in the crypto worker', () => {
  for (const [spec, ciphertextBytes] of [
    ['ML_KEM_512', 768],
    ['ML_KEM_768', 1088],
    ['ML_KEM_1024', 1568],
  ] as const) {
    it(`${spec}: encapsulating to the public key and decapsulating give one 32-byte secret`, async () => {
      const pair = await generate(spec);
      expect(pair.privateKey.length).toBe(86);
      const made = await encapsulate(spec, pair.publicKey);
      expect(made.sharedSecret.length).toBe(32);
      expect(made.ciphertext.length).toBe(ciphertextBytes);
      expect(await decapsulate(spec, pair.privateKey, made.ciphertext)).toEqual(made.sharedSecret);
      // Another ciphertext of the right length: FIPS 203's implicit rejection, another secret.
      const altered = made.ciphertext.slice();
      altered[0] = (altered[0] as number) ^ 1;
      const rejected = await decapsulate(spec, pair.privateKey, altered);
      expect(rejected.length).toBe(32);
      expect(rejected).not.toEqual(made.sharedSecret);
    });
  }

  it('reads the spec and public key of a pasted ML-KEM key, as for the other specs', async () => {
    const pair = await generate('ML_KEM_768');
    expect(await describePublicKey(pair.publicKey)).toEqual({ spec: 'ML_KEM_768' });
    const described = await describePrivateKey(pair.privateKey.slice());
    expect(described.spec).toBe('ML_KEM_768');
    expect(described.publicKey).toEqual(pair.publicKey);
  });

  it('refuses a ciphertext of the wrong length, and another spec’s public key', async () => {
    const pair = await generate('ML_KEM_512');
    await expect(decapsulate('ML_KEM_512', pair.privateKey, new Uint8Array(1088))).rejects.toThrow(
      /1088 bytes, expected 768/,
    );
    await expect(encapsulate('ML_KEM_768', pair.publicKey)).rejects.toThrow(/ML-KEM-512/);
  });
});
