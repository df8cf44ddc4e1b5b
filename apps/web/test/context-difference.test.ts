import { describe, expect, it } from 'vitest';
import { aadDifferences, contextDifferences } from '../src/errors/context-difference';
import { entryOfBlob } from '../src/kms/history-queries';
import type { HistoryRecord } from '../src/kms/history-types';

describe('which encryption context pair differs', () => {
  it('names a changed value, a missing key, an added key, and a key whose case changed', () => {
    expect(
      contextDifferences(
        { tenant: 'alpha', purpose: 'billing', region: 'eu' },
        { tenant: 'beta', Purpose: 'billing', extra: 'x' },
      ),
    ).toEqual([
      '"Purpose" was not in the blob\'s context: you gave "Purpose": "billing".',
      '"extra" was not in the blob\'s context: you gave "extra": "x".',
      '"purpose" is missing: the blob was made with "purpose": "billing" (you gave "Purpose": keys are case-sensitive).',
      '"region" is missing: the blob was made with "region": "eu".',
      '"tenant": you gave "beta", the blob was made with "alpha".',
    ]);
  });

  it('finds nothing when only the order differs, and treats no context as the empty one', () => {
    expect(contextDifferences({ a: '1', b: '2' }, { b: '2', a: '1' })).toEqual([]);
    expect(contextDifferences(undefined, {})).toEqual([]);
    expect(contextDifferences(undefined, { a: '1' })).toEqual([
      '"a" was not in the blob\'s context: you gave "a": "1".',
    ]);
  });

  it('shows quotes and odd characters as JSON, so "a" and "a " stay apart', () => {
    expect(contextDifferences({ k: 'a' }, { k: 'a ' })).toEqual([
      '"k": you gave "a ", the blob was made with "a".',
    ]);
  });

  it('compares Alibaba Aad as one text, none being the empty one', () => {
    expect(aadDifferences('order-7', 'order-8')).toEqual([
      'The Aad differs: you gave "order-8", the blob was made with "order-7".',
    ]);
    expect(aadDifferences(undefined, '')).toEqual([]);
    expect(aadDifferences('x', undefined)).toEqual([
      'The Aad differs: you gave none, the blob was made with "x".',
    ]);
  });
});

describe('the entry whose context a blob was sealed with', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const blob = Uint8Array.of(0x4b, 0x4c, 1, 0, 1);
  const history: HistoryRecord[] = [
    {
      id: 3,
      at,
      operation: 'Decrypt',
      errorName: 'InvalidCiphertextException',
      privateKeyCiphertextBlob: blob,
      encryptionContext: { k: 'wrong' },
    },
    {
      id: 2,
      at,
      operation: 'Decrypt',
      privateKeyCiphertextBlob: blob,
      encryptionContext: { k: 'v' },
    },
    {
      id: 1,
      at,
      operation: 'GenerateDataKeyPair',
      publicKey: Uint8Array.of(1),
      privateKeyCiphertextBlob: blob,
      encryptionContext: { k: 'v' },
    },
  ];

  it('is the entry that generated it, never a failed attempt', () => {
    expect(entryOfBlob(history, blob)?.id).toBe(1);
    expect(entryOfBlob(history.slice(0, 2), blob)?.id).toBe(2);
    expect(entryOfBlob(history.slice(0, 1), blob)).toBeUndefined();
    expect(entryOfBlob(history, Uint8Array.of(9))).toBeUndefined();
  });
});
