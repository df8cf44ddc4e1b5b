/**
 * Grant tokens. AWS's are opaque strings that identify their grant, one new token for every
 * CreateGrant (even one that returns an existing grant by Name), all interchangeable. KMS
 * Lab's token is base64url (RFC 4648 section 5, unpadded) of
 *
 *   version (1 byte, 1) | key ID (16 bytes) | grant ID (32 bytes) | nonce (16 bytes) | tag (32 bytes)
 *
 * where tag is HMAC-SHA-256 over the bytes before it, under the key's `grantTokenKey`. The tag
 * lets KMS Lab tell a token it issued from a made-up one even after its grant is gone, so a
 * made-up token is InvalidGrantTokenException and a retired grant's token can be named as such.
 */
import { equalBytes } from '@noble/curves/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { base64urlnopad } from '@scure/base';

const VERSION = 1;
const KEY_ID_BYTES = 16;
const GRANT_ID_BYTES = 32;
const NONCE_BYTES = 16;
const TAG_BYTES = 32;
const SIGNED_BYTES = 1 + KEY_ID_BYTES + GRANT_ID_BYTES + NONCE_BYTES;
const TOKEN_BYTES = SIGNED_BYTES + TAG_BYTES;

/** What a well-formed token names; whether it is genuine needs the key's grantTokenKey. */
export interface GrantTokenClaim {
  keyId: string;
  grantId: string;
  signed: Uint8Array;
  tag: Uint8Array;
}

const uuidToBytes = (keyId: string) => hexToBytes(keyId.replaceAll('-', ''));
const bytesToUuid = (bytes: Uint8Array) =>
  bytesToHex(bytes).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/** A new token for a grant: fresh nonce, so each CreateGrant answers a different token. */
export function issueGrantToken(
  grantTokenKey: Uint8Array,
  keyId: string,
  grantId: string,
  random: Pick<Crypto, 'getRandomValues'>,
): string {
  const token = new Uint8Array(TOKEN_BYTES);
  token[0] = VERSION;
  token.set(uuidToBytes(keyId), 1);
  token.set(hexToBytes(grantId), 1 + KEY_ID_BYTES);
  token.set(random.getRandomValues(new Uint8Array(NONCE_BYTES)), 1 + KEY_ID_BYTES + GRANT_ID_BYTES);
  token.set(hmac(sha256, grantTokenKey, token.subarray(0, SIGNED_BYTES)), SIGNED_BYTES);
  return base64urlnopad.encode(token);
}

/** The key and grant a token names, or undefined when it is not of KMS Lab's form. */
export function readGrantToken(token: string): GrantTokenClaim | undefined {
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(token);
  } catch {
    return undefined;
  }
  if (bytes.length !== TOKEN_BYTES || bytes[0] !== VERSION) return undefined;
  return {
    keyId: bytesToUuid(bytes.subarray(1, 1 + KEY_ID_BYTES)),
    grantId: bytesToHex(bytes.subarray(1 + KEY_ID_BYTES, 1 + KEY_ID_BYTES + GRANT_ID_BYTES)),
    signed: bytes.subarray(0, SIGNED_BYTES),
    tag: bytes.subarray(SIGNED_BYTES),
  };
}

/** True when the claim's tag was made under this key's grantTokenKey (constant time). */
export const isGenuineGrantToken = (claim: GrantTokenClaim, grantTokenKey: Uint8Array) =>
  equalBytes(hmac(sha256, grantTokenKey, claim.signed), claim.tag);
