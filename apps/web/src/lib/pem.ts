import { fromBase64, toBase64 } from './bytes';

/**
 * PEM writing and lenient reading for the app's views. The strict RFC 7468 reader lives
 * in @kms-lab/core; this one stays in the start bundle, so it is deliberately small.
 */
export type PemLabel = 'PUBLIC KEY' | 'PRIVATE KEY';

export function toPem(der: Uint8Array, label: PemLabel): string {
  const body = toBase64(der).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** The DER inside the first PEM block of `text`, or undefined when there is none. */
export function pemBody(text: string): { label: string; der: Uint8Array } | undefined {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match) return undefined;
  return { label: match[1] as string, der: fromBase64(match[2] as string) };
}
