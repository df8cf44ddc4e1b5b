import { base64 } from '@scure/base';
import type {
  AdvanceDecryptRequest,
  AdvanceGenerateDataKeyPairRequest,
  AlibabaOperations,
} from '../alibaba/types.js';
import { isKmsError, KmsError } from '../errors.js';
import { newRequestId } from './request-id.js';
import {
  isJsonObject,
  MalformedBodyError,
  parseJsonBody,
  type WireRequest,
  type WireResponse,
} from './wire.js';

/**
 * The Alibaba Cloud KMS Advance operations over HTTP (see docs/alibaba.md). AWS has no
 * target for them, so they have a route of their own: `POST /alibaba/<ApiName>` with a
 * JSON body; binary parameters and results travel base64-encoded.
 */
export const ALIBABA_ROUTE_PREFIX = '/alibaba/';

export const ALIBABA_API_NAMES = [
  'AdvanceGenerateDataKeyPair',
  'AdvanceGenerateDataKeyPairWithoutPlaintext',
  'AdvanceDecrypt',
] as const;
export type AlibabaApiName = (typeof ALIBABA_API_NAMES)[number];

const isAlibabaApiName = (name: string): name is AlibabaApiName =>
  (ALIBABA_API_NAMES as readonly string[]).includes(name);

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The request parameters that are bytes: base64 strings on the wire. */
const BINARY_PARAMETERS = ['Aad', 'CiphertextBlob'] as const;

/**
 * An Alibaba Cloud error response: the HTTP status of the error and the body
 * `{"Code", "Message", "RequestId", "HttpStatus"}`.
 */
export function alibabaErrorResponse(
  code: string,
  message: string,
  status: number,
  requestId = newRequestId().toUpperCase(),
): WireResponse {
  return {
    status,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, 'x-acs-request-id': requestId },
    body: JSON.stringify({
      Code: code,
      Message: message,
      RequestId: requestId,
      HttpStatus: status,
    }),
  };
}

function invalidParameter(name: string, why: string): KmsError {
  return new KmsError('InvalidParameter', `The specified parameter ${name} is not valid: ${why}.`);
}

/** The request body as the engine's input: base64 parameters become bytes. */
function decodeParameters(json: unknown): Record<string, unknown> {
  if (!isJsonObject(json)) throw invalidParameter('body', 'it must be a JSON object');
  const input: Record<string, unknown> = { ...json };
  for (const name of BINARY_PARAMETERS) {
    const value = json[name];
    // An empty or null parameter is a parameter not given, as in Alibaba's query API.
    if (value === undefined || value === null || value === '') {
      delete input[name];
      continue;
    }
    if (typeof value !== 'string') throw invalidParameter(name, 'it must be a base64 string');
    try {
      input[name] = base64.decode(value);
    } catch {
      throw invalidParameter(name, 'it is not valid base64');
    }
  }
  return input;
}

function encodeResult(result: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(result).map(([name, value]) => [
      name,
      value instanceof Uint8Array ? base64.encode(value) : value,
    ]),
  );
}

function invoke(
  kms: AlibabaOperations,
  apiName: AlibabaApiName,
  input: Record<string, unknown>,
): Promise<object> {
  // The types are asserted, not checked: the engine checks every parameter at run time and
  // answers MissingParameter or InvalidParameter as Alibaba Cloud does.
  switch (apiName) {
    case 'AdvanceGenerateDataKeyPair':
      return kms.advanceGenerateDataKeyPair(input as unknown as AdvanceGenerateDataKeyPairRequest);
    case 'AdvanceGenerateDataKeyPairWithoutPlaintext':
      return kms.advanceGenerateDataKeyPairWithoutPlaintext(
        input as unknown as AdvanceGenerateDataKeyPairRequest,
      );
    case 'AdvanceDecrypt':
      return kms.advanceDecrypt(input as unknown as AdvanceDecryptRequest);
  }
}

/** Answers one Advance request for `apiName`. Never throws: failures are Alibaba errors. */
export async function handleAlibabaRequest(
  kms: AlibabaOperations,
  apiName: string,
  request: WireRequest,
): Promise<WireResponse> {
  if (!isAlibabaApiName(apiName))
    // Alibaba Cloud's gateway answers an API it does not know with this code and text.
    return alibabaErrorResponse(
      'InvalidAction.NotFound',
      `Specified api is not found, please check your url and method. KMS Lab serves ${ALIBABA_API_NAMES.map((name) => `${ALIBABA_ROUTE_PREFIX}${name}`).join(', ')}.`,
      404,
    );
  try {
    let json: unknown;
    try {
      json = parseJsonBody(request.body);
    } catch (error) {
      if (error instanceof MalformedBodyError)
        throw new KmsError('InvalidParameter', error.message);
      throw error;
    }
    const result = await invoke(kms, apiName, decodeParameters(json));
    const body = encodeResult(result);
    const requestId = typeof body.RequestId === 'string' ? body.RequestId : undefined;
    return {
      status: 200,
      headers: {
        'Content-Type': JSON_CONTENT_TYPE,
        ...(requestId ? { 'x-acs-request-id': requestId } : {}),
      },
      body: JSON.stringify(body),
    };
  } catch (error) {
    if (isKmsError(error))
      return alibabaErrorResponse(error.name, error.message, error.httpStatusCode);
    const name = error instanceof Error ? error.name : typeof error;
    return alibabaErrorResponse('InternalFailure', `KMS Lab failed unexpectedly (${name}).`, 500);
  }
}
