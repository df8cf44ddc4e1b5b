import type { KeyAgreementAlgorithmSpec } from '@kms-lab/core';
import { useId } from 'react';
import { pemError } from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { equalBytes, toBase64, toHex } from '../../lib/bytes';
import { pemBody, toPem } from '../../lib/pem';
import { useRemembered } from '../../lib/remembered';
import { BytesField } from '../../output/BytesField';
import { Busy } from '../shared/Busy';
import { choiceAmong, NameSelect, TextAreaField } from '../shared/Fields';
import { CardSnippets } from './CardSnippets';
import type { AlgorithmCardProps } from './card-props';
import { type AgreementSpec, makePeerKeyPair, type PeerKeyPair } from './peer';
import { publicKeyOf } from './public-keys';
import { useKmsCall } from './use-kms-call';

interface AgreementResult {
  sharedSecret: Uint8Array;
  /** The page-made peer's side; absent when the peer public key came from elsewhere. */
  peerSecret: Uint8Array | undefined;
}

/** Undefined for text that is not a PEM block, or whose body is not base64. */
function readPem(text: string) {
  try {
    return pemBody(text);
  } catch {
    return undefined;
  }
}

function peerPublicKey(pem: string): Uint8Array {
  const block = readPem(pem);
  if (block?.label !== 'PUBLIC KEY')
    throw pemError('The peer public key is not a "-----BEGIN PUBLIC KEY-----" PEM block.');
  return block.der;
}

/**
 * DeriveSharedSecret with a KEY_AGREEMENT key: ECDH between the KMS key's private key (in
 * KMS) and a peer's public key. With a peer made in the page, the page computes the peer's
 * side from the KMS key's public key, and both sides get the same secret.
 */
export function AgreementCard({
  keyId,
  keyRef,
  spec,
  algorithms,
}: AlgorithmCardProps<KeyAgreementAlgorithmSpec> & { spec: AgreementSpec }) {
  const memory = `kms.${keyId}.agree`;
  // ECDH is the one algorithm KMS offers KEY_AGREEMENT keys.
  const algorithm = choiceAmong(algorithms, useRemembered(`${memory}.algorithm`, 'ECDH'));
  const [peerPem, setPeerPem] = useRemembered(`${memory}.peerPem`, '');
  // The peer's private half: this tab's memory only (never the zustand store or storage).
  const [peer, setPeer] = useRemembered<PeerKeyPair | undefined>(`${memory}.peer`, undefined);
  const [result, setResult] = useRemembered<AgreementResult | undefined>(
    `${memory}.out`,
    undefined,
  );
  const call = useKmsCall(`${memory}.failure`);
  const headingId = useId();
  const curve = spec === 'SM2' ? 'the SM2 curve' : spec.replace('ECC_NIST_', 'NIST ');

  function makePeer() {
    void call.run(async () => {
      const made = await makePeerKeyPair(spec);
      setPeer(made);
      setPeerPem(toPem(made.publicKey, 'PUBLIC KEY'));
      setResult(undefined);
    });
  }

  function derive() {
    setResult(undefined);
    void call.run(async (kms) => {
      const publicKey = peerPublicKey(peerPem);
      const response = await kms.deriveSharedSecret({
        KeyId: keyRef,
        KeyAgreementAlgorithm: algorithm.value,
        PublicKey: publicKey,
      });
      const ours = peer && equalBytes(peer.publicKey, publicKey) ? peer : undefined;
      setResult({
        sharedSecret: response.SharedSecret as Uint8Array,
        peerSecret: ours && (await ours.deriveWith(await publicKeyOf(keyId))),
      });
    });
  }

  // Until the text is a PEM block, the snippet shows an empty PublicKey.
  const pastedKey = readPem(peerPem);
  const snippetPublicKey = { base64: pastedKey ? toBase64(pastedKey.der) : '' };
  const matches = result?.peerSecret && equalBytes(result.peerSecret, result.sharedSecret);

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Derive a shared secret</h3>
      <p className="muted">
        ECDH: KMS combines this key&apos;s private key with the peer&apos;s public key; the peer
        combines its private key with this key&apos;s public key. Both get the same secret, and
        neither private key is sent anywhere.
      </p>
      <NameSelect label="Key agreement algorithm" {...algorithm} />
      <TextAreaField
        label="Peer public key (PEM)"
        rows={4}
        value={peerPem}
        spellCheck={false}
        placeholder="-----BEGIN PUBLIC KEY----- (a key on the same curve)"
        onChange={(text) => {
          setPeerPem(text);
          setResult(undefined);
        }}
      />
      <div className="actions">
        <button type="button" onClick={makePeer} disabled={call.busy}>
          Make a peer key pair
        </button>
        <button type="button" onClick={derive} disabled={call.busy || peerPem.trim() === ''}>
          Derive shared secret
        </button>
      </div>
      <p className="hint">
        The peer key pair is made in this page on {curve}
        {spec === 'SM2'
          ? ' with KMS Lab’s SM2 code (WebCrypto has no SM2); its private key stays in this tab’s memory.'
          : ' with WebCrypto ECDH; its private key is a non-extractable CryptoKey in this tab.'}
      </p>
      {call.busy && <Busy label="Waiting for KMS Lab" />}
      {call.failure && <FailureNotice failure={call.failure} />}
      {result && (
        <>
          <BytesField
            field="SharedSecret"
            bytes={result.sharedSecret}
            fileBase="shared-secret"
            plain
          />
          {result.peerSecret ? (
            <>
              <p>
                The peer&apos;s side, computed in the page:{' '}
                <code className="wrap" data-testid="peer-shared-secret">
                  {toHex(result.peerSecret)}
                </code>
              </p>
              <p role="status" data-testid="secrets-match" className={matches ? 'good' : 'bad'}>
                {matches
                  ? 'Both sides have the same secret'
                  : 'The secrets differ: the peer public key is not the one made here'}
              </p>
            </>
          ) : (
            <p className="muted">
              The peer public key was not made in this page, so only KMS&apos;s side is shown.
            </p>
          )}
          <p className="muted">
            The raw ECDH secret is not a key yet: derive keys from it with a KDF (HKDF, for
            example).
          </p>
        </>
      )}
      <CardSnippets
        operation="DeriveSharedSecret"
        input={{
          KeyId: keyRef,
          KeyAgreementAlgorithm: algorithm.value,
          PublicKey: snippetPublicKey,
        }}
      />
    </section>
  );
}
