import { useId, useState } from 'react';
import { FailureNotice } from '../../errors/FailureNotice';
import type { KeySummary } from '../../kms/key-summary';
import { fromUtf8, toBase64, utf8 } from '../../lib/bytes';
import { Snippets } from '../../output/Snippets';
import { useLab } from '../../state/store';
import { tryItCliCode, tryItSdkCode } from './try-snippets';

/**
 * Try a symmetric key: Encrypt a text, then Decrypt the ciphertext. The ciphertext stays
 * while the key is shown, so what deleting, importing or replicating its material does to an
 * old ciphertext can be seen. With Regions (a multi-Region key and its replicas), each step
 * may go to another Region's copy of the key.
 */
export default function KeyTryEncrypt({
  summary,
  regions = [],
}: {
  summary: KeySummary;
  /** The Regions that hold this key (multi-Region keys); none: the app's only Region. */
  regions?: readonly string[];
}) {
  const run = useLab((state) => state.runKeyOperation);
  const pending = useLab((state) => state.keyOperationPending);
  const lastRequest = useLab((state) => state.recentKeyOperations[0]);
  const [text, setText] = useState('hello from KMS Lab');
  const [encryptRegion, setEncryptRegion] = useState(regions[0]);
  const [decryptRegion, setDecryptRegion] = useState(regions.at(-1));
  const [ciphertext, setCiphertext] = useState<{ bytes: Uint8Array; region?: string }>();
  const [plaintext, setPlaintext] = useState<string>();
  const [sent, setSent] = useState<string>();
  const ids = { text: useId(), heading: useId(), from: useId(), to: useId() };
  const KeyId = summary.keyId;

  async function encrypt() {
    setSent('Encrypt');
    setPlaintext(undefined);
    const response = await run(
      'Encrypt',
      { KeyId, Plaintext: { utf8: text } },
      (kms) => kms.encrypt({ KeyId, Plaintext: utf8(text) }),
      encryptRegion,
    );
    if (response?.CiphertextBlob)
      setCiphertext({ bytes: response.CiphertextBlob, region: encryptRegion });
  }

  async function decrypt() {
    if (!ciphertext) return;
    setSent('Decrypt');
    setPlaintext(undefined);
    const response = await run(
      'Decrypt',
      { KeyId, CiphertextBlob: { file: 'ciphertext.bin' } },
      (kms) => kms.decrypt({ KeyId, CiphertextBlob: ciphertext.bytes }),
      decryptRegion,
    );
    if (response?.Plaintext) setPlaintext(fromUtf8(response.Plaintext));
  }

  const failure =
    sent !== undefined && lastRequest?.operation === sent ? lastRequest.failure : undefined;
  const regionSelect = (
    id: string,
    label: string,
    value: string | undefined,
    set: (v: string) => void,
  ) =>
    regions.length > 1 && (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={value} onChange={(event) => set(event.target.value)}>
          {regions.map((region) => (
            <option key={region}>{region}</option>
          ))}
        </select>
      </div>
    );

  return (
    <section className="group" aria-labelledby={ids.heading} data-testid="key-try-encrypt">
      <h4 id={ids.heading}>Try it: encrypt and decrypt</h4>
      <div className="field">
        <label htmlFor={ids.text}>Text to encrypt</label>
        <input
          id={ids.text}
          value={text}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {regionSelect(ids.from, 'Encrypt in Region', encryptRegion, setEncryptRegion)}
      <div className="actions">
        <button type="button" disabled={pending} onClick={() => void encrypt()}>
          Encrypt
        </button>
      </div>
      {ciphertext && (
        <p data-testid="try-ciphertext">
          CiphertextBlob: {ciphertext.bytes.length} bytes
          {ciphertext.region ? `, made in ${ciphertext.region}` : ''}:{' '}
          <code className="key-id">{toBase64(ciphertext.bytes).slice(0, 24)}…</code>
        </p>
      )}
      {regionSelect(ids.to, 'Decrypt in Region', decryptRegion, setDecryptRegion)}
      <div className="actions">
        <button type="button" disabled={pending || !ciphertext} onClick={() => void decrypt()}>
          Decrypt the ciphertext
        </button>
      </div>
      {plaintext !== undefined && (
        <p role="status">
          Decrypted: <strong data-testid="try-decrypted">{plaintext}</strong>
        </p>
      )}
      {failure && <FailureNotice failure={failure} />}
      {ciphertext && (
        <Snippets
          headingLevel={4}
          heading="Encrypt, then decrypt, elsewhere"
          snippets={[
            {
              title: 'AWS CLI',
              language: 'shell',
              code: tryItCliCode(KeyId, text, ciphertext.region, decryptRegion),
            },
            {
              title: 'AWS SDK for JavaScript v3',
              language: 'typescript',
              code: tryItSdkCode(KeyId, text, ciphertext.region, decryptRegion),
            },
          ]}
        />
      )}
    </section>
  );
}
