/**
 * Errors thrown by the engine. `name` is the AWS exception name (as the AWS SDK v3
 * client sets it), so `err.name === 'NotFoundException'` works the same against
 * KMS Lab and against AWS. `httpStatusCode` is the status the real service answers
 * with, for the wire adapter.
 */
export type AwsExceptionName =
  | 'AccessDeniedException'
  | 'AlreadyExistsException'
  | 'DependencyTimeoutException'
  | 'DisabledException'
  | 'DryRunOperationException'
  | 'IncorrectKeyException'
  | 'InvalidAliasNameException'
  | 'InvalidArnException'
  | 'InvalidCiphertextException'
  | 'InvalidGrantTokenException'
  | 'InvalidKeyUsageException'
  | 'InvalidMarkerException'
  | 'KMSInternalException'
  | 'KMSInvalidMacException'
  | 'KMSInvalidSignatureException'
  | 'KMSInvalidStateException'
  | 'KeyUnavailableException'
  | 'LimitExceededException'
  | 'MalformedPolicyDocumentException'
  | 'NotAuthorizedException'
  | 'NotFoundException'
  | 'SerializationException'
  | 'TagException'
  | 'ThrottlingException'
  | 'UnknownOperationException'
  | 'UnsupportedOperationException'
  | 'ValidationException';

/**
 * Alibaba Cloud KMS error codes the Advance operations answer with. Rejected.Throttling,
 * Forbidden.KeyNotFound, Forbidden.AliasNotFound, InvalidParameter, MissingParameter,
 * UnsupportedOperation and InternalFailure are Alibaba's documented codes; Rejected.Disabled,
 * Rejected.PendingDeletion, Rejected.InvalidKeyUsage and InvalidCiphertext are KMS Lab's
 * names where Alibaba documents none (docs/alibaba.md).
 */
export type AlibabaErrorCode =
  | 'Forbidden.AliasNotFound'
  | 'Forbidden.KeyNotFound'
  | 'InternalFailure'
  | 'InvalidCiphertext'
  | 'InvalidParameter'
  | 'MissingParameter'
  | 'Rejected.Disabled'
  | 'Rejected.InvalidKeyUsage'
  | 'Rejected.PendingDeletion'
  | 'Rejected.Throttling'
  | 'UnsupportedOperation';

/**
 * AWS exceptions of the grant operations only. Kept out of ErrorName for now because the web
 * app's explanations are exhaustive over ErrorName and the web app makes no grants; fold it
 * into AwsExceptionName once apps/web/src/errors/explain.ts explains it.
 */
export type GrantExceptionName = 'InvalidGrantIdException';

/** AWS exceptions of importing key material only (the web app explains them: part of ErrorName). */
export type ImportExceptionName =
  | 'ExpiredImportTokenException'
  | 'IncorrectKeyMaterialException'
  | 'InvalidImportTokenException';

export type ErrorName = AwsExceptionName | ImportExceptionName | AlibabaErrorCode;

const SERVER_FAULTS: ReadonlySet<string> = new Set([
  'DependencyTimeoutException',
  'KMSInternalException',
  'KeyUnavailableException',
  'InternalFailure',
]);

export class KmsError extends Error {
  override readonly name: ErrorName | GrantExceptionName | ImportExceptionName;
  /** Who is at fault, as the AWS SDK's `$fault`. */
  readonly $fault: 'client' | 'server';
  /** The HTTP status the real service answers with. */
  readonly httpStatusCode: number;
  /**
   * On a NotFoundException: whether the key or the alias named in the request is missing,
   * for callers (the Alibaba adapter, the web app) that answer the two differently.
   */
  readonly notFound: 'key' | 'alias' | undefined;

  constructor(
    name: ErrorName | GrantExceptionName | ImportExceptionName,
    message: string,
    options: { httpStatusCode?: number; notFound?: 'key' | 'alias' } = {},
  ) {
    super(message);
    this.name = name;
    this.notFound = options.notFound;
    this.$fault = SERVER_FAULTS.has(name) ? 'server' : 'client';
    this.httpStatusCode =
      options.httpStatusCode ??
      (name === 'ThrottlingException' || name === 'Rejected.Throttling'
        ? 429
        : this.$fault === 'server'
          ? 500
          : 400);
  }
}

export const isKmsError = (
  error: unknown,
  name?: ErrorName | GrantExceptionName,
): error is KmsError => error instanceof KmsError && (name === undefined || error.name === name);

/** The messages real AWS KMS answers with, as recorded from its responses. */
export const messages = {
  disabled: (arn: string) => `${arn} is disabled.`,
  pendingDeletion: (arn: string) => `${arn} is pending deletion.`,
  keyUsage: (arn: string, usage: string, operation: string) =>
    `${arn} key usage is ${usage} which is not valid for ${operation}.`,
  invalidKeyId: (value: string) => `Invalid keyId '${value}'`,
  keyNotFound: (arn: string) => `Key '${arn}' does not exist`,
  /** An ARN of another Region: the Region is named, nothing else. */
  invalidArn: (region: string) => `Invalid arn ${region}`,
  aliasNotFound: (aliasArn: string) => `Alias ${aliasArn} is not found.`,
  dryRun: 'The request would have succeeded, but the DryRun option is set.',
  incorrectKey:
    'The key ID in the request does not identify a CMK that can perform this operation.',
  ciphertextKeyGone:
    'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
  onDemandLimit: (arn: string) =>
    `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${arn}`,
  throttled:
    'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.',
} as const;
