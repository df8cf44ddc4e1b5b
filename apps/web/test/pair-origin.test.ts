import { describe, expect, it } from 'vitest';
import type { HistoryRecord } from '../src/kms/history-types';
import { generatingEntry, originOf, pairLabel, specNameFor } from '../src/kms/pair-origin';

const at = new Date('2026-01-01T00:00:00Z');
const publicKey = Uint8Array.of(0x30, 0x59, 1, 2, 3);
const other = Uint8Array.of(0x30, 0x59, 9, 9, 9);

// Newest first, as the history slice holds it: two Decrypts of one blob after its Generate.
const history: HistoryRecord[] = [
  { id: 4, at, operation: 'Decrypt', keyPairSpec: 'ECC_NIST_P256', publicKey, matchedHistoryId: 2 },
  { id: 3, at, operation: 'Decrypt', keyPairSpec: 'ECC_NIST_P256', publicKey, matchedHistoryId: 2 },
  { id: 2, at, operation: 'GenerateDataKeyPair', keyPairSpec: 'ECC_NIST_P256', publicKey },
  {
    id: 1,
    at,
    operation: 'GenerateDataKeyPair',
    keyPairSpec: 'SM2',
    errorName: 'NotFoundException',
  },
];

describe('the entry a decrypted pair is matched to', () => {
  it('is the Generate entry that made it, not a newer Decrypt of the same blob', () => {
    expect(generatingEntry(history, publicKey)?.id).toBe(2);
    expect(generatingEntry(history, other)).toBeUndefined();
  });

  it('names the pair after the generating entry, from a Decrypt row too', () => {
    const decryptRow = history[0] as HistoryRecord;
    expect(pairLabel(originOf(decryptRow, history), 'ECC_NIST_P256')).toBe(
      'ECC_NIST_P256 · GenerateDataKeyPair · #2',
    );
    expect(originOf(history[2] as HistoryRecord, history).id).toBe(2);
  });

  it('counts Alibaba generations, and never a failed one', () => {
    const alibaba: HistoryRecord[] = [
      { id: 6, at, operation: 'AdvanceDecrypt', keyPairSpec: 'EC_P256K', publicKey },
      { id: 5, at, operation: 'AdvanceGenerateDataKeyPairWithoutPlaintext', publicKey },
      { id: 1, at, operation: 'GenerateDataKeyPair', publicKey, errorName: 'DisabledException' },
    ];
    expect(generatingEntry(alibaba, publicKey)?.id).toBe(5);
  });
});

describe('spec names per API', () => {
  it("uses Alibaba's names for the Advance operations and AWS's otherwise", () => {
    expect(specNameFor('AdvanceDecrypt', 'ECC_SECG_P256K1')).toBe('EC_P256K');
    expect(specNameFor('AdvanceDecrypt', 'ECC_NIST_P256')).toBe('EC_P256');
    expect(specNameFor('AdvanceDecrypt', 'SM2')).toBe('EC_SM2');
    expect(specNameFor('AdvanceDecrypt', 'RSA_3072')).toBe('RSA_3072');
    expect(specNameFor('Decrypt', 'ECC_SECG_P256K1')).toBe('ECC_SECG_P256K1');
    // Alibaba has no P-384 data key pair: the AWS name is the only one there is.
    expect(specNameFor('AdvanceDecrypt', 'ECC_NIST_P384')).toBe('ECC_NIST_P384');
  });
});
