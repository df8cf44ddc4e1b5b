import type { EnclaveFacts } from './enclave-protocol';

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** Step 3's result: what the enclave says about the private key it opened. */
export function FactsView({ facts }: { facts: EnclaveFacts }) {
  return (
    <dl className="facts" data-testid="enclave-facts">
      <dt>Opened</dt>
      <dd data-testid="facts-opened">
        Yes: the enclave opened CiphertextForRecipient with its private key
      </dd>
      <dt>Addressed to it</dt>
      <dd data-testid="facts-recipient">
        {yesNo(facts.recipientMatches)}: the recipient identifier is its key's
      </dd>
      <dt>Private key</dt>
      <dd data-testid="facts-spec">
        {facts.keyPairSpec}, <span data-testid="facts-size">{facts.privateKeySize}</span> bytes of
        PKCS #8
      </dd>
      <dt>Its SHA-256</dt>
      <dd>
        <code data-testid="facts-sha256">{facts.privateKeySha256}</code>
      </dd>
      <dt>Matches PublicKey</dt>
      <dd data-testid="facts-matches">
        {yesNo(facts.matchesPublicKey)}: the public key derived from it is{' '}
        {facts.matchesPublicKey ? 'the' : 'not the'} response's PublicKey
      </dd>
    </dl>
  );
}
