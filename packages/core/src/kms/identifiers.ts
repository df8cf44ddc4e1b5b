/**
 * KMS key identifiers. AWS: "To specify a KMS key, use its key ID, key ARN, alias name,
 * or alias ARN. When using an alias name, prefix it with "alias/"."
 */

import type { WebCrypto } from '../webcrypto-types.js';

export type KeyReference =
  | { kind: 'keyId'; keyId: string }
  | { kind: 'alias'; aliasName: string }
  | { kind: 'foreign'; arn: string }
  | { kind: 'otherRegion'; region: string }
  | { kind: 'invalid' };

/** A UUID, or a multi-Region key's `mrk-` and 32 hex digits. */
const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ARN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

export interface Location {
  partition: string;
  region: string;
  accountId: string;
}

/** AWS partitions by region: China Regions are `aws-cn`, GovCloud `aws-us-gov`. */
export const partitionOf = (region: string) =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

export const keyArn = (at: Location, keyId: string) =>
  `arn:${at.partition}:kms:${at.region}:${at.accountId}:key/${keyId}`;
export const aliasArn = (at: Location, aliasName: string) =>
  `arn:${at.partition}:kms:${at.region}:${at.accountId}:${aliasName}`;

export function parseKeyReference(value: string, at: Location): KeyReference {
  if (KEY_ID.test(value)) return { kind: 'keyId', keyId: value };
  if (value.startsWith('alias/') && value.length > 'alias/'.length)
    return { kind: 'alias', aliasName: value };
  const arn = ARN.exec(value);
  if (!arn) return { kind: 'invalid' };
  const [, partition, region = '', accountId, type, resource = ''] = arn;
  // AWS names the Region of an ARN from elsewhere: "Invalid arn us-west-2".
  if (partition === at.partition && region !== at.region) return { kind: 'otherRegion', region };
  if (partition !== at.partition || region !== at.region || accountId !== at.accountId)
    return { kind: 'foreign', arn: value };
  if (type === 'alias') return { kind: 'alias', aliasName: `alias/${resource}` };
  return KEY_ID.test(resource) ? { kind: 'keyId', keyId: resource } : { kind: 'invalid' };
}

type RandomSource = Pick<WebCrypto, 'getRandomValues'>;

/**
 * Random bytes for identifiers, drawn from the injected source 4 KiB at a time: a
 * getRandomValues call costs more than the UUID made from it, and every response carries
 * a request ID. Identifiers only; key material never comes from here.
 */
const IDENTIFIER_RANDOMNESS = new WeakMap<RandomSource, { bytes: Uint8Array; used: number }>();
const IDENTIFIER_RANDOMNESS_BYTES = 4096;

function identifierBytes(crypto: RandomSource, length: number): Uint8Array {
  let pool = IDENTIFIER_RANDOMNESS.get(crypto);
  if (!pool || pool.used + length > pool.bytes.length) {
    pool = { bytes: crypto.getRandomValues(new Uint8Array(IDENTIFIER_RANDOMNESS_BYTES)), used: 0 };
    IDENTIFIER_RANDOMNESS.set(crypto, pool);
  }
  const bytes = pool.bytes.slice(pool.used, pool.used + length);
  // Each byte is handed out once: wipe it from the pool as it goes.
  pool.bytes.fill(0, pool.used, pool.used + length);
  pool.used += length;
  return bytes;
}

/** Two lowercase hex digits for each byte value. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A random (version 4) UUID from injected randomness, the form of AWS key IDs. Every response
 * carries one as its request ID, so the string is built from a table: formatting byte by byte
 * cost a fifth of what the engine adds to a Sign.
 */
export function randomUuid(crypto: RandomSource): string {
  const b = identifierBytes(crypto, 16);
  const hex = (index: number) => HEX[b[index] as number] as string;
  const version = HEX[((b[6] as number) & 0x0f) | 0x40] as string;
  const variant = HEX[((b[8] as number) & 0x3f) | 0x80] as string;
  return `${hex(0)}${hex(1)}${hex(2)}${hex(3)}-${hex(4)}${hex(5)}-${version}${hex(7)}-${variant}${hex(9)}-${hex(10)}${hex(11)}${hex(12)}${hex(13)}${hex(14)}${hex(15)}`;
}

/** A multi-Region key ID: AWS's `mrk-` followed by 32 lowercase hex digits. */
export function multiRegionKeyId(crypto: RandomSource): string {
  return `mrk-${Array.from(identifierBytes(crypto, 16), (byte) => HEX[byte]).join('')}`;
}
