import * as sdk from '@aws-sdk/client-kms';
import {
  createKmsRequestHandler,
  type ImplementedOperationName,
  type KmsOptions,
} from '../../src/index.js';
import { kmsWithClock } from './kms.js';

/** The operations of asymmetric, ML-KEM and HMAC KMS keys, which protocol-sdk-kms-keys.test.ts sends. */
export const KMS_KEY_OPERATIONS: readonly ImplementedOperationName[] = [
  'Decapsulate',
  'DeriveSharedSecret',
  'Encapsulate',
  'GenerateMac',
  'GetPublicKey',
  'ReEncrypt',
  'Sign',
  'Verify',
  'VerifyMac',
];

/** The operations of imported key material, which imports.test.ts sends. */
export const IMPORT_OPERATIONS: readonly ImplementedOperationName[] = [
  'DeleteImportedKeyMaterial',
  'GetParametersForImport',
  'ImportKeyMaterial',
];

/**
 * The real @aws-sdk/client-kms on the engine through the in-process request handler, with a
 * record of the operations it sent.
 */
export function sdkClient(options: KmsOptions = {}) {
  const { kms, advanceDays } = kmsWithClock(new Date('2026-03-01T00:00:00Z'), options);
  const sent = new Set<string>();
  const client = new sdk.KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDKMSLAB', secretAccessKey: 'not-checked-in-process' },
    requestHandler: createKmsRequestHandler(kms),
    maxAttempts: 1,
  });
  // Records which operation each command sends, to prove the suite covers all of them.
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.add(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'recordOperation' },
  );
  return { client, kms, advanceDays, sent };
}
