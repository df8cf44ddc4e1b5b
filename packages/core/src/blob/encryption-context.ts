import { utf8ToBytes } from '@noble/hashes/utils.js';
import { KmsError } from '../errors.js';

/**
 * The canonical, collision-free byte encoding of an AWS encryption context, used as
 * part of the AES-GCM additional authenticated data.
 *
 * AWS: "the same (an exact case-sensitive match) encryption context" must be given to
 * Decrypt; only the order of pairs may differ. So pairs are sorted by the UTF-8 bytes
 * of their keys, and every key and value is length-prefixed: {"ab":"c"} and {"a":"bc"}
 * encode differently, which simple concatenation of keys and values gets wrong.
 *
 *   context  = count:u32be  pair*          (count 0 for none or {})
 *   pair     = keyLength:u32be  key:utf8  valueLength:u32be  value:utf8
 */
/**
 * A lone UTF-16 surrogate is not a character: UTF-8 has no encoding for it, so two different
 * strings would reach the same bytes (every lone surrogate becomes U+FFFD).
 */
const LONE_SURROGATE = /\p{Cs}/u;
export const hasLoneSurrogate = (text: string) => LONE_SURROGATE.test(text);

export function encodeEncryptionContext(context: Record<string, string> | undefined): Uint8Array {
  // UTF-8 cannot encode a lone surrogate; encoding it as U+FFFD would make {"k":"\ud800"} and
  // {"k":"\ufffd"} the same context. Validation refuses them first; this guards other callers.
  for (const [key, value] of Object.entries(context ?? {}))
    if (hasLoneSurrogate(key) || hasLoneSurrogate(value))
      throw new KmsError(
        'ValidationException',
        'The encryption context holds a lone UTF-16 surrogate, which is not a character.',
      );
  const pairs = Object.entries(context ?? {}).map(
    ([key, value]) => [utf8ToBytes(key), utf8ToBytes(value)] as const,
  );
  pairs.sort(([a], [b]) => compareBytes(a, b));
  let size = 4;
  for (const [key, value] of pairs) size += 8 + key.length + value.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, pairs.length);
  let offset = 4;
  for (const part of pairs.flat()) {
    view.setUint32(offset, part.length);
    out.set(part, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}
