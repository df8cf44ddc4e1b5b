/**
 * The cards of "Use the pair": sign and verify, encrypt and decrypt, with a data key pair in
 * the crypto worker, each with the same work as OpenSSL commands.
 */
import {
  KEY_PAIR_SPECS,
  type SigningAlgorithmSpec,
  type SupportedDataKeyPairSpec,
} from '@kms-lab/core';
import { useId, useState } from 'react';
import type { UseEncryptionAlgorithm } from '../../crypto/operations';
import type { SessionPair } from '../../crypto/session-pairs';
import { callCrypto } from '../../crypto/worker-client';
import {
  type ExplainedFailure,
  explainFailure,
  inputError,
  readBase64,
} from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { fromUtf8, toBase64, utf8 } from '../../lib/bytes';
import { Snippets } from '../../output/Snippets';
import { opensslEncryptDecrypt, opensslSignVerify } from '../../snippets/openssl';
import { useLab } from '../../state/store';
import { choiceAmong, NameSelect, TextAreaField } from '../shared/Fields';
import { DecryptedText, RoundTrip, type Verdict, VerdictStatus } from '../shared/RoundTrip';

/** What "Invalid signature" means, in plain words: what was checked, why it fails, what to try. */
const INVALID_SIGNATURE =
  "Verify checked the signature against this message, the signing algorithm and the pair's public key, and they do not fit together: the message or the signature changed after signing, or the signature was made with another algorithm or another key. Try signing again and verifying without editing, or pick the algorithm the signature was made with.";

/** HashEdDSA is listed by AWS for Ed25519 key pairs, but core does not implement it. */
const UNSUPPORTED_SIGNING: ReadonlySet<string> = new Set(['ED25519_PH_SHA_512']);

function signingAlgorithms(spec: SupportedDataKeyPairSpec): SigningAlgorithmSpec[] {
  return KEY_PAIR_SPECS[spec].signingAlgorithms.filter((each) => !UNSUPPORTED_SIGNING.has(each));
}

export function encryptionAlgorithms(spec: SupportedDataKeyPairSpec): UseEncryptionAlgorithm[] {
  return KEY_PAIR_SPECS[spec].encryptionAlgorithms.filter(
    (each): each is UseEncryptionAlgorithm =>
      each === 'RSAES_OAEP_SHA_256' || each === 'RSAES_OAEP_SHA_1' || each === 'SM2PKE',
  );
}

/** The failure of the last work `guard` ran, explained; cleared when new work starts. */
export function useFailure() {
  const [failure, setFailure] = useState<ExplainedFailure>();
  const guard = async (work: () => Promise<void>) => {
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      setFailure(explainFailure(error));
    }
  };
  return { failure, guard };
}

/**
 * Reports what was done with a generated pair to the journey, for the tour: nothing secret,
 * the ciphertext or signature at most. A pasted pair has no history entry and is not reported.
 */
export function useJourney(pair: SessionPair) {
  const notePublicKeyUse = useLab((state) => state.notePublicKeyUse);
  const notePrivateKeyUse = useLab((state) => state.notePrivateKeyUse);
  const id = pair.historyId;
  return {
    publicKeyUsed: (use: Parameters<typeof notePublicKeyUse>[1]) => {
      if (id !== undefined) notePublicKeyUse(id, use);
    },
    privateKeyUsed: (use: Parameters<typeof notePrivateKeyUse>[1]) => {
      if (id !== undefined) notePrivateKeyUse(id, use);
    },
  };
}

/** A card's work in the crypto worker: busy while it runs, and its failure explained. */
export function useWork() {
  const [busy, setBusy] = useState(false);
  const { failure, guard } = useFailure();
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    void guard(work).finally(() => setBusy(false));
  };
  return { busy, failure, run };
}

