/**
 * A KMS key's own public and private keys, parsed and checked against its spec. The engine
 * hands these in from its store, so a mismatch is the engine's bug, not the caller's: it
 * throws a plain Error, which the engine reports as an internal failure.
 */
import { describeOid } from '../der/oids.js';
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

/** The KMS key's PKCS #8, read through `access` and parsed; throws unless it is of `spec`. */
export async function readPrivateKey(
  spec: KeyPairKeySpec,
  access: PrivateKeyAccess,
): Promise<PrivateKeyInfo> {
  const key = parsePrivateKeyInfo(await access.bytes());
  checkAlgorithm(spec, key, 'private key');
  return key;
}
