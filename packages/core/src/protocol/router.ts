import type { AlibabaOperations } from '../alibaba/types.js';
import type { KmsOperations } from '../model/types.generated.js';
import {
  ALIBABA_ROUTE_PREFIX,
  alibabaErrorResponse,
  handleAlibabaRequest,
} from './alibaba-json.js';
import { awsErrorResponse, handleAwsJsonRequest } from './aws-json.js';
import { pathOf, type WireRequest, type WireResponse } from './wire.js';

/** Where a request goes: AWS's `POST /`, or the Alibaba route `POST /alibaba/<ApiName>`. */
export type KmsRoute =
  | { kind: 'aws' }
  | { kind: 'alibaba'; apiName: string }
  | { kind: 'methodNotAllowed'; dialect: 'aws' | 'alibaba'; allow: string }
  | { kind: 'notFound' };

export function routeOf(method: string | undefined, target: string | undefined): KmsRoute {
  const path = pathOf(target);
  const isPost = (method ?? 'POST').toUpperCase() === 'POST';
  if (path === '/') return isPost ? { kind: 'aws' } : notAllowed('aws');
  if (path.startsWith(ALIBABA_ROUTE_PREFIX))
    return isPost
      ? { kind: 'alibaba', apiName: path.slice(ALIBABA_ROUTE_PREFIX.length) }
      : notAllowed('alibaba');
  return { kind: 'notFound' };
}

const notAllowed = (dialect: 'aws' | 'alibaba'): KmsRoute => ({
  kind: 'methodNotAllowed',
  dialect,
  allow: 'POST',
});

/** The answer to a request for no route: 404 or 405, with a JSON body. */
export function routeErrorResponse(
  route: Extract<KmsRoute, { kind: 'methodNotAllowed' | 'notFound' }>,
  method: string | undefined,
  target: string | undefined,
): WireResponse {
  const path = pathOf(target);
  if (route.kind === 'notFound')
    return awsErrorResponse(
      'NotFound',
      `Nothing is served at ${path}: KMS Lab answers POST / (AWS KMS) and POST ${ALIBABA_ROUTE_PREFIX}<ApiName> (Alibaba Cloud KMS).`,
      404,
    );
  const message = `${method ?? ''} is not allowed on ${path}; use POST.`;
  const response =
    route.dialect === 'alibaba'
      ? alibabaErrorResponse('MethodNotAllowed', message, 405)
      : awsErrorResponse('MethodNotAllowed', message, 405);
  response.headers.Allow = route.allow;
  return response;
}

/**
 * Answers any KMS request: `POST /` with `X-Amz-Target: TrentService.<Operation>` (AWS
 * JSON 1.1), `POST /alibaba/<ApiName>` (Alibaba Cloud Advance operations), and a JSON
 * 404 or 405 for anything else. Never throws.
 */
export function handleKmsHttpRequest(
  kms: KmsOperations & AlibabaOperations,
  request: WireRequest,
): Promise<WireResponse> {
  const route = routeOf(request.method, request.path);
  switch (route.kind) {
    case 'aws':
      return handleAwsJsonRequest(kms, request);
    case 'alibaba':
      return handleAlibabaRequest(kms, route.apiName, request);
    default:
      return Promise.resolve(routeErrorResponse(route, request.method, request.path));
  }
}
