import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, generate } from '../src/crypto/operations';
import { explainFailure } from '../src/errors/explain';
import { utf8 } from '../src/lib/bytes';

/** A copy of the ciphertext with one bit of its last byte flipped. */
function tampered(ciphertext: Uint8Array): Uint8Array {
  const copy = ciphertext.slice();
  copy[copy.length - 1] = (copy[copy.length - 1] as number) ^ 0x01;
  return copy;
}

describe('decrypting with a data key pair', () => {
  for (const [spec, algorithm] of [
    ['RSA_2048', 'RSAES_OAEP_SHA_256'],
    ['SM2', 'SM2PKE'],
  ] as const) {
    it(`${spec}: an altered ciphertext fails as DecryptionError, explained in plain words`, async () => {
      const pair = await generate(spec);
      const ciphertext = await encrypt(spec, pair.publicKey, utf8('a data key'), algorithm);
      expect(await decrypt(spec, pair.privateKey, ciphertext, algorithm)).toEqual(
        utf8('a data key'),
      );
      const failure = await decrypt(spec, pair.privateKey, tampered(ciphertext), algorithm).then(
        () => undefined,
        explainFailure,
      );
      expect(failure?.name).toBe('DecryptionError');
      expect(failure?.message).toContain(spec === 'SM2' ? 'SM3 hash' : 'padding');
      // What was checked, what it means, what to try.
      expect(failure?.explanation).toMatch(/checks what it recovers/);
      expect(failure?.explanation).toMatch(/altered/);
      expect(failure?.explanation).toMatch(/Try encrypting again/);
    });
  }
});
