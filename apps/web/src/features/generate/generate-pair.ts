import type { SupportedDataKeyPairSpec } from '@kms-lab/core';
import { rememberPair } from '../../crypto/session-pairs';
import { appNow } from '../../kms/clock';
import { getKms } from '../../kms/runtime';
import { fromUtf8, utf8 } from '../../lib/bytes';
import { pemBody } from '../../lib/pem';
import { useLab } from '../../state/store';
import type { GenerateResult } from './GenerateOutput';
import { awsSpecOf, type GenerateOperation, isAlibaba } from './specs';

/** One data key pair request, as the Generate screen or the tour makes it. */
export interface GenerateRequest {
  operation: GenerateOperation;
  /** The API's own spec name (Alibaba's for the Advance operations). */
  spec: string;
  /** Alias, key ID or ARN of the master key. */
  keyRef: string;
  /** AWS only. */
  encryptionContext?: Record<string, string> | undefined;
  dryRun?: boolean | undefined;
  /** AWS only: GrantTokens (from CreateGrant on the Keys screen). */
  grantTokens?: string[] | undefined;
  /** Alibaba only: the Aad as UTF-8 text ('' or undefined: none) and the key format. */
  aadText?: string | undefined;
  keyFormat?: 'PEM' | 'DER' | undefined;
}

/** Alibaba's KeyFormat PEM returns the PEM text's bytes; the views work on DER. */
function derOf(bytes: Uint8Array, keyFormat: string): Uint8Array {
  if (keyFormat !== 'PEM') return bytes;
  const block = pemBody(fromUtf8(bytes));
  if (!block) throw new Error('The response was not the PEM text KeyFormat PEM asks for.');
  return block.der;
}

type Generated = Omit<GenerateResult, 'pairId' | 'historyId'>;

async function callAlibaba(request: GenerateRequest): Promise<Generated> {
  const kms = await getKms();
  const keyFormat = request.keyFormat ?? 'PEM';
  const aadText = request.aadText || undefined;
  const input = {
    KeyId: request.keyRef,
    KeyPairSpec: request.spec as never,
    KeyFormat: keyFormat,
    Aad: aadText === undefined ? undefined : utf8(aadText),
  };
  const response =
    request.operation === 'AdvanceGenerateDataKeyPair'
      ? await kms.advanceGenerateDataKeyPair(input)
      : await kms.advanceGenerateDataKeyPairWithoutPlaintext(input);
  const privateReturned =
    'PrivateKeyPlaintext' in response ? (response.PrivateKeyPlaintext as Uint8Array) : undefined;
  return {
    operation: request.operation,
    keyId: response.KeyId,
    keyPairSpec: response.KeyPairSpec,
    awsSpec: awsSpecOf(response.KeyPairSpec),
    keyVersionId: response.KeyVersionId,
    publicKey: derOf(response.PublicKey, keyFormat),
    privateKey: privateReturned && derOf(privateReturned, keyFormat),
    // With PEM the API returned text: shown as returned beside the DER views.
    ...(keyFormat === 'PEM' && {
      publicKeyReturned: response.PublicKey,
      privateKeyReturned: privateReturned,
    }),
    blob: response.PrivateKeyCiphertextBlob,
    aadText,
  };
}

async function callAws(request: GenerateRequest): Promise<Generated> {
  const kms = await getKms();
  const input = {
    KeyId: request.keyRef,
    KeyPairSpec: request.spec as SupportedDataKeyPairSpec,
    EncryptionContext: request.encryptionContext,
    DryRun: request.dryRun || undefined,
    GrantTokens: request.grantTokens,
  };
  const response =
    request.operation === 'GenerateDataKeyPair'
      ? await kms.generateDataKeyPair(input)
      : await kms.generateDataKeyPairWithoutPlaintext(input);
  return {
    operation: request.operation,
    keyId: response.KeyId as string,
    keyPairSpec: response.KeyPairSpec as string,
    awsSpec: response.KeyPairSpec as SupportedDataKeyPairSpec,
    keyMaterialId: response.KeyMaterialId,
    publicKey: response.PublicKey as Uint8Array,
    privateKey:
      'PrivateKeyPlaintext' in response ? (response.PrivateKeyPlaintext as Uint8Array) : undefined,
    blob: response.PrivateKeyCiphertextBlob as Uint8Array,
    encryptionContext: request.encryptionContext,
  };
}

/**
 * Generates a data key pair, records it in the history and keeps the pair for this tab's
 * "Use the pair". A failure is recorded too (but not a DryRun, which generates nothing) and
 * thrown on.
 */
export async function generatePair(request: GenerateRequest): Promise<GenerateResult> {
  const { recordHistory } = useLab.getState();
  let generated: Generated;
  try {
    generated = await (isAlibaba(request.operation) ? callAlibaba(request) : callAws(request));
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    if (name !== 'DryRunOperationException')
      await recordHistory({
        at: appNow(),
        operation: request.operation,
        keyId: request.keyRef,
        keyPairSpec: request.spec,
        errorName: name,
      }).catch(() => undefined);
    throw error;
  }
  const historyId = await recordHistory({
    at: appNow(),
    operation: request.operation,
    keyId: generated.keyId,
    keyPairSpec: generated.keyPairSpec,
    publicKey: generated.publicKey,
    privateKeyCiphertextBlob: generated.blob,
    encryptionContext: generated.encryptionContext,
    aad: generated.aadText === undefined ? undefined : utf8(generated.aadText),
    keyMaterialId: generated.keyMaterialId,
    keyVersionId: generated.keyVersionId,
  });
  const pair = rememberPair({
    id: crypto.randomUUID(),
    label: `${generated.keyPairSpec} · ${request.operation} · #${historyId}`,
    spec: generated.awsSpec,
    publicKey: generated.publicKey,
    privateKey: generated.privateKey,
    historyId,
  });
  return { ...generated, pairId: pair.id, historyId };
}
