import { createHash, createHmac } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sm3 } from '../src/hashes/sm3.js';
import vectors from './vectors/sm3.json' with { type: 'json' };

// Fixed seed: every run draws the same cases, so a failure reproduces exactly.
const FC_SEED = 0x5333;

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const nodeSm3 = (data: Uint8Array): string => createHash('sm3').update(data).digest('hex');

describe('sm3 (GB/T 32905-2016)', () => {
  it('is a noble CHash with SM3 sizes', () => {
    expect(sm3.outputLen).toBe(32);
    expect(sm3.blockLen).toBe(64);
    expect(sm3.canXOF).toBe(false);
  });

  for (const vector of vectors.vectors) {
    it(`matches ${vector.name}`, () => {
      expect(bytesToHex(sm3(ascii(vector.messageAscii)))).toBe(vector.digest);
    });
  }

  it('agrees with node:crypto for every length 0..300 (all padding boundaries)', () => {
    for (let length = 0; length <= 300; length++) {
      const message = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(bytesToHex(sm3(message)), `length ${length}`).toBe(nodeSm3(message));
    }
  });

  it('agrees with node:crypto on random messages of length 0..300', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (message) => {
        expect(bytesToHex(sm3(message))).toBe(nodeSm3(message));
      }),
      { seed: FC_SEED, numRuns: 300 },
    );
  });

  it('gives the one-shot digest when the message is streamed in pieces', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 8 }),
        (message, cutPoints) => {
          const cuts = [...new Set(cutPoints.map((cut) => cut % (message.length + 1)))].sort(
            (a, b) => a - b,
          );
          const hash = sm3.create();
          let start = 0;
          for (const cut of [...cuts, message.length]) {
            hash.update(message.subarray(start, cut));
            start = cut;
          }
          expect(bytesToHex(hash.digest())).toBe(bytesToHex(sm3(message)));
        },
      ),
      { seed: FC_SEED, numRuns: 200 },
    );
  });

  it('clones mid-stream state', () => {
    const prefix = ascii('abcd'.repeat(20));
    const base = sm3.create().update(prefix);
    const copy = base.clone();
    base.update(ascii('left'));
    copy.update(ascii('right'));
    expect(bytesToHex(base.digest())).toBe(nodeSm3(ascii(`${'abcd'.repeat(20)}left`)));
    expect(bytesToHex(copy.digest())).toBe(nodeSm3(ascii(`${'abcd'.repeat(20)}right`)));
  });

  it('works as the hash of noble hmac, matching node:crypto HMAC-SM3', () => {
    const key = ascii('a key longer than one sixty-four byte SM3 block, so HMAC hashes it first');
    const message = ascii('message digest');
    expect(bytesToHex(hmac(sm3, key, message))).toBe(
      createHmac('sm3', key).update(message).digest('hex'),
    );
  });

  it('refuses use after digest', () => {
    const hash = sm3.create();
    hash.digest();
    expect(() => hash.update(ascii('x'))).toThrow();
  });
});
