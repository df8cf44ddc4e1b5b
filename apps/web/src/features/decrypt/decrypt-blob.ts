import type { SupportedDataKeyPairSpec } from '@kms-lab/core';
import { rememberPair } from '../../crypto/session-pairs';
import { callCrypto } from '../../crypto/worker-client';
import {
  aadDifferences,
  type ContextCheck,
  contextDifferences,
} from '../../errors/context-difference';
import { appNow } from '../../kms/clock';
import { entryOfBlob } from '../../kms/history-queries';
import type { HistoryRecord } from '../../kms/history-types';
import { generatingEntry, pairLabel, specNameFor } from '../../kms/pair-origin';
import { getKms } from '../../kms/runtime';
import { fromUtf8, utf8 } from '../../lib/bytes';
import { pemBody } from '../../lib/pem';
import { useLab } from '../../state/store';

/** One Decrypt (AWS) or AdvanceDecrypt (Alibaba) of a private key blob. */
export interface DecryptRequest {
  operation: 'Decrypt' | 'AdvanceDecrypt';
  blob: Uint8Array;
  /** Decrypt only. */
  encryptionContext?: Record<string, string> | undefined;
  keyId?: string | undefined;
  /** Decrypt only: GrantTokens (from CreateGrant on the Keys screen). */
  grantTokens?: string[] | undefined;
  /** AdvanceDecrypt only: UTF-8 text ('' or undefined: none). */
  aadText?: string | undefined;
}

export interface DecryptOutcome {
  keyId: string;
  /** DER PKCS #8: kept in component state and session pairs only, never stored. */
  privateKey: Uint8Array;
  /**
   * The bytes exactly as the API returned them, when they are not the DER: AdvanceDecrypt of
   * a pair generated with KeyFormat PEM gives back the PEM text PrivateKeyPlaintext held.
   */
  privateKeyReturned?: Uint8Array | undefined;
  /** The history entry that generated the pair, when the history has it. */
  match: HistoryRecord | undefined;
  /** The pair this tab now holds ("Use the pair"), when the private key could be read. */
  pairId: string | undefined;
  /** The private key's data key pair spec, when it could be read. */
  spec: SupportedDataKeyPairSpec | undefined;
}

/** The DER inside PEM text (a PEM-format Alibaba pair), or undefined for DER bytes. */
function pemPrivateKey(bytes: Uint8Array): Uint8Array | undefined {
  // DER begins with a SEQUENCE tag (0x30), PEM text with its "-----BEGIN" line.
  if (bytes[0] !== 0x2d) return undefined;
  return pemBody(fromUtf8(bytes))?.der;
}

/**
 * Decrypts a blob, matches the private key against the history's public keys, keeps the
 * pair for this tab and records the request (a failed one with the context or Aad that
 * was tried, so the History shows what differed). A failure is thrown on.
 */
export async function decryptBlob(request: DecryptRequest): Promise<DecryptOutcome> {
  const { recordHistory, notePrivateKeyBack } = useLab.getState();
  const { operation, blob } = request;
  const aad = operation === 'AdvanceDecrypt' && request.aadText ? utf8(request.aadText) : undefined;
  const encryptionContext = operation === 'Decrypt' ? request.encryptionContext : undefined;
  let response: { KeyId?: string | undefined; Plaintext?: Uint8Array | undefined };
  try {
    const kms = await getKms();
    response =
      operation === 'AdvanceDecrypt'
        ? await kms.advanceDecrypt({ CiphertextBlob: blob, Aad: aad })
        : await kms.decrypt({
            CiphertextBlob: blob,
            EncryptionContext: encryptionContext,
            KeyId: request.keyId || undefined,
            GrantTokens: request.grantTokens,
          });
  } catch (error) {
    await recordHistory({
      at: appNow(),
      operation,
      errorName: error instanceof Error ? error.name : 'Error',
      privateKeyCiphertextBlob: blob,
      encryptionContext,
      aad,
    }).catch(() => undefined);
    throw error;
  }
  const returned = response.Plaintext as Uint8Array;
  const pem = operation === 'AdvanceDecrypt' ? pemPrivateKey(returned) : undefined;
  const privateKey = pem ?? returned;
  // Match the private key against the public keys of the history, in the worker: only the
  // entry that generated the pair counts, not an earlier Decrypt of the same blob.
  const history = useLab.getState().history;
  const described = await callCrypto('describePrivateKey', privateKey).catch(() => undefined);
  const match = described ? generatingEntry(history, described.publicKey) : undefined;
  // The spec in this API's own names (EC_P256K for AdvanceDecrypt), as its Generate said.
  const specName = described ? specNameFor(operation, described.spec) : undefined;
  const pair = described
    ? rememberPair({
        id: crypto.randomUUID(),
        label: match
          ? pairLabel(match, specName as string)
          : `${specName} · ${operation} · decrypted`,
        spec: described.spec,
        publicKey: described.publicKey,
        privateKey,
        historyId: match?.id,
      })
    : undefined;
  // The private key is back in this tab: it is no longer "forgotten" (the tour's step 6).
  if (match?.id !== undefined) notePrivateKeyBack(match.id);
  await recordHistory({
    at: appNow(),
    operation,
    keyId: response.KeyId as string,
    keyPairSpec: specName,
    publicKey: described?.publicKey,
    privateKeyCiphertextBlob: blob,
    encryptionContext,
    aad,
    matchedHistoryId: match?.id,
  });
  return {
    keyId: response.KeyId as string,
    privateKey,
    privateKeyReturned: pem ? returned : undefined,
    match,
    pairId: pair?.id,
    spec: described?.spec,
  };
}

/**
 * For a Decrypt that failed on its ciphertext: when the history knows this blob, which
 * pair of the encryption context (or the Aad) differs from the one it was sealed with.
 */
export function checkContext(
  history: readonly HistoryRecord[],
  request: DecryptRequest,
): ContextCheck | undefined {
  const original = entryOfBlob(history, request.blob);
  if (original?.id === undefined) return undefined;
  const differences =
    request.operation === 'AdvanceDecrypt'
      ? aadDifferences(original.aad ? fromUtf8(original.aad) : undefined, request.aadText)
      : contextDifferences(original.encryptionContext, request.encryptionContext);
  return { entryId: original.id, differences };
}
