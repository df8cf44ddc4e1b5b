import {
  KEY_PAIR_SPECS,
  type SigningAlgorithmSpec,
  type SupportedDataKeyPairSpec,
} from '@kms-lab/core';
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { UseEncryptionAlgorithm } from '../../crypto/operations';
import { rememberPair, type SessionPair, useSessionPairs } from '../../crypto/session-pairs';
import { callCrypto } from '../../crypto/worker-client';
import {
  type ExplainedFailure,
  explainFailure,
  inputError,
  pemError,
  readBase64,
} from '../../errors/explain';
import { FailureNotice } from '../../errors/FailureNotice';
import { fromUtf8, toBase64, utf8 } from '../../lib/bytes';
import { pemBody } from '../../lib/pem';
import { useRemembered } from '../../lib/remembered';
import { Snippets } from '../../output/Snippets';
import { opensslEncryptDecrypt, opensslSignVerify } from '../../snippets/openssl';
import { useLab } from '../../state/store';
import { choiceAmong, NameSelect, TextAreaField } from '../shared/Fields';
import { DecryptedText, RoundTrip, type Verdict, VerdictStatus } from '../shared/RoundTrip';

/** HashEdDSA is listed by AWS for Ed25519 key pairs, but core does not implement it. */
const UNSUPPORTED_SIGNING: ReadonlySet<string> = new Set(['ED25519_PH_SHA_512']);

function signingAlgorithms(spec: SupportedDataKeyPairSpec): SigningAlgorithmSpec[] {
  return KEY_PAIR_SPECS[spec].signingAlgorithms.filter((each) => !UNSUPPORTED_SIGNING.has(each));
}

function encryptionAlgorithms(spec: SupportedDataKeyPairSpec): UseEncryptionAlgorithm[] {
  return KEY_PAIR_SPECS[spec].encryptionAlgorithms.filter(
    (each): each is UseEncryptionAlgorithm =>
      each === 'RSAES_OAEP_SHA_256' || each === 'RSAES_OAEP_SHA_1' || each === 'SM2PKE',
  );
}

function useFailure() {
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

/** A card's work in the crypto worker: busy while it runs, and its failure explained. */
function useWork() {
  const [busy, setBusy] = useState(false);
  const { failure, guard } = useFailure();
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    void guard(work).finally(() => setBusy(false));
  };
  return { busy, failure, run };
}

export default function UsePanel() {
  const pairs = useSessionPairs();
  const wanted = useLab((state) => state.usePairId);
  const [pairId, setPairId] = useRemembered<string | undefined>('use.pairId', wanted);
  const ids = { pair: useId(), pub: useId(), priv: useId() };
  const [publicPem, setPublicPem] = useRemembered('use.publicPem', '');
  const [privatePem, setPrivatePem] = useState('');
  const paste = useFailure();

  // A pair handed over from Generate, Decrypt or History is selected once.
  const [takenWanted, setTakenWanted] = useRemembered<string | undefined>('use.wanted', undefined);
  useEffect(() => {
    if (!wanted || wanted === takenWanted) return;
    setTakenWanted(wanted);
    setPairId(wanted);
  }, [wanted, takenWanted, setTakenWanted, setPairId]);

  const pair = pairs.find((each) => each.id === pairId) ?? pairs[0];

  function submitPasted(event: FormEvent) {
    event.preventDefault();
    void paste.guard(async () => {
      const publicBlock = publicPem.trim() ? pemBody(publicPem) : undefined;
      const privateBlock = privatePem.trim() ? pemBody(privatePem) : undefined;
      if (publicPem.trim() && publicBlock?.label !== 'PUBLIC KEY')
        throw pemError('The public key is not a "-----BEGIN PUBLIC KEY-----" PEM block.');
      if (privatePem.trim() && privateBlock?.label !== 'PRIVATE KEY')
        throw pemError(
          'The private key is not a "-----BEGIN PRIVATE KEY-----" (PKCS #8) PEM block.',
        );
      if (!publicBlock && !privateBlock)
        throw inputError('Paste a public key, a private key, or both.');
      let spec: SupportedDataKeyPairSpec;
      let publicKey: Uint8Array;
      try {
        if (privateBlock) {
          const described = await callCrypto('describePrivateKey', privateBlock.der);
          spec = described.spec;
          publicKey = described.publicKey;
          if (publicBlock && toBase64(publicBlock.der) !== toBase64(publicKey))
            throw new Error("The public key is not the private key's public key.");
        } else {
          publicKey = (publicBlock as { der: Uint8Array }).der;
          spec = (await callCrypto('describePublicKey', publicKey)).spec;
        }
      } catch (error) {
        throw Object.assign(inputError((error as Error).message), { name: 'DerError' });
      }
      const added = rememberPair({
        id: crypto.randomUUID(),
        label: `${spec} · pasted`,
        spec,
        publicKey,
        privateKey: privateBlock?.der,
      });
      setPairId(added.id);
      setPrivatePem('');
    });
  }

  return (
    <div className="use-panel">
      <h2>Use the pair</h2>
      <p className="lead">
        Sign with the private key and verify with the public key; encrypt to the public key and
        decrypt with the private key (RSA-OAEP and SM2). This is the far end of envelope encryption:
        the data key pair protects your data.
      </p>
      <div className="card">
        <div className="field">
          <label htmlFor={ids.pair}>Key pair</label>
          <select
            id={ids.pair}
            value={pair?.id ?? ''}
            onChange={(event) => setPairId(event.target.value)}
          >
            {pairs.length === 0 && (
              <option value="">No key pair yet: generate one, or paste keys below</option>
            )}
            {pairs.map((each) => (
              <option key={each.id} value={each.id}>
                {each.label}
                {each.privateKey ? '' : ' (public key only)'}
              </option>
            ))}
          </select>
        </div>
        <details>
          <summary>Paste keys instead</summary>
          <form aria-label="Paste keys" onSubmit={submitPasted}>
            <div className="field">
              <label htmlFor={ids.pub}>Public key (PEM)</label>
              <textarea
                id={ids.pub}
                rows={4}
                value={publicPem}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => setPublicPem(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.priv}>Private key (PEM)</label>
              <textarea
                id={ids.priv}
                rows={4}
                value={privatePem}
                spellCheck={false}
                autoComplete="off"
                autoCorrect="off"
                autoCapitalize="off"
                onChange={(event) => setPrivatePem(event.target.value)}
              />
            </div>
            <button type="submit">Use pasted keys</button>
          </form>
          {paste.failure && <FailureNotice failure={paste.failure} />}
        </details>
      </div>
      {pair && (
        <>
          <p>
            Spec: <strong data-testid="use-pair-spec">{pair.spec}</strong>
            {!pair.privateKey &&
              ' (public key only: decrypt its blob on the Decrypt screen to sign or decrypt)'}
          </p>
          <SignCard key={`sign-${pair.id}`} pair={pair} />
          {encryptionAlgorithms(pair.spec).length > 0 ? (
            <EncryptCard key={`encrypt-${pair.id}`} pair={pair} />
          ) : (
            <p className="muted">
              {pair.spec} key pairs sign only: AWS offers no encryption algorithm for them.
            </p>
          )}
        </>
      )}
    </div>
  );
}

