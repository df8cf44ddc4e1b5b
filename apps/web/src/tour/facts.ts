/**
 * What the tour knows of the learner's own envelope, derived from the keys, the history,
 * the journey and this tab's pairs: the same facts whether a step was done in the tour or
 * on a screen. Pure functions, no React and no engine code (the tour loads with the page),
 * so a presenter mode can derive the same facts.
 */
import type { SessionPair } from '../crypto/session-pairs';
import { decryptsOfPair, newestGeneratedPair } from '../kms/history-queries';
import type { HistoryRecord } from '../kms/history-types';
import type { KeySummary } from '../kms/key-summary';
import { fromUtf8 } from '../lib/bytes';
import type { Journey, PrivateKeyUse, PublicKeyUse } from '../state/journey-slice';

export interface TourMasterKey {
  keyId: string;
  /** Its first alias, or its key ID. */
  name: string;
}

export interface TourPair {
  historyId: number;
  operation: string;
  /** The API's own spec name (Alibaba's for the Advance operations). */
  spec: string;
  /** The master key as the response named it (an ARN for AWS, a key ID for Alibaba). */
  keyId: string;
  publicKey: Uint8Array;
  blob: Uint8Array;
  encryptionContext: Record<string, string> | undefined;
  /** Alibaba only. */
  aadText: string | undefined;
  /** The response held the plaintext private key (not …WithoutPlaintext). */
  withPlaintext: boolean;
  /** How the public key encrypts; undefined for pairs that only sign (ECC, Ed25519) or encapsulate. */
  encryptionAlgorithm: 'RSAES_OAEP_SHA_256' | 'SM2PKE' | undefined;
  /** An ML-KEM pair: its public key encapsulates a shared secret rather than encrypting. */
  encapsulates: boolean;
}

export interface TourFacts {
  masterKey: TourMasterKey | undefined;
  /** The newest pair of the history: the tour follows it. */
  pair: TourPair | undefined;
  publicKeyUse: PublicKeyUse | undefined;
  stored: boolean;
  /** The newest successful Decrypt of the pair's blob. */
  decrypt: HistoryRecord | undefined;
  /** This tab holds the pair's plaintext private key now. */
  privateKeyInTab: boolean;
  /** The private key was used after its last Decrypt. */
  privateKeyUse: PrivateKeyUse | undefined;
  forgotten: boolean;
}

export interface TourInputs {
  keys: readonly KeySummary[];
  history: readonly HistoryRecord[];
  journey: Journey;
  pairs: readonly SessionPair[];
}

/** The public-key encryption a spec offers, by its AWS or Alibaba name. */
export function encryptionAlgorithmOf(spec: string): TourPair['encryptionAlgorithm'] {
  if (spec.startsWith('RSA_')) return 'RSAES_OAEP_SHA_256';
  if (spec === 'SM2' || spec === 'EC_SM2') return 'SM2PKE';
  return undefined;
}

function pairOf(record: HistoryRecord): TourPair {
  return {
    historyId: record.id as number,
    operation: record.operation,
    spec: record.keyPairSpec ?? '',
    keyId: record.keyId ?? '',
    publicKey: record.publicKey as Uint8Array,
    blob: record.privateKeyCiphertextBlob as Uint8Array,
    encryptionContext: record.encryptionContext,
    aadText: record.aad ? fromUtf8(record.aad) : undefined,
    withPlaintext: !record.operation.endsWith('WithoutPlaintext'),
    encryptionAlgorithm: encryptionAlgorithmOf(record.keyPairSpec ?? ''),
    encapsulates: (record.keyPairSpec ?? '').startsWith('ML_KEM_'),
  };
}

const isUsableMasterKey = (key: KeySummary) =>
  key.keySpec === 'SYMMETRIC_DEFAULT' && key.state === 'Enabled';

function masterKeyOf(keys: readonly KeySummary[], pair: TourPair | undefined) {
  const used = pair && keys.find((key) => key.keyId === pair.keyId || key.arn === pair.keyId);
  const key = used ?? keys.find(isUsableMasterKey);
  return key && { keyId: key.keyId, name: key.aliases[0] ?? key.keyId };
}

export function tourFacts({ keys, history, journey, pairs }: TourInputs): TourFacts {
  const record = newestGeneratedPair(history);
  const pair = record?.id === undefined ? undefined : pairOf(record);
  const id = pair?.historyId ?? -1;
  const decrypt = pair && decryptsOfPair(history, id)[0];
  return {
    masterKey: masterKeyOf(keys, pair),
    pair,
    publicKeyUse: journey.publicKeyUses[id],
    stored: journey.stored.includes(id),
    decrypt,
    privateKeyInTab: pairs.some((each) => each.historyId === id && each.privateKey),
    privateKeyUse: decrypt ? journey.privateKeyUses[id] : undefined,
    forgotten: journey.forgotten.includes(id),
  };
}

/** How a pair's blob was bound: its encryption context, Aad, or neither, in words. */
export function sealText(pair: TourPair): string {
  if (pair.aadText !== undefined) return `the Aad ${JSON.stringify(pair.aadText)}`;
  if (pair.encryptionContext && Object.keys(pair.encryptionContext).length > 0)
    return `the encryption context ${JSON.stringify(pair.encryptionContext)}`;
  return 'no encryption context';
}

/** The ciphertext of the data, when the public key encrypted it. */
export function dataCiphertext(facts: TourFacts): string | undefined {
  return facts.publicKeyUse?.kind === 'encrypt' ? facts.publicKeyUse.outputBase64 : undefined;
}

/** The ML-KEM ciphertext that carries the shared secret, when the public key encapsulated. */
export function kemCiphertext(facts: TourFacts): string | undefined {
  return facts.publicKeyUse?.kind === 'encapsulate' ? facts.publicKeyUse.outputBase64 : undefined;
}

/**
 * The envelope the tour's step 4 stores: the encrypted data beside the encrypted private key
 * and what it was sealed with. Nothing in it is secret without KMS.
 */
export function envelopeOf(facts: TourFacts, blobBase64: string): Record<string, unknown> {
  const pair = facts.pair;
  return {
    Ciphertext: dataCiphertext(facts),
    EncryptionAlgorithm: dataCiphertext(facts) ? facts.publicKeyUse?.algorithm : undefined,
    // AWS's name for the ML-KEM ciphertext (Encapsulate's response, Decapsulate's request).
    SharedSecretCiphertextBlob: kemCiphertext(facts),
    PrivateKeyCiphertextBlob: blobBase64,
    EncryptionContext: pair?.encryptionContext,
    Aad: pair?.aadText,
    KeyPairSpec: pair?.spec,
  };
}
