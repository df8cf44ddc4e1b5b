import { describe, expect, it } from 'vitest';
import type { HistoryRecord } from '../src/kms/history-types';
import type { KeySummary } from '../src/kms/key-summary';
import type { Journey } from '../src/state/journey-slice';
import { partViews } from '../src/tour/diagram-parts';
import { envelopeOf, type TourInputs, tourFacts } from '../src/tour/facts';
import { firstOpenStep, TOUR_STEPS } from '../src/tour/steps';

const at = new Date('2026-01-01T00:00:00Z');
const keyId = '1234abcd-12ab-44cd-96ef-1234567890ab';
const key = {
  keyId,
  arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
  keySpec: 'SYMMETRIC_DEFAULT',
  state: 'Enabled',
  aliases: ['alias/start-here'],
} as KeySummary;
const generated: HistoryRecord = {
  id: 1,
  at,
  operation: 'GenerateDataKeyPairWithoutPlaintext',
  keyId: key.arn,
  keyPairSpec: 'RSA_2048',
  publicKey: new Uint8Array(294),
  privateKeyCiphertextBlob: new Uint8Array(1321),
  encryptionContext: { purpose: 'start-here' },
};
const decrypted: HistoryRecord = {
  id: 2,
  at,
  operation: 'Decrypt',
  keyId: key.arn,
  publicKey: new Uint8Array(294),
  privateKeyCiphertextBlob: new Uint8Array(1321),
  matchedHistoryId: 1,
};
const none: Journey = { publicKeyUses: {}, stored: [], privateKeyUses: {}, forgotten: [] };
const ciphertext = btoa(String.fromCharCode(...new Uint8Array(256).fill(7)));
const everything: Journey = {
  publicKeyUses: {
    1: { kind: 'encrypt', algorithm: 'RSAES_OAEP_SHA_256', outputBase64: ciphertext },
  },
  stored: [1],
  privateKeyUses: { 1: { kind: 'decrypt', algorithm: 'RSAES_OAEP_SHA_256' } },
  forgotten: [1],
};

const facts = (inputs: Partial<TourInputs>) =>
  tourFacts({ keys: [], history: [], journey: none, pairs: [], ...inputs });
const doneSteps = (inputs: Partial<TourInputs>) =>
  TOUR_STEPS.filter((step) => step.done(facts(inputs))).map((step) => step.id);