export function SignCard({ pair }: { pair: SessionPair }) {
  const algorithms = signingAlgorithms(pair.spec);
  const algorithm = choiceAmong(algorithms, useState(algorithms[0] as SigningAlgorithmSpec));
  const [message, setMessage] = useState('Hello, KMS Lab');
  const [signature, setSignature] = useState('');
  const [verdict, setVerdict] = useState<Verdict>();
  const { busy, failure, run } = useWork();
  const headingId = useId();
  const journey = useJourney(pair);

  function sign() {
    run(async () => {
      if (!pair.privateKey) throw inputError('This pair has no private key in this tab.');
      setVerdict(undefined);
      setSignature(
        toBase64(
          await callCrypto('sign', pair.spec, pair.privateKey, utf8(message), algorithm.value),
        ),
      );
      journey.privateKeyUsed({ kind: 'sign', algorithm: algorithm.value });
    });
  }
  function verify() {
    run(async () => {
      const bytes = readBase64(signature, 'The signature');
      const { spec, publicKey } = pair;
      const text = utf8(message);
      const valid = await callCrypto('verify', spec, publicKey, text, bytes, algorithm.value);
      setVerdict(valid ? 'valid' : 'invalid');
      if (valid)
        journey.publicKeyUsed({
          kind: 'verify',
          algorithm: algorithm.value,
          outputBase64: signature,
        });
    });
  }
  // What was found for the old message or signature no longer holds.
  const cleared = (set: (text: string) => void) => (text: string) => {
    set(text);
    setVerdict(undefined);
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Sign and verify</h3>
      <NameSelect label="Signing algorithm" {...algorithm} />
      <TextAreaField label="Message" value={message} onChange={cleared(setMessage)} />
      <RoundTrip
        make={{ label: 'Sign', onClick: sign, disabled: !pair.privateKey }}
        takeBack={{ label: 'Verify', onClick: verify }}
        busy={busy && 'Working'}
        value={{
          label: 'Signature (base64)',
          rows: 3,
          text: signature,
          onChange: cleared(setSignature),
        }}
      >
        <VerdictStatus
          testId="verify-result"
          verdict={verdict}
          valid="Valid signature"
          invalid="Invalid signature"
          invalidExplanation={INVALID_SIGNATURE}
        />
      </RoundTrip>
      {failure && <FailureNotice failure={failure} />}
      <OpensslSnippet
        title="OpenSSL sign and verify"
        code={opensslSignVerify(algorithm.value, message)}
      />
    </section>
  );
}

export function EncryptCard({ pair }: { pair: SessionPair }) {
  const algorithms = encryptionAlgorithms(pair.spec);
  const algorithm = choiceAmong(algorithms, useState(algorithms[0] as UseEncryptionAlgorithm));
  const [plaintext, setPlaintext] = useState('A data key, or any short secret');
  const [ciphertext, setCiphertext] = useState('');
  const [decrypted, setDecrypted] = useState<string>();
  const { busy, failure, run } = useWork();
  const headingId = useId();
  const journey = useJourney(pair);

  function encrypt() {
    run(async () => {
      setDecrypted(undefined);
      const made = toBase64(
        await callCrypto('encrypt', pair.spec, pair.publicKey, utf8(plaintext), algorithm.value),
      );
      setCiphertext(made);
      journey.publicKeyUsed({ kind: 'encrypt', algorithm: algorithm.value, outputBase64: made });
    });
  }
  function decrypt() {
    run(async () => {
      if (!pair.privateKey) throw inputError('This pair has no private key in this tab.');
      const bytes = readBase64(ciphertext, 'The ciphertext');
      setDecrypted(
        fromUtf8(await callCrypto('decrypt', pair.spec, pair.privateKey, bytes, algorithm.value)),
      );
      journey.privateKeyUsed({ kind: 'decrypt', algorithm: algorithm.value });
    });
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Encrypt and decrypt</h3>
      <NameSelect label="Encryption algorithm" {...algorithm} />
      <TextAreaField label="Plaintext to encrypt" value={plaintext} onChange={setPlaintext} />
      <RoundTrip
        make={{ label: 'Encrypt', onClick: encrypt }}
        takeBack={{
          label: 'Decrypt with private key',
          onClick: decrypt,
          disabled: !pair.privateKey,
        }}
        busy={busy && 'Working'}
        value={{
          label: 'Ciphertext (base64)',
          rows: 3,
          text: ciphertext,
          onChange: (text) => {
            setCiphertext(text);
            setDecrypted(undefined);
          },
        }}
      >
        <DecryptedText text={decrypted} />
      </RoundTrip>
      {failure && <FailureNotice failure={failure} />}
      <OpensslSnippet
        title="OpenSSL encrypt and decrypt"
        code={opensslEncryptDecrypt(algorithm.value, plaintext)}
      />
    </section>
  );
}

/**
 * The same work outside the app, on the downloaded PEM files. The heading names the card's
 * work: both cards show one, and their sections must not share a name.
 */
export function OpensslSnippet({ title, code }: { title: string; code: string | undefined }) {
  if (!code) return null;
  return (
    <Snippets
      heading={`${title} (public-key.pem, private-key.pem)`}
      snippets={[{ title, language: 'shell', code }]}
    />
  );
}
