/**
 * What the tour's buttons do: the same requests the screens make (the same history entries,
 * the same pairs in this tab), so the screens show what the tour did and the tour lights up
 * from what the screens did. Loaded on first use: it pulls in the engine, which the page
 * must not load at start.
 */
import { forgetPrivateKey, sessionPairs } from '../crypto/session-pairs';
import { callCrypto } from '../crypto/worker-client';
import { inputError } from '../errors/explain';
import { decryptBlob } from '../features/decrypt/decrypt-blob';
import { generatePair } from '../features/generate/generate-pair';
import { awsSpecOf, isAlibaba } from '../features/generate/specs';
import { fromBase64, fromUtf8, toBase64, utf8 } from '../lib/bytes';
import { fingerprintOf } from '../lib/fingerprint';
import { useLab } from '../state/store';
import { dataCiphertext, kemCiphertext, type TourFacts, type TourPair } from './facts';
import { TOUR_CONTEXT, TOUR_OPERATION, TOUR_SPEC } from './steps';

/** Step 1: a symmetric master key named alias/start-here (or the next free name). */
export async function createMasterKey(): Promise<void> {
  const alias = await useLab
    .getState()
    .createSymmetricKey('start-here', 'The master key of the Start here tour');
  if (alias) return;
  // The keys slice explained the failure already; raise it again under its own name.
  const failure = useLab.getState().recentKeyOperations[0]?.failure;
  throw Object.assign(new Error(failure?.message ?? 'CreateKey failed.'), {
    name: failure?.name ?? 'Error',
  });
}

/** Step 2 (and step 3 for a pair that only signs): an RSA pair, no plaintext private key. */
export async function generateTourPair(masterKeyRef: string): Promise<void> {
  await generatePair({
    operation: TOUR_OPERATION,
    spec: TOUR_SPEC,
    keyRef: masterKeyRef,
    encryptionContext: { ...TOUR_CONTEXT },
  });
}

/** Step 3: the data encrypted to the public key, in the crypto worker. */
export async function encryptToPublicKey(pair: TourPair, data: string): Promise<void> {
  const algorithm = pair.encryptionAlgorithm;
  if (!algorithm) throw inputError(`A ${pair.spec} pair does not encrypt.`);
  if (data === '') throw inputError('Type some data to encrypt.');
  const ciphertext = await callCrypto(
    'encrypt',
    awsSpecOf(pair.spec),
    pair.publicKey,
    utf8(data),
    algorithm,
  );
  useLab.getState().notePublicKeyUse(pair.historyId, {
    kind: 'encrypt',
    algorithm,
    outputBase64: toBase64(ciphertext),
  });
}

/**
 * Step 3 for an ML-KEM pair: encapsulation to the public key, in the crypto worker. The
 * journey keeps the ciphertext and the secret's fingerprint; the secret itself is dropped.
 */
export async function encapsulateToPublicKey(pair: TourPair): Promise<void> {
  const made = await callCrypto('encapsulate', awsSpecOf(pair.spec), pair.publicKey);
  const secretFingerprint = await fingerprintOf(made.sharedSecret);
  made.sharedSecret.fill(0);
  useLab.getState().notePublicKeyUse(pair.historyId, {
    kind: 'encapsulate',
    algorithm: 'ML_KEM',
    outputBase64: toBase64(made.ciphertext),
    secretFingerprint,
  });
}

/**
 * Step 6 for an ML-KEM pair: the private key decapsulates step 3's ciphertext (or, when step
 * 3 was skipped, one made now) and must give the secret encapsulation made. Resolves to the
 * secret's fingerprint, for the step's text.
 */
async function decapsulateWithPrivateKey(facts: TourFacts, privateKey: Uint8Array) {
  const pair = facts.pair as TourPair;
  const spec = awsSpecOf(pair.spec);
  let ciphertext = kemCiphertext(facts);
  let expected = facts.publicKeyUse?.secretFingerprint;
  if (!ciphertext || !expected) {
    const made = await callCrypto('encapsulate', spec, pair.publicKey);
    ciphertext = toBase64(made.ciphertext);
    expected = await fingerprintOf(made.sharedSecret);
  }
  const secret = await callCrypto('decapsulate', spec, privateKey, fromBase64(ciphertext));
  const found = await fingerprintOf(secret);
  secret.fill(0);
  if (found !== expected)
    throw new Error(
      `Decapsulation gave another shared secret (SHA-256 ${found}, not ${expected}): the private key is not this public key's.`,
    );
  useLab.getState().notePrivateKeyUse(pair.historyId, { kind: 'decapsulate', algorithm: 'ML_KEM' });
  return found;
}

/** Step 4: the blob goes beside the data (the envelope the tour shows and offers to save). */
export function storeBesideData(pair: TourPair): void {
  useLab.getState().noteStored(pair.historyId);
}

/** Step 5: KMS Decrypt (or AdvanceDecrypt) with the context (or Aad) the pair was made with. */
export async function decryptTourBlob(pair: TourPair): Promise<void> {
  await decryptBlob({
    operation: isAlibaba(pair.operation) ? 'AdvanceDecrypt' : 'Decrypt',
    blob: pair.blob,
    encryptionContext: pair.encryptionContext,
    aadText: pair.aadText,
  });
}

function privateKeyOf(pair: TourPair): Uint8Array {
  const held = sessionPairs().find((each) => each.historyId === pair.historyId)?.privateKey;
  if (!held) throw inputError('This tab does not hold the private key: decrypt the blob (step 5).');
  return held;
}

/**
 * Step 6: the private key opens the ciphertext of step 3 (resolves to the data, for the
 * tour's memory only); for a pair that only signs, it signs and the public key verifies; an
 * ML-KEM pair decapsulates (resolves to the secret's fingerprint).
 */
export async function decryptOrSignWithPrivateKey(facts: TourFacts): Promise<string | undefined> {
  const pair = facts.pair as TourPair;
  const privateKey = privateKeyOf(pair);
  if (pair.encapsulates) return decapsulateWithPrivateKey(facts, privateKey);
  const spec = awsSpecOf(pair.spec);
  const { notePrivateKeyUse } = useLab.getState();
  const ciphertext = dataCiphertext(facts);
  const algorithm = facts.publicKeyUse?.algorithm;
  if (ciphertext && (algorithm === 'RSAES_OAEP_SHA_256' || algorithm === 'SM2PKE')) {
    const data = await callCrypto('decrypt', spec, privateKey, fromBase64(ciphertext), algorithm);
    notePrivateKeyUse(pair.historyId, { kind: 'decrypt', algorithm });
    return fromUtf8(data);
  }
  const { KEY_PAIR_SPECS } = await import('@kms-lab/core');
  const signing = KEY_PAIR_SPECS[spec].signingAlgorithms[0];
  if (!signing) throw inputError(`A ${pair.spec} pair neither signs nor decrypts here.`);
  const message = utf8('Signed in the Start here tour');
  const signature = await callCrypto('sign', spec, privateKey, message, signing);
  if (!(await callCrypto('verify', spec, pair.publicKey, message, signature, signing)))
    throw new Error('The public key did not verify the signature.');
  notePrivateKeyUse(pair.historyId, { kind: 'sign', algorithm: signing });
  return undefined;
}

/** Step 6, the end: this tab drops the plaintext private key; the blob brings it back. */
export function forgetTourPrivateKey(pair: TourPair): void {
  forgetPrivateKey(pair.historyId);
  useLab.getState().noteForgotten(pair.historyId);
}
