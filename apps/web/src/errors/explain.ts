import type { ErrorName } from '@kms-lab/core';
import { fromBase64 } from '../lib/bytes';
import type { ContextCheck } from './context-difference';

/** Errors the app raises itself, before a request is sent. */
type AppErrorName = 'InputError' | 'PemError' | 'DerError' | 'DecryptionError';

/**
 * Plain-words explanations of the AWS exception names and Alibaba Cloud codes the engine
 * answers with, shown beside the name so a learner sees what went wrong and what to do.
 * Typed by core's ErrorName, so a new exception in the engine fails the typecheck here
 * until it is explained.
 */
const EXPLANATIONS: Readonly<Record<ErrorName | AppErrorName, string>> = {
  AccessDeniedException:
    'The key policy or a grant does not allow this request for the caller (KMS Lab checks them only when asked to: kms-lab serve --enforce-policies).',
  DependencyTimeoutException: 'KMS Lab did not answer in time. Try again.',
  InvalidArnException: 'The ARN is not a KMS key ARN of this Region and account.',
  KeyUnavailableException: 'The master key material could not be read. Try again.',
  SerializationException: 'The request body is not valid JSON of the expected shape.',
  TagException:
    'The tags are not valid: a tag key given twice, more than 50 tags on one key, or a key beginning with aws: (reserved for AWS).',
  UnknownOperationException: 'KMS Lab does not know this operation.',
  // AWS KMS
  InvalidCiphertextException:
    'The ciphertext was not made under this key with this encryption context: the context (or Aad) differs from the one used at encryption, or the blob was altered.',
  NotFoundException:
    'No such key: the key ID, ARN or alias does not name a key of this KMS (it may have been deleted), or the ciphertext names a key this KMS does not have.',
  DisabledException: 'The master key is disabled. Enable it on the Keys screen, then try again.',
  KMSInvalidStateException:
    'The master key is not in a state that allows this: it is pending deletion (cancel the deletion first), pending import (import its key material first, on the Keys screen), or the request asks for a change it already has.',
  IncorrectKeyMaterialException:
    'This is not the key material the key had: once material was imported into a key, only the same material can be imported again (for a symmetric key, new material goes in with ImportType NEW_KEY_MATERIAL).',
  InvalidImportTokenException:
    'The import token is not one GetParametersForImport gave for this key, or it belongs to parameters that were replaced: get new parameters, wrap the material with their public key, and import with their token.',
  ExpiredImportTokenException:
    'The import token is more than 24 hours old (on the app clock): get new parameters for import, and wrap the material again with the new public key.',
  InvalidKeyUsageException:
    "This key's usage or key spec does not allow this operation or algorithm: only a symmetric encryption key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) wraps data key pairs, only ENCRYPT_DECRYPT keys encrypt, and each key takes only the algorithms DescribeKey lists for it.",
  IncorrectKeyException:
    'The key ID in the request is not the key the ciphertext was made under. Leave the key ID out, or pick the key that encrypted it.',
  DryRunOperationException:
    'Dry run: the request would have succeeded. Nothing was generated, because DryRun is set.',
  AlreadyExistsException: 'That alias already exists. Pick another name, or point it elsewhere.',
  InvalidAliasNameException:
    "The alias name is not allowed: names beginning with 'alias/aws/' are reserved for AWS managed keys.",
  NotAuthorizedException:
    "Aliases beginning with 'alias/aws/' belong to AWS managed keys: only AWS may create, move or delete them. Pick a name without 'aws/'.",
  ValidationException:
    'The request is not valid: a parameter is missing, out of range or of the wrong form.',
  LimitExceededException: 'A limit was reached: a key can be rotated on demand at most 25 times.',
  UnsupportedOperationException: 'KMS Lab does not support this request, or not for this key.',
  KMSInvalidSignatureException:
    'The signature does not verify: the message, the signing algorithm, the message type (RAW or DIGEST) or the key differs from the ones used to sign, or the signature was altered.',
  KMSInvalidMacException:
    'The MAC does not verify: the message, the MAC algorithm or the HMAC key differs from the ones that made it, or the MAC was altered.',
  ThrottlingException: 'Too many requests at once: wait a moment and try again.',
  KMSInternalException: 'KMS Lab failed unexpectedly. The details are below.',
  InvalidGrantTokenException:
    'A grant token in GrantTokens is not one CreateGrant returned, or its grant has been retired or revoked: a made-up or altered token is refused, not ignored. Copy the token from the grant you created on the Keys screen, or leave Grant tokens empty.',
  InvalidMarkerException: 'The pagination marker is not one this KMS returned.',
  MalformedPolicyDocumentException:
    'The key policy is not one KMS accepts: it is not valid JSON, lacks a Statement, has a statement without Effect, Principal, Action or Resource, names an unknown value, or is over 32 KB. The message says which.',
  // Alibaba Cloud KMS
  InvalidCiphertext:
    'The ciphertext was not made under this key with this Aad: the Aad differs from the one used at encryption, or the blob was altered.',
  'Forbidden.KeyNotFound': 'No such key: the key ID does not name a key of this KMS.',
  'Forbidden.AliasNotFound': 'No such alias: create it on the Keys screen, or pick another.',
  'Rejected.Disabled': 'The master key is disabled. Enable it on the Keys screen, then try again.',
  'Rejected.PendingDeletion':
    'The master key is pending deletion. Cancel the deletion on the Keys screen to use it again.',
  'Rejected.InvalidKeyUsage':
    'This master key cannot do this: only a symmetric encryption key wraps data key pairs.',
  'Rejected.Throttling': 'Too many requests at once: wait a moment and try again.',
  InvalidParameter: 'A parameter is not valid: see the message below for which one.',
  MissingParameter: 'A required parameter is missing.',
  UnsupportedOperation: 'KMS Lab does not support this request.',
  InternalFailure: 'KMS Lab failed unexpectedly. The details are below.',
  // The app's own checks, before a request is sent
  InputError: 'The input could not be read. The details are below.',
  PemError: 'The text is not a PEM block the app can read.',
  DerError: 'The bytes are not a key structure the app can read.',
  // Using a data key pair, in the page (crypto/operations.ts)
  DecryptionError:
    'The private key could not decrypt this ciphertext. Decryption checks what it recovers (RSA-OAEP its padding, SM2 the SM3 hash of the plaintext), and the check failed: the ciphertext was altered, was encrypted to another public key, or with another algorithm (RSAES_OAEP_SHA_1 and RSAES_OAEP_SHA_256 do not mix). Try encrypting again and decrypting the ciphertext unchanged, with this pair and the same algorithm.',
};

export interface ExplainedFailure {
  /** The AWS exception name or Alibaba Cloud code (or the app's own error name). */
  name: string;
  explanation: string;
  /** The engine's own message, when it gave one. */
  message: string;
  /** A failed Decrypt of a blob the history knows: which context pair differs. */
  contextCheck?: ContextCheck | undefined;
}

export function explainName(name: string): string {
  return Object.hasOwn(EXPLANATIONS, name)
    ? EXPLANATIONS[name as ErrorName]
    : 'The operation failed. The details are below.';
}

export function explainFailure(error: unknown): ExplainedFailure {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { name, explanation: explainName(name), message };
}

/** An error the app raises itself about what the user typed. */
export function inputError(message: string): Error {
  const error = new Error(message);
  error.name = 'InputError';
  return error;
}

/** Text that is not the PEM block asked for: an InputError the notice calls PemError. */
export function pemError(message: string): Error {
  return Object.assign(inputError(message), { name: 'PemError' });
}

/** Base64 typed or pasted by the user; an InputError naming the field otherwise. */
export function readBase64(text: string, field: string): Uint8Array {
  try {
    return fromBase64(text);
  } catch (error) {
    throw inputError(`${field}: ${(error as Error).message}`);
  }
}
