/** Alibaba Cloud's error codes and statuses for the errors the engine raises (docs/alibaba.md). */
import { KmsError } from '../errors.js';

export function toAlibabaError(error: KmsError): KmsError {
  const map = (
    code: ConstructorParameters<typeof KmsError>[0],
    status: number,
    message = error.message,
  ) => new KmsError(code, message, { httpStatusCode: status });
  switch (error.name) {
    case 'NotFoundException':
      return error.notFound === 'alias'
        ? map('Forbidden.AliasNotFound', 404, 'The specified Alias is not found.')
        : map('Forbidden.KeyNotFound', 404, 'The specified Key is not found.');
    case 'DisabledException':
      return map('Rejected.Disabled', 400);
    case 'KMSInvalidStateException':
      return map('Rejected.PendingDeletion', 400);
    case 'InvalidKeyUsageException':
      return map('Rejected.InvalidKeyUsage', 400);
    case 'InvalidCiphertextException':
      return map(
        'InvalidCiphertext',
        400,
        error.message || 'The ciphertext blob or the Aad is not valid.',
      );
    case 'ThrottlingException':
      return map('Rejected.Throttling', 429);
    case 'KMSInternalException':
      return map('InternalFailure', 500);
    case 'UnsupportedOperationException':
      return map('UnsupportedOperation', 400);
    default:
      return error;
  }
}

export function requireParameter(
  name: string,
  value: unknown,
  type: 'string' | 'bytes',
): asserts value is never {
  if (value === undefined || value === null || value === '')
    throw new KmsError('MissingParameter', `The parameter ${name} is required.`, {
      httpStatusCode: 400,
    });
  const ok = type === 'string' ? typeof value === 'string' : value instanceof Uint8Array;
  if (!ok) throw invalidParameter(name, type === 'string' ? 'must be a string' : 'must be bytes');
}

export function invalidParameter(name: string, why: string): KmsError {
  return new KmsError(
    'InvalidParameter',
    `The specified parameter ${name} is not valid: it ${why}.`,
  );
}
