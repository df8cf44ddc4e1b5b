import { isKmsError, KmsError } from '../errors.js';
import { kmsModel } from '../model/model.generated.js';
import type { KmsOperations, OperationName } from '../model/types.generated.js';
import { validateInput } from '../model/validate.js';
import { newRequestId } from './request-id.js';
import { decodeShape, encodeShape } from './shape-codec.js';
import {
  headerValue,
  MalformedBodyError,
  parseJsonBody,
  type WireRequest,
  type WireResponse,
} from './wire.js';

/** AWS: "Content-Type: application/x-amz-json-1.1", in requests and responses alike. */
export const AWS_JSON_CONTENT_TYPE = `application/x-amz-json-${kmsModel.jsonVersion}`;

/** `TrentService.GenerateDataKeyPair`: the X-Amz-Target of each operation. */
export const awsTarget = (operation: OperationName) => `${kmsModel.targetPrefix}.${operation}`;

/** The operations the adapter knows: every operation in the API model (see EMULATED_OPERATIONS). */
export const AWS_OPERATIONS = Object.keys(kmsModel.operations) as OperationName[];

const isOperationName = (name: string): name is OperationName =>
  Object.hasOwn(kmsModel.operations, name);

/**
 * An AWS JSON error response. AWS: HTTP 400 for client faults, 500 for server faults,
 * body `{"__type": "<ExceptionName>", "message": "<text>"}`; clients also read the
 * X-Amzn-ErrorType header. Where AWS says nothing (InvalidCiphertextException,
 * KMSInvalidSignatureException, ...) its body has `__type` alone, with no `message` field:
 * an empty message is sent that way.
 */
export function awsErrorResponse(
  type: string,
  message: string,
  status: number,
  requestId = newRequestId(),
): WireResponse {
  return {
    status,
    headers: {
      'Content-Type': AWS_JSON_CONTENT_TYPE,
      'x-amzn-RequestId': requestId,
      'x-amzn-ErrorType': type,
    },
    body: JSON.stringify(message === '' ? { __type: type } : { __type: type, message }),
  };
}

/** The operation an X-Amz-Target names, or UnknownOperationException. */
export function operationOfTarget(target: string | undefined): OperationName {
  const prefix = `${kmsModel.targetPrefix}.`;
  if (target === undefined || target.trim() === '')
    throw new KmsError(
      'UnknownOperationException',
      `The request has no X-Amz-Target header: name the operation as ${prefix}<Operation>.`,
    );
  const operation = target.trim().startsWith(prefix) ? target.trim().slice(prefix.length) : '';
  if (!isOperationName(operation))
    throw new KmsError(
      'UnknownOperationException',
      `Unknown operation: X-Amz-Target '${target}' names no operation of ${kmsModel.targetPrefix}.`,
    );
  return operation;
}

type OperationMethod = (this: KmsOperations, input: unknown) => Promise<unknown>;

/** Calls the engine method of an operation: `GenerateDataKeyPair` is `generateDataKeyPair`. */
async function invoke(kms: KmsOperations, operation: OperationName, input: unknown) {
  const methodName = `${operation.charAt(0).toLowerCase()}${operation.slice(1)}` as Uncapitalize<
    typeof operation
  >;
  const method = (kms as unknown as Record<string, unknown>)[methodName] as
    | OperationMethod
    | undefined;
  if (typeof method !== 'function') {
    // An operation AWS has and KMS Lab does not emulate: AWS's own name for the refusal,
    // after the input has been checked as AWS would check it.
    validateInput(operation, input);
    throw new KmsError('UnsupportedOperationException', `KMS Lab does not emulate ${operation}`);
  }
  return method.call(kms, input);
}

function requestIdOf(output: unknown): string {
  const metadata = (output as { $metadata?: { requestId?: unknown } } | undefined)?.$metadata;
  return typeof metadata?.requestId === 'string' ? metadata.requestId : newRequestId();
}

/**
 * Answers one AWS JSON 1.1 request (`X-Amz-Target: TrentService.<Operation>`, JSON body)
 * with the engine. Never throws: every failure is an AWS error response.
 */
export async function handleAwsJsonRequest(
  kms: KmsOperations,
  request: WireRequest,
): Promise<WireResponse> {
  try {
    const operation = operationOfTarget(headerValue(request.headers, 'x-amz-target'));
    const shapes = kmsModel.operations[operation];
    let json: unknown;
    try {
      json = parseJsonBody(request.body);
    } catch (error) {
      if (error instanceof MalformedBodyError)
        throw new KmsError('SerializationException', error.message);
      throw error;
    }
    const input = shapes?.input ? decodeShape(kmsModel, shapes.input, json) : {};
    const output = await invoke(kms, operation, input);
    return {
      status: 200,
      headers: { 'Content-Type': AWS_JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestIdOf(output) },
      // AWS: operations without output answer "HTTP 200 ... with an empty HTTP body".
      body: shapes?.output ? JSON.stringify(encodeShape(kmsModel, shapes.output, output)) : '',
    };
  } catch (error) {
    if (isKmsError(error)) return awsErrorResponse(error.name, error.message, error.httpStatusCode);
    // Anything else is a bug: say so without details, as the engine does.
    const name = error instanceof Error ? error.name : typeof error;
    return awsErrorResponse('KMSInternalException', `KMS Lab failed unexpectedly (${name}).`, 500);
  }
}
