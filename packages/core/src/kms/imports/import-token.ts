/**
 * Import tokens: what GetParametersForImport returns beside its wrapping public key, and
 * ImportKeyMaterial takes back. The token names its key and its parameters (the stored
 * private half of the wrapping pair); it holds no secret. Layout:
 *   'KLIT' (4) | version 1 (1) | key ID (16, the UUID's bytes) | token ID (16) | valid to (8,
 *   milliseconds since 1970, big-endian)
 * The 128-bit token ID is random and must match parameters kept on the key, so a token cannot
 * be made up; its validity is read from the token only to tell an expired token (whose
 * parameters are dropped) from a made-up one.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { KmsError } from '../../errors.js';
import type { StoredImportParameters, StoredKey } from '../../store/types.js';

const MAGIC = [0x4b, 0x4c, 0x49, 0x54]; // "KLIT": KMS Lab import token
const VERSION = 1;
const TOKEN_LENGTH = 4 + 1 + 16 + 16 + 8;

/** AWS: "Each public key and import token set is valid for 24 hours." */
export const IMPORT_PARAMETERS_VALID_MS = 24 * 60 * 60 * 1000;

export function encodeImportToken(keyId: string, parameters: StoredImportParameters): Uint8Array {
  const token = new Uint8Array(TOKEN_LENGTH);
  token.set(MAGIC, 0);
  token[4] = VERSION;
  token.set(hexToBytes(keyId.replaceAll('-', '')), 5);
  token.set(hexToBytes(parameters.tokenId), 21);
  new DataView(token.buffer).setBigUint64(37, BigInt(parameters.validTo.getTime()));
  return token;
}

const invalidToken = (why: string) =>
  new KmsError('InvalidImportTokenException', `The import token is not valid: ${why}.`);

/**
 * The key's parameters the token names, in AWS's terms: InvalidImportTokenException for a
 * token that is not one of this key's, ExpiredImportTokenException past its 24 hours.
 */
export function importParametersOf(
  key: StoredKey,
  token: Uint8Array,
  now: Date,
): StoredImportParameters {
  if (token.length !== TOKEN_LENGTH || MAGIC.some((byte, index) => token[index] !== byte))
    throw invalidToken('it is not a token GetParametersForImport returned');
  if (token[4] !== VERSION) throw invalidToken(`its version ${token[4]} is not ${VERSION}`);
  if (bytesToHex(token.subarray(5, 21)) !== key.keyId.replaceAll('-', ''))
    throw invalidToken(`it was issued for another KMS key, not ${key.keyId}`);
  const tokenId = bytesToHex(token.subarray(21, 37));
  const validTo = Number(new DataView(token.buffer, token.byteOffset).getBigUint64(37));
  const parameters = key.importParameters?.find((entry) => entry.tokenId === tokenId);
  if (parameters ? parameters.validTo <= now : validTo <= now.getTime())
    throw new KmsError(
      'ExpiredImportTokenException',
      `The import token expired at ${new Date(parameters?.validTo ?? validTo).toISOString()}: call GetParametersForImport again for a new wrapping key and token.`,
    );
  if (!parameters) throw invalidToken('no GetParametersForImport of this key returned it');
  return parameters;
}
