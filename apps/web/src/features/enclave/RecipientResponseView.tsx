import { CMS_CONTENT_INFO } from '../../asn1/cms-schema';
import { Breakable } from '../../output/Breakable';
import { BytesField } from '../../output/BytesField';
import { KeyField } from '../../output/KeyField';
import { ROLES } from '../../output/roles';
import type { RecipientResponse } from './run-enclave';

const FOR_THE_ENCLAVE = {
  label: 'only the enclave opens this',
  note: 'The private key (PKCS #8) enveloped for the public key in the attestation document: CMS EnvelopedData, the AES-256 key under RSAES-OAEP SHA-256, the content under AES-256-CBC.',
};

/** Step 2's result: the response to GenerateDataKeyPair with a Recipient. */
export function RecipientResponseView({ response }: { response: RecipientResponse }) {
  return (
    <div data-testid="recipient-response">
      <dl className="facts">
        <dt>KeyId</dt>
        <dd>
          <code data-testid="response-key-id">
            <Breakable text={response.keyId} />
          </code>
        </dd>
        <dt>KeyPairSpec</dt>
        <dd>
          <code data-testid="response-key-pair-spec">{response.keyPairSpec}</code>
        </dd>
        <dt>Fields returned</dt>
        <dd data-testid="response-fields">{response.fields.join(', ')}</dd>
        <dt>PrivateKeyPlaintext</dt>
        <dd data-testid="no-private-key-plaintext">
          not in the response: with a Recipient, KMS returns CiphertextForRecipient in its place
        </dd>
      </dl>
      <KeyField half="public" field="PublicKey" bytes={response.publicKey} fileBase="public-key" />
      <BytesField
        field="PrivateKeyCiphertextBlob"
        bytes={response.privateKeyCiphertextBlob}
        fileBase="private-key-ciphertext"
        role={ROLES.storeBeside}
        sealedWith={{}}
      />
      <BytesField
        field="CiphertextForRecipient"
        bytes={response.ciphertextForRecipient}
        schema={CMS_CONTENT_INFO}
        fileBase="ciphertext-for-recipient"
        role={FOR_THE_ENCLAVE}
      />
    </div>
  );
}
