/**
 * Page mode: the page's requests to a KMS endpoint URL never leave the browser. Playwright
 * routes them to a KMS Lab engine in the test's process, which answers them as `kms-lab
 * serve` would (`handleKmsHttpRequest`: AWS JSON 1.1 at POST /, the Alibaba route, JSON
 * 404s and 405s). A browser SDK call to another origin is preflighted, so OPTIONS gets the
 * answer `kms-lab serve --cors '*'` gives, and every answer the CORS headers the SDK needs.
 */
import { handleKmsHttpRequest, type Kms, type WireResponse } from '@kms-lab/core';
import { corsDecision } from '@kms-lab/server';
import type { BrowserContext, Page, Request, Route } from '@playwright/test';

/** The origin (scheme, host, port) and path prefix requests are routed from. */
function endpointMatcher(endpoint: string): (url: URL) => boolean {
  let parsed: URL;
  try {
    parsed = new URL(endpoint);
  } catch {
    throw new Error(
      `@kms-lab/playwright: kmsEndpoint must be an absolute URL such as https://kms.us-east-1.amazonaws.com; it is '${endpoint}'.`,
    );
  }
  const prefix = parsed.pathname.replace(/\/$/, '');
  return (url) =>
    url.origin === parsed.origin &&
    (prefix === '' || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
}

/** The engine's answer to one routed request, with the CORS headers a page needs. */
export async function answerRoutedRequest(
  engine: Kms,
  request: Pick<Request, 'method' | 'url' | 'headers' | 'postDataBuffer'>,
): Promise<WireResponse> {
  const method = request.method();
  const headers = request.headers();
  const cors = corsDecision(['*'], method, headers);
  if (cors.kind === 'answered') return cors.response;
  const url = new URL(request.url());
  const body = request.postDataBuffer();
  const response = await handleKmsHttpRequest(engine, {
    method,
    path: `${url.pathname}${url.search}`,
    headers,
    body: body === null ? undefined : new Uint8Array(body),
  });
  return cors.kind === 'allowed'
    ? { ...response, headers: { ...response.headers, ...cors.headers } }
    : response;
}

/**
 * Routes `endpoint`'s requests from `target` (a page, or a whole context so that popups are
 * covered too) to `engine`; resolves with a function that removes the route.
 */
export async function routeKmsEndpoint(
  target: Page | BrowserContext,
  endpoint: string,
  engine: Kms,
): Promise<() => Promise<void>> {
  const matches = endpointMatcher(endpoint);
  const handler = async (route: Route) => {
    const response = await answerRoutedRequest(engine, route.request());
    await route.fulfill({
      status: response.status,
      headers: response.headers,
      body: response.body,
    });
  };
  await target.route(matches, handler);
  return () => target.unroute(matches, handler);
}