function SignCard({ pair }: { pair: SessionPair }) {
  const algorithms = signingAlgorithms(pair.spec);
  const algorithm = choiceAmong(algorithms, useState(algorithms[0] as SigningAlgorithmSpec));
  const [message, setMessage] = useState('Hello, KMS Lab');
  const [signature, setSignature] = useState('');
  const [verdict, setVerdict] = useState<Verdict>();
  const { busy, failure, run } = useWork();
  const headingId = useId();

  function sign() {
    run(async () => {
      if (!pair.privateKey) throw inputError('This pair has no private key in this tab.');
      setVerdict(undefined);
      setSignature(
        toBase64(
          await callCrypto('sign', pair.spec, pair.privateKey, utf8(message), algorithm.value),
        ),
      );
    });
  }
  function verify() {
    run(async () => {
      const bytes = readBase64(signature, 'The signature');
      const { spec, publicKey } = pair;
      const text = utf8(message);
      const valid = await callCrypto('verify', spec, publicKey, text, bytes, algorithm.value);
      setVerdict(valid ? 'valid' : 'invalid');
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

function EncryptCard({ pair }: { pair: SessionPair }) {
  const algorithms = encryptionAlgorithms(pair.spec);
  const algorithm = choiceAmong(algorithms, useState(algorithms[0] as UseEncryptionAlgorithm));
  const [plaintext, setPlaintext] = useState('A data key, or any short secret');
  const [ciphertext, setCiphertext] = useState('');
  const [decrypted, setDecrypted] = useState<string>();
  const { busy, failure, run } = useWork();
  const headingId = useId();

  function encrypt() {
    run(async () => {
      setDecrypted(undefined);
      setCiphertext(
        toBase64(
          await callCrypto('encrypt', pair.spec, pair.publicKey, utf8(plaintext), algorithm.value),
        ),
      );
    });
  }
  function decrypt() {
    run(async () => {
      if (!pair.privateKey) throw inputError('This pair has no private key in this tab.');
      const bytes = readBase64(ciphertext, 'The ciphertext');
      setDecrypted(
        fromUtf8(await callCrypto('decrypt', pair.spec, pair.privateKey, bytes, algorithm.value)),
      );
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

/** The same work outside the app, on the downloaded PEM files. */
function OpensslSnippet({ title, code }: { title: string; code: string | undefined }) {
  if (!code) return null;
  return (
    <Snippets
      heading="The same with OpenSSL 3 (public-key.pem, private-key.pem)"
      snippets={[{ title, language: 'shell', code }]}
    />
  );
}
