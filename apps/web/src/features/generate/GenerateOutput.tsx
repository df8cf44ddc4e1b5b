import type { SupportedDataKeyPairSpec } from '@kms-lab/core';
import { useId } from 'react';
import { toBase64, utf8 } from '../../lib/bytes';
import { download } from '../../lib/download';
import { Breakable } from '../../output/Breakable';
import { BytesField } from '../../output/BytesField';
import { KeyField } from '../../output/KeyField';
import { keySizeNotes } from '../../output/key-size-notes';
import { ROLES } from '../../output/roles';
import { useArrivalFocus } from '../../output/use-arrival-focus';
import { useLab } from '../../state/store';
import { makeBundle } from './bundle';
import { type GenerateOperation, returnsPlaintext } from './specs';

export interface GenerateResult {
  operation: GenerateOperation;
  keyId: string;
  keyPairSpec: string;
  awsSpec: SupportedDataKeyPairSpec;
  keyMaterialId?: string | undefined;
  keyVersionId?: string | undefined;
  /** DER SubjectPublicKeyInfo. */
  publicKey: Uint8Array;
  /** DER PKCS #8: in this component's state only, never stored. */
  privateKey?: Uint8Array | undefined;
  /** Alibaba's KeyFormat PEM: the PEM text's bytes the API returned for each key. */
  publicKeyReturned?: Uint8Array | undefined;
  privateKeyReturned?: Uint8Array | undefined;
  blob: Uint8Array;
  encryptionContext?: Record<string, string> | undefined;
  aadText?: string | undefined;
  pairId: string;
  /** The history entry of this response. */
  historyId: number;
}

/** The response of a data key pair generation: its facts, its fields, and where to go next. */
export function GenerateOutput({
  result,
  onDecrypt,
  onUse,
}: {
  result: GenerateResult;
  onDecrypt: (draft: {
    blobBase64: string;
    encryptionContext?: Record<string, string> | undefined;
    aadText?: string | undefined;
  }) => void;
  onUse: (pairId: string) => void;
}) {
  const headingId = useId();
  const heading = useArrivalFocus<HTMLHeadingElement>(result);
  // A downloaded response is the blob stored beside the data: the tour's step 4.
  const noteStored = useLab((state) => state.noteStored);
  const sizeNotes = keySizeNotes(result.awsSpec);
  const bundle = () =>
    makeBundle({
      operation: result.operation,
      keyId: result.keyId,
      keyPairSpec: result.keyPairSpec,
      keyMaterialId: result.keyMaterialId,
      keyVersionId: result.keyVersionId,
      publicKey: result.publicKey,
      blob: result.blob,
      encryptionContext: result.encryptionContext,
      aad: result.aadText === undefined ? undefined : utf8(result.aadText),
    });
  return (
    <section className="card response" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        Response
      </h3>
      <dl className="facts">
        <dt>KeyId</dt>
        <dd>
          <code data-testid="response-key-id">
            <Breakable text={result.keyId} />
          </code>
        </dd>
        <dt>KeyPairSpec</dt>
        <dd>
          <code data-testid="response-key-pair-spec">{result.keyPairSpec}</code>
        </dd>
        {result.keyMaterialId && (
          <>
            <dt>KeyMaterialId</dt>
            <dd>
              <code data-testid="response-key-material-id">{result.keyMaterialId}</code>
            </dd>
          </>
        )}
        {result.keyVersionId && (
          <>
            <dt>KeyVersionId</dt>
            <dd>
              <code data-testid="response-key-version-id">{result.keyVersionId}</code>
            </dd>
          </>
        )}
      </dl>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            download(
              `${result.operation}-response.json`,
              `${JSON.stringify(bundle(), null, 2)}\n`,
              'application/json',
            );
            noteStored(result.historyId);
          }}
        >
          Download response JSON
        </button>
        <button
          type="button"
          onClick={() =>
            onDecrypt({
              blobBase64: toBase64(result.blob),
              encryptionContext: result.encryptionContext,
              aadText: result.aadText,
            })
          }
        >
          Decrypt this blob
        </button>
        <button type="button" onClick={() => onUse(result.pairId)}>
          Use this pair
        </button>
      </div>
      <KeyField
        half="public"
        field="PublicKey"
        bytes={result.publicKey}
        returned={result.publicKeyReturned}
        fileBase="public-key"
        sizeNote={sizeNotes.publicKey}
      />
      {returnsPlaintext(result.operation) && result.privateKey && (
        <KeyField
          half="private"
          field="PrivateKeyPlaintext"
          bytes={result.privateKey}
          returned={result.privateKeyReturned}
          fileBase="private-key"
          sizeNote={sizeNotes.privateKey}
        />
      )}
      <BytesField
        field="PrivateKeyCiphertextBlob"
        bytes={result.blob}
        fileBase="private-key-ciphertext"
        role={ROLES.storeBeside}
        sealedWith={{ encryptionContext: result.encryptionContext, aadText: result.aadText }}
      />
    </section>
  );
}
