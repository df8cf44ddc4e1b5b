import type { Snippet } from '../../output/Snippets';
import { jsString } from '../../snippets/js';
import { shellQuote } from '../../snippets/shell';

/** The files the Enclave screen downloads, named as the snippets read them. */
export const ENCLAVE_FILES = {
  attestationDocument: 'attestation-document.cbor',
  ciphertextForRecipient: 'ciphertext-for-recipient.der',
} as const;

/**
 * The enclave's request in code. The AWS CLI has no way to send a local attestation document
 * as Recipient, so the equivalents are the SDK v3 call (in the enclave, with the document its
 * Nitro Secure Module gives) and OpenSSL opening CiphertextForRecipient with the enclave's key.
 */
export function enclaveSnippets(request: { keyRef: string; spec: string }): Snippet[] {
  const sdk = [
    "import { readFile, writeFile } from 'node:fs/promises';",
    "import { GenerateDataKeyPairCommand, KMSClient } from '@aws-sdk/client-kms';",
    '',
    "const client = new KMSClient({ region: 'us-east-1' });",
    'const response = await client.send(new GenerateDataKeyPairCommand({',
    `  KeyId: ${jsString(request.keyRef)},`,
    `  KeyPairSpec: ${jsString(request.spec)},`,
    '  Recipient: {',
    "    KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',",
    `    AttestationDocument: await readFile(${jsString(ENCLAVE_FILES.attestationDocument)}),`,
    '  },',
    '}));',
    '// No PrivateKeyPlaintext: only the enclave, with its private key, opens this.',
    `await writeFile(${jsString(ENCLAVE_FILES.ciphertextForRecipient)}, response.CiphertextForRecipient);`,
    "await writeFile('private-key-ciphertext.bin', response.PrivateKeyCiphertextBlob);",
  ].join('\n');
  const openssl = [
    "# In the enclave, whose RSA private key is enclave.pem (this tab's enclave key is a",
    '# non-extractable CryptoKey, so only its worker can do this step here):',
    `openssl cms -decrypt -inform DER -inkey enclave.pem -in ${shellQuote(ENCLAVE_FILES.ciphertextForRecipient)} -out private-key.der`,
    "# The public key of what came out: the same as the response's PublicKey.",
    'openssl pkey -inform DER -in private-key.der -pubout',
  ].join('\n');
  return [
    { title: 'AWS SDK for JavaScript v3', language: 'typescript', code: sdk },
    { title: 'OpenSSL, in the enclave', language: 'shell', code: openssl },
  ];
}
