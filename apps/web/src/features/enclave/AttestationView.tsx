import { toHex } from '../../lib/bytes';
import { download } from '../../lib/download';
import { KeyField } from '../../output/KeyField';
import type { DecodedAttestation } from './attestation-view';
import { ENCLAVE_FILES } from './enclave-snippets';

const when = (date: Date) => date.toISOString();

/**
 * Step 1's result: the attestation document decoded (module_id, digest, timestamp, PCRs, the
 * certificate chain to its root, the public key), as the engine verified it.
 */
export function AttestationView({
  document,
  decoded,
}: {
  document: Uint8Array;
  decoded: DecodedAttestation;
}) {
  return (
    <div className="attestation" data-testid="attestation">
      <p className="notice note" data-testid="attestation-verified">
        Verified as KMS will verify it: the ES384 signature of its COSE_Sign1 by the leaf
        certificate, and the chain from that leaf to a trusted root, every certificate valid at the
        app clock's time.
      </p>
      <dl className="facts">
        <dt>Document</dt>
        <dd data-testid="attestation-size">
          {document.length} bytes of CBOR (a COSE_Sign1 whose payload is this map)
        </dd>
        <dt>module_id</dt>
        <dd>
          <code data-testid="attestation-module-id">{decoded.moduleId}</code>
        </dd>
        <dt>digest</dt>
        <dd>
          <code>{decoded.digest}</code>
        </dd>
        <dt>timestamp</dt>
        <dd>
          <code data-testid="attestation-timestamp">{when(decoded.timestamp)}</code>
        </dd>
        {decoded.pcrs.map((pcr) => (
          <PcrRow key={pcr.index} index={pcr.index} hex={pcr.hex} />
        ))}
        {decoded.nonce && (
          <>
            <dt>nonce</dt>
            <dd>
              <code data-testid="attestation-nonce">{toHex(decoded.nonce)}</code>
            </dd>
          </>
        )}
      </dl>
      <h4>Certificate chain</h4>
      <ol className="chain" data-testid="certificate-chain">
        {decoded.chain.map((certificate) => (
          <li key={`${certificate.role}-${certificate.subject}`}>
            <dl className="facts">
              <dt>{certificate.role}</dt>
              <dd data-testid="certificate-subject">{certificate.subject}</dd>
              <dt>issuer</dt>
              <dd>{certificate.issuer}</dd>
              <dt>valid</dt>
              <dd>
                {when(certificate.notBefore)} to {when(certificate.notAfter)}
              </dd>
              {certificate.trustedAs && (
                <>
                  <dt>trusted as</dt>
                  <dd data-testid="trusted-as">{certificate.trustedAs}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button
          type="button"
          onClick={() => download(ENCLAVE_FILES.attestationDocument, document, 'application/cbor')}
        >
          Download the attestation document .cbor
        </button>
      </div>
      {decoded.publicKey && (
        <KeyField
          half="public"
          field="public_key"
          bytes={decoded.publicKey}
          fileBase="enclave-public-key"
          sizeNote="the enclave's RSA-2048 key, in the document's public_key field: KMS envelopes for it"
        />
      )}
    </div>
  );
}

function PcrRow({ index, hex }: { index: number; hex: string }) {
  return (
    <>
      <dt>PCR{index}</dt>
      <dd>
        <code data-testid={`pcr-${index}`}>{hex}</code>
      </dd>
    </>
  );
}
