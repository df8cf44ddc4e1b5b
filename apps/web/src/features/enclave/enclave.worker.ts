/// <reference lib="webworker" />
/**
 * The enclave: a Web Worker standing in for an AWS Nitro enclave. It makes its RSA-2048 key
 * pair (the private key non-extractable), gets an attestation document for its public key
 * (signed under KMS Lab's development root, as a Nitro Secure Module signs one), and later
 * opens CiphertextForRecipient with its private key. The plaintext private key it recovers
 * lives only here, is wiped after use, and never crosses postMessage: the page gets facts.
 */
import { createAttestationDocument } from '@kms-lab/core/attestation';
import { describePrivateKey } from '../../crypto/operations';
import { equalBytes, toHex } from '../../lib/bytes';
import type {
  Attested,
  AttestRequest,
  EnclaveFacts,
  EnclaveOperation,
  EnclaveOperations,
  EnclaveRequest,
  EnclaveResponse,
  OpenRequest,
} from './enclave-protocol';
import { openEnvelope } from './open-envelope';

/** The enclave's own key pair: a new one per attestation, as a fresh enclave would make. */
let enclaveKey: { privateKey: CryptoKey; spki: Uint8Array } | undefined;

async function attest({ nowMs, nonce, userData }: AttestRequest): Promise<Attested> {
  const pair = (await crypto.subtle.generateKey(
    {
      name: 'RSA-OAEP',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    false,
    ['encrypt', 'decrypt'],
  )) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const document = await createAttestationDocument({
    publicKey: spki,
    nonce,
    userData,
    now: new Date(nowMs),
  });
  enclaveKey = { privateKey: pair.privateKey, spki };
  return { document, publicKey: spki, privateKeyExtractable: pair.privateKey.extractable };
}

async function open({ ciphertextForRecipient, publicKey }: OpenRequest): Promise<EnclaveFacts> {
  if (!enclaveKey)
    throw new Error('The enclave has no key pair yet: make its attestation document first.');
  const { plaintext, recipientMatches } = await openEnvelope(
    ciphertextForRecipient,
    enclaveKey.privateKey,
    enclaveKey.spki,
  );
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', plaintext as BufferSource));
    const described = await describePrivateKey(plaintext);
    return {
      keyPairSpec: described.spec,
      privateKeySize: plaintext.length,
      privateKeySha256: toHex(digest),
      matchesPublicKey: equalBytes(described.publicKey, publicKey),
      recipientMatches,
    };
  } finally {
    // The enclave used the key (here, to check it); it keeps no copy.
    plaintext.fill(0);
  }
}

const OPERATIONS: EnclaveOperations = { attest, open };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', async (event: MessageEvent<EnclaveRequest>) => {
  const { id, op, arg } = event.data;
  let response: EnclaveResponse;
  try {
    if (!Object.hasOwn(OPERATIONS, op)) throw new Error(`No enclave operation ${String(op)}.`);
    const run = OPERATIONS[op as EnclaveOperation] as (arg: unknown) => Promise<unknown>;
    response = { id, result: await run(arg) };
  } catch (error) {
    response = {
      id,
      error: {
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
  scope.postMessage(response);
});
