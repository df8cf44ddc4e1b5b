/**
 * A KMS key's own public and private keys, parsed and checked against its spec. The engine
 * hands these in from its store, so a mismatch is the engine's bug, not the caller's: it
 * throws a plain Error, which the engine reports as an internal failure.
 */
import { sameBytes } from '../der/asn1.js';
import { describeOid, RSA_ENCRYPTION } from '../der/oids.js';
import {
  type PrivateKeyInfo,
  type PublicKeyInfo,
  parsePrivateKeyInfo,
  parseSubjectPublicKeyInfo,
} from '../der/parse-key.js';
import { keyPairSpec } from '../keypairs/specs.js';
import type { PrivateKeyAccess } from './access.js';
import type { KeyPairKeySpec } from './specs.js';

function checkAlgorithm(
  spec: KeyPairKeySpec,
  key: { algorithmOid: string; curveOid: string | undefined },
  what: string,
): void {
  const info = keyPairSpec(spec);
  if (key.algorithmOid !== info.algorithmOid || key.curveOid !== info.curveOid) {
    const found = [key.algorithmOid, key.curveOid].flatMap((oid) =>
      oid === undefined ? [] : [describeOid(oid)],
    );
    throw new Error(`${spec}: the KMS key's ${what} is ${found.join(' on ')}`);
  }
}

/** The KMS key's SPKI, parsed; throws unless it is a key of `spec`. */
export function readPublicKey(spec: KeyPairKeySpec, spki: Uint8Array): PublicKeyInfo {
  const key = parseSubjectPublicKeyInfo(spki);
  checkAlgorithm(spec, key, 'public key');
  return key;
}

/**
 * What a parsed PKCS #8 of an EC or Ed25519 key looks like outside its private key: the
 * structure, the OIDs and the public key, none of them secret. `template` is the PKCS #8 with
 * the private key's bytes zeroed; they sit at `offset`.
 */
interface PrivateKeyLayout {
  spec: KeyPairKeySpec;
  template: Uint8Array;
  offset: number;
  length: number;
  info: Omit<PrivateKeyInfo, 'privateKey'>;
}

/**
 * One layout per access (per KMS key), learnt from its first full parse. A later PKCS #8 that
 * matches the template byte for byte outside the private key parses to the same result with
 * its own private key bytes (the DER around an OCTET STRING does not depend on its content),
 * so it is read without asn1js, which cost a fifth of a secp256k1 Sign. The private key
 * itself is never kept: it is unwrapped for each operation, as before.
 */
const LAYOUTS = new WeakMap<PrivateKeyAccess, PrivateKeyLayout>();

function matchesLayout(layout: PrivateKeyLayout, der: Uint8Array): boolean {
  const { template, offset, length } = layout;
  if (der.length !== template.length) return false;
  for (let index = 0; index < offset; index++) if (der[index] !== template[index]) return false;
  for (let index = offset + length; index < der.length; index++)
    if (der[index] !== template[index]) return false;
  return true;
}

const sameInfo = (a: PrivateKeyInfo, b: PrivateKeyInfo, privateKey: Uint8Array): boolean =>
  a.version === b.version &&
  a.algorithmOid === b.algorithmOid &&
  a.curveOid === b.curveOid &&
  (a.publicKey === undefined
    ? b.publicKey === undefined
    : b.publicKey !== undefined && sameBytes(a.publicKey, b.publicKey)) &&
  sameBytes(b.privateKey, privateKey);

/**
 * Learns the layout of a PKCS #8 just parsed to `key`: the private key must occur once in it,
 * and the same PKCS #8 with those bytes inverted must parse to the same result with the
 * inverted bytes as its private key. RSA keys have no such layout: their structure depends on
 * their values.
 */
function learnLayout(
  spec: KeyPairKeySpec,
  access: PrivateKeyAccess,
  der: Uint8Array,
  key: PrivateKeyInfo,
): void {
  if (key.algorithmOid === RSA_ENCRYPTION) return;
  const { privateKey } = key;
  const length = privateKey.length;
  let offset = -1;
  for (let start = 0; start + length <= der.length; start++) {
    if (!sameBytes(der.subarray(start, start + length), privateKey)) continue;
    if (offset >= 0) return; // Twice: no layout.
    offset = start;
  }
  if (offset < 0 || length === 0) return;
  const variant = der.slice();
  const inverted = privateKey.map((byte) => byte ^ 0xff);
  variant.set(inverted, offset);
  let parsed: PrivateKeyInfo | undefined;
  try {
    parsed = parsePrivateKeyInfo(variant);
  } catch {
    // No layout.
  }
  const matches = parsed !== undefined && sameInfo(key, parsed, inverted);
  parsed?.privateKey.fill(0);
  variant.fill(0);
  inverted.fill(0);
  if (!matches) return;
  const template = der.slice();
  template.fill(0, offset, offset + length);
  const { version, algorithmOid, curveOid, publicKey } = key;
  LAYOUTS.set(access, {
    spec,
    template,
    offset,
    length,
    info: { version, algorithmOid, curveOid, publicKey: publicKey?.slice() },
  });
}

/** The KMS key's PKCS #8, read through `access` and parsed; throws unless it is of `spec`. */
export async function readPrivateKey(
  spec: KeyPairKeySpec,
  access: PrivateKeyAccess,
): Promise<PrivateKeyInfo> {
  const der = await access.bytes();
  try {
    const layout = LAYOUTS.get(access);
    if (layout !== undefined && layout.spec === spec && matchesLayout(layout, der)) {
      const { info, offset, length } = layout;
      // parsePrivateKeyInfo's result, field for field.
      return {
        version: info.version,
        algorithmOid: info.algorithmOid,
        curveOid: info.curveOid,
        privateKey: der.slice(offset, offset + length),
        publicKey: info.publicKey?.slice(),
      };
    }
    const key = parsePrivateKeyInfo(der);
    checkAlgorithm(spec, key, 'private key');
    learnLayout(spec, access, der, key);
    return key;
  } finally {
    // The parsed key holds copies: the unwrapped PKCS #8 is not needed any more.
    der.fill(0);
  }
}
