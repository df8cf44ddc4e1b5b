// Key policy conditions on a Recipient's attestation document, enforced (`enforcePolicies`):
// AWS documents kms:RecipientAttestation:ImageSha384 (the enclave image's hash, PCR0) and
// kms:RecipientAttestation:PCR<n> for Decrypt, GenerateDataKey(Pair), DeriveSharedSecret.
import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsRequestHandler, enforcePolicies, type Kms } from '../src/index.js';
import { enclave } from './support/enclave.js';
import { kmsWithClock } from './support/kms.js';

const START = new Date('2026-06-01T12:00:00Z');
const ADMIN = 'arn:aws:iam::111122223333:user/Admin';
const PARENT = 'arn:aws:iam::111122223333:role/EnclaveParent';
const theEnclave = enclave();

/** PCR0 of the image the policy trusts, and of another image. */
const TRUSTED_IMAGE = new Uint8Array(48).fill(0xa1);
const OTHER_IMAGE = new Uint8Array(48).fill(0xb2);
const PCR8 = new Uint8Array(48).fill(0x08);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'Only the trusted enclave image, signed by our certificate',
      Effect: 'Allow',
      Principal: { AWS: PARENT },
      Action: ['kms:GenerateDataKeyPair', 'kms:Decrypt'],
      Resource: '*',
      Condition: {
        StringEqualsIgnoreCase: {
          'kms:RecipientAttestation:ImageSha384': hex(TRUSTED_IMAGE),
          'kms:RecipientAttestation:PCR8': hex(PCR8),
        },
      },
    },
  ],
});

const clientAs = (kms: Kms, principal: string) =>
  new sdk.KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDKMSLAB', secretAccessKey: 'not-checked-in-process' },
    requestHandler: createKmsRequestHandler(enforcePolicies(kms, principal)),
    maxAttempts: 1,
  });

async function denied(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught as sdk.KMSServiceException,
  );
  expect(error?.name).toBe('AccessDeniedException');
  return error;
}

describe('kms:RecipientAttestation condition keys', () => {
  it('allow the attested image only: another image, other PCRs or no Recipient are denied', async () => {
    const { kms } = kmsWithClock(START);
    const admin = clientAs(kms, ADMIN);
    const parent = clientAs(kms, PARENT);
    const { KeyMetadata } = await admin.send(new sdk.CreateKeyCommand({ Policy: policy }));
    const KeyId = KeyMetadata?.KeyId as string;
    const trusted = await theEnclave.recipient(START, { pcrs: { 0: TRUSTED_IMAGE, 8: PCR8 } });

    const pair = await parent.send(
      new sdk.GenerateDataKeyPairCommand({
        KeyId,
        KeyPairSpec: 'ECC_NIST_P256',
        Recipient: trusted,
      }),
    );
    expect(pair.PrivateKeyPlaintext).toBeUndefined();
    const privateKey = theEnclave.open(pair.CiphertextForRecipient);
    const decrypted = await parent.send(
      new sdk.DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob, Recipient: trusted }),
    );
    expect(theEnclave.open(decrypted.CiphertextForRecipient)).toEqual(privateKey);

    const otherImage = await theEnclave.recipient(START, { pcrs: { 0: OTHER_IMAGE, 8: PCR8 } });
    const error = await denied(
      parent.send(
        new sdk.GenerateDataKeyPairCommand({
          KeyId,
          KeyPairSpec: 'ECC_NIST_P256',
          Recipient: otherImage,
        }),
      ),
    );
    expect(error?.message).toBe(
      `User: ${PARENT} is not authorized to perform: kms:GenerateDataKeyPair on resource: ${KeyMetadata?.Arn} because no resource-based policy allows the kms:GenerateDataKeyPair action`,
    );
    const noPcr8 = await theEnclave.recipient(START, { pcrs: { 0: TRUSTED_IMAGE } });
    await denied(
      parent.send(
        new sdk.DecryptCommand({
          CiphertextBlob: pair.PrivateKeyCiphertextBlob,
          Recipient: noPcr8,
        }),
      ),
    );
    // Without a Recipient the plaintext would reach the parent: the condition keys are absent.
    await denied(
      parent.send(new sdk.DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob })),
    );
  });
});
