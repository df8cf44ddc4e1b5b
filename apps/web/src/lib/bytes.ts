/** Byte encodings the app shows and reads, without pulling a library into the start bundle. */

const HEX_DIGITS = '0123456789abcdef';

export function toHex(bytes: Uint8Array, separator = ''): string {
  const parts: string[] = [];
  for (const byte of bytes)
    parts.push((HEX_DIGITS[byte >> 4] as string) + (HEX_DIGITS[byte & 15] as string));
  return parts.join(separator);
}

/** Reads hex, ignoring whitespace and colons, as people paste it. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean))
    throw new Error('Not hexadecimal: expected pairs of 0-9 and a-f.');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Reads base64 (or base64url), ignoring whitespace and line breaks. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (
    clean === '' ||
    !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) ||
    clean.replace(/=+$/, '').length % 4 === 1
  )
    throw new Error('Not base64: expected the characters A-Z, a-z, 0-9, + and /.');
  const padded = clean.padEnd(Math.ceil(clean.length / 4) * 4, '=');
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes);

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** A copy whose buffer is a plain ArrayBuffer of exactly its length, for postMessage and Blob. */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}
