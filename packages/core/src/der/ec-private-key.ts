/**
 * ECPrivateKey, RFC 5915, 3 (SEC 1, C.4; the tags are EXPLICIT):
 *
 *   ECPrivateKey ::= SEQUENCE {
 *     version        INTEGER { ecPrivkeyVer1(1) } (ecPrivkeyVer1),
 *     privateKey     OCTET STRING,
 *     parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
 *     publicKey  [1] BIT STRING OPTIONAL
 *   }
 *
 * privateKey is d as an octet string of ceiling(log2(n)/8) octets; parameters, when present,
 * is the namedCurve OID (RFC 5480, 2.1.1) and must match the PKCS #8 AlgorithmIdentifier.
 */
import {
  type Block,
  DerError,
  decodeDer,
  derBitString,
  derExplicit,
  derOctetString,
  derOid,
  derSequence,
  derSmallInteger,
  encodeDer,
  hasContextTag,
  readBitString,
  readExplicit,
  readOctetString,
  readOid,
  readSmallInteger,
  SequenceReader,
} from './asn1.js';

const EC_PRIVKEY_VER1 = 1;

export interface EcPrivateKey {
  /** d, big-endian, at the curve order's byte length. */
  privateKey: Uint8Array;
  /** The namedCurve OID of parameters [0], when present. */
  curveOid: string | undefined;
  /** The SEC 1 point of publicKey [1] (04 || x || y when uncompressed), when present. */
  publicKey: Uint8Array | undefined;
}

export function encodeEcPrivateKey({ privateKey, curveOid, publicKey }: EcPrivateKey): Uint8Array {
  const fields: Block[] = [derSmallInteger(EC_PRIVKEY_VER1), derOctetString(privateKey)];
  if (curveOid !== undefined) fields.push(derExplicit(0, derOid(curveOid)));
  if (publicKey !== undefined) fields.push(derExplicit(1, derBitString(publicKey)));
  return encodeDer(derSequence(fields));
}

export function decodeEcPrivateKey(der: Uint8Array): EcPrivateKey {
  const what = 'ECPrivateKey';
  const fields = new SequenceReader(decodeDer(der, what), what);
  const version = readSmallInteger(fields.next('version'), `${what} version`);
  if (version !== EC_PRIVKEY_VER1) {
    throw new DerError(`${what}: unsupported version ${version} (expected 1)`);
  }
  const privateKey = readOctetString(fields.next('privateKey'), `${what} privateKey`);
  if (privateKey.length === 0) throw new DerError(`${what}: privateKey is empty`);
  const parameters = fields.optional((block) => hasContextTag(block, 0));
  const publicKeyBlock = fields.optional((block) => hasContextTag(block, 1));
  fields.end();
  return {
    privateKey,
    curveOid:
      parameters === undefined
        ? undefined
        : readOid(readExplicit(parameters, 0, `${what} parameters`), `${what} namedCurve`),
    publicKey:
      publicKeyBlock === undefined
        ? undefined
        : readBitString(readExplicit(publicKeyBlock, 1, `${what} publicKey`), `${what} publicKey`),
  };
}
