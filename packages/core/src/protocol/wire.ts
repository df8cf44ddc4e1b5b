/**
 * HTTP requests and responses as the protocol adapters see them: plain data, so the same
 * adapters serve a Node server, the in-process AWS SDK handler and a browser.
 */

/** Request headers; names are matched case-insensitively, as HTTP requires. */
export type WireHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface WireRequest {
  /** Default POST. */
  method?: string | undefined;
  /** The request target; a query string after `?` is ignored. Default `/`. */
  path?: string | undefined;
  headers: WireHeaders;
  /** The raw body: text, or bytes holding UTF-8 text. */
  body?: string | Uint8Array | undefined;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or empty where the operation answers with an empty body. */
  body: string;
}

/** The value of a header, whatever the case of its name; repeated headers are joined. */
export function headerValue(headers: WireHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(', ');
  }
  return undefined;
}

/** The path of a request target without its query string or fragment. */
export function pathOf(target: string | undefined): string {
  const path = (target ?? '/').split(/[?#]/, 1)[0] ?? '';
  return path === '' ? '/' : path;
}

/** Thrown when a body is not UTF-8 or not JSON; each adapter answers it in its own dialect. */
export class MalformedBodyError extends Error {
  override readonly name = 'MalformedBodyError';
}

/**
 * Parses a JSON request body. An empty body is an empty object, as AWS treats it. The
 * parser's own message is not repeated: it quotes the body, which may hold secrets.
 */
export function parseJsonBody(body: string | Uint8Array | undefined): unknown {
  let text: string;
  if (body === undefined) text = '';
  else if (typeof body === 'string') text = body;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new MalformedBodyError('The request body is not UTF-8 text.');
    }
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedBodyError('The request body is not valid JSON.');
  }
}

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