/** Sentences: text up to a full stop followed by a space or the end. */
const sentences = (text: string) => text.split(/(?<=\.)\s+(?=[A-Z"])/).filter(Boolean);

describe('the tour', () => {
  it('lights up from the keys, the history and the journey, however each step was done', () => {
    expect(doneSteps({})).toEqual([]);
    expect(doneSteps({ keys: [key] })).toEqual(['create-master-key']);
    expect(doneSteps({ keys: [key], history: [generated] })).toEqual([
      'create-master-key',
      'generate-pair',
    ]);
    expect(
      doneSteps({ keys: [key], history: [decrypted, generated], journey: everything }),
    ).toEqual(TOUR_STEPS.map((step) => step.id));
    // A use of the private key before its Decrypt does not count for step 6.
    expect(doneSteps({ keys: [key], history: [generated], journey: everything })).not.toContain(
      'use-private-key',
    );
  });

  it('follows the newest generated pair, and names the master key that made it', () => {
    const older = { ...generated, id: 0, keyPairSpec: 'ECC_NIST_P256' };
    const other = { ...key, keyId: 'other', arn: 'arn:other', aliases: ['alias/other'] };
    const result = facts({ keys: [other, key], history: [generated, older] });
    expect(result.pair?.historyId).toBe(1);
    expect(result.pair?.encryptionAlgorithm).toBe('RSAES_OAEP_SHA_256');
    expect(result.masterKey).toEqual({ keyId, name: 'alias/start-here' });
    expect(
      facts({ history: [{ ...generated, keyPairSpec: 'ECC_NIST_P256' }] }).pair
        ?.encryptionAlgorithm,
    ).toBeUndefined();
  });

  it('says what to do, then what happened, in two or three sentences at every step', () => {
    const before = facts({});
    const after = facts({ keys: [key], history: [decrypted, generated], journey: everything });
    for (const step of TOUR_STEPS) {
      for (const text of [step.todo(before), step.happened(after, 'Invoice 1042')]) {
        expect(sentences(text).length, `${step.id}: ${text}`).toBeGreaterThanOrEqual(2);
        expect(sentences(text).length, `${step.id}: ${text}`).toBeLessThanOrEqual(3);
        expect(text).not.toMatch(/undefined|NaN/);
      }
    }
    expect(TOUR_STEPS[1]?.happened(after)).toContain(
      'GenerateDataKeyPairWithoutPlaintext made an RSA_2048 pair (History entry #1): a 294-byte public key and a 1321-byte encrypted private key',
    );
    expect(TOUR_STEPS[5]?.happened(after, 'Invoice 1042')).toContain('"Invoice 1042"');
  });

  it('goes on from the first step not done', () => {
    expect(firstOpenStep(facts({}))).toBe(0);
    expect(firstOpenStep(facts({ keys: [key], history: [generated] }))).toBe(2);
    expect(
      firstOpenStep(facts({ keys: [key], history: [decrypted, generated], journey: everything })),
    ).toBe(TOUR_STEPS.length - 1);
  });

  it("draws each part with the learner's value, and its state in words", () => {
    const waiting = partViews(facts({}), undefined);
    expect(waiting.map((view) => view.state)).toEqual(Array(6).fill('waiting'));
    const views = partViews(
      facts({ keys: [key], history: [decrypted, generated], journey: everything }),
      'aa:bb',
    );
    const byPart = Object.fromEntries(views.map((view) => [view.part, view]));
    expect(byPart['master-key']?.value).toBe('alias/start-here · 1234abcd…');
    expect(byPart['public-key']).toMatchObject({
      role: 'share this',
      value: '294 bytes · SHA-256 aa:bb',
    });
    expect(byPart['encrypted-private-key']).toMatchObject({
      role: 'store this next to your data',
      value: '1321 bytes · stored beside the data',
    });
    expect(byPart['private-key']).toMatchObject({ role: 'use, then forget', state: 'gone' });
    expect(byPart.data?.value).toBe('256-byte ciphertext 07 07 07 07 07 07 …');
  });

  it('puts the encrypted data beside the encrypted private key in the envelope, nothing secret', () => {
    const envelope = envelopeOf(
      facts({ keys: [key], history: [generated], journey: everything }),
      'QkxPQg==',
    );
    expect(envelope).toEqual({
      Ciphertext: ciphertext,
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      PrivateKeyCiphertextBlob: 'QkxPQg==',
      EncryptionContext: { purpose: 'start-here' },
      Aad: undefined,
      KeyPairSpec: 'RSA_2048',
    });
  });

  it('follows an ML-KEM pair with encapsulation and decapsulation, never a signature', () => {
    const kemPair = { ...generated, keyPairSpec: 'ML_KEM_768', publicKey: new Uint8Array(1206) };
    const kemCiphertext = btoa(String.fromCharCode(...new Uint8Array(1088).fill(9)));
    const kemJourney: Journey = {
      publicKeyUses: {
        1: {
          kind: 'encapsulate',
          algorithm: 'ML_KEM',
          outputBase64: kemCiphertext,
          secretFingerprint: '01:02:03:04:05:06:07:08',
        },
      },
      stored: [1],
      privateKeyUses: { 1: { kind: 'decapsulate', algorithm: 'ML_KEM' } },
      forgotten: [1],
    };
    const before = facts({ keys: [key], history: [kemPair] });
    expect(before.pair).toMatchObject({ encapsulates: true, encryptionAlgorithm: undefined });
    const [, , usePublic, , , usePrivate] = TOUR_STEPS;
    expect(usePublic?.todo(before)).toMatch(/^An ML_KEM_768 pair does not encrypt: .*Encapsulate/);
    expect(usePublic?.todo(before)).not.toMatch(/sign/);
    expect(usePrivate?.todo(before)).toMatch(/^Decapsulate the ciphertext from step 3/);

    const after = facts({ keys: [key], history: [decrypted, kemPair], journey: kemJourney });
    expect(doneSteps({ keys: [key], history: [decrypted, kemPair], journey: kemJourney })).toEqual(
      TOUR_STEPS.map((step) => step.id),
    );
    const fingerprint = '01:02:03:04:05:06:07:08';
    for (const step of TOUR_STEPS) {
      const text = step.happened(after, fingerprint);
      expect(sentences(text).length, `${step.id}: ${text}`).toBeGreaterThanOrEqual(2);
      expect(sentences(text).length, `${step.id}: ${text}`).toBeLessThanOrEqual(3);
      expect(text).not.toMatch(/undefined|NaN/);
    }
    expect(usePublic?.happened(after)).toContain(`shared secret (SHA-256 ${fingerprint})`);
    expect(usePublic?.happened(after)).toContain('1088-byte ciphertext');
    expect(usePrivate?.happened(after, fingerprint)).toContain(
      `the same 32-byte shared secret (SHA-256 ${fingerprint})`,
    );
    const views = Object.fromEntries(partViews(after, 'aa').map((view) => [view.part, view]));
    expect(views.data?.value).toBe(
      'keyed by the shared secret; 1088-byte ML-KEM ciphertext 09 09 09 09 09 09 …',
    );
    expect(envelopeOf(after, 'QkxPQg==')).toMatchObject({
      Ciphertext: undefined,
      SharedSecretCiphertextBlob: kemCiphertext,
      KeyPairSpec: 'ML_KEM_768',
    });
  });
});
