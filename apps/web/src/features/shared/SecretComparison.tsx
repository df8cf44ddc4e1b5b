import { equalBytes, toHex } from '../../lib/bytes';

/**
 * An ML-KEM round trip's two shared secrets side by side: the one encapsulation made with the
 * public key, and the one decapsulation recovered with the private key, and whether they are
 * the same. Either may be missing yet (encapsulated, not yet decapsulated).
 */
export function SecretComparison({
  encapsulated,
  decapsulated,
  decapsulatedBy,
}: {
  encapsulated: Uint8Array | undefined;
  decapsulated: Uint8Array | undefined;
  /** Who decapsulated: "the pair's private key", "KMS (Decapsulate)". */
  decapsulatedBy: string;
}) {
  const matches = encapsulated && decapsulated ? equalBytes(encapsulated, decapsulated) : undefined;
  return (
    <>
      <div className="compare secrets">
        <section aria-label="Shared secret from encapsulation">
          <h4>From encapsulation</h4>
          <code className="wrap" data-testid="encapsulated-secret">
            {encapsulated ? toHex(encapsulated) : 'not made yet'}
          </code>
        </section>
        <section aria-label="Shared secret from decapsulation">
          <h4>From decapsulation, by {decapsulatedBy}</h4>
          <code className="wrap" data-testid="decapsulated-secret">
            {decapsulated ? toHex(decapsulated) : 'not recovered yet'}
          </code>
        </section>
      </div>
      <p
        role="status"
        data-testid="secrets-match"
        className={matches === undefined ? '' : matches ? 'good' : 'bad'}
      >
        {matches === undefined
          ? ''
          : matches
            ? `Both sides have the same ${decapsulated?.length}-byte shared secret`
            : 'The secrets differ: this ciphertext is not the one encapsulation made with the secret on the left (it was changed, or made elsewhere). Decapsulation does not fail on a changed ciphertext; it gives an unrelated secret (implicit rejection), so a change only shows when the secrets are compared, or when the data they key does not decrypt.'}
      </p>
    </>
  );
}
