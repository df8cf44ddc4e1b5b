/**
 * DeriveSharedSecret: ECDH between a KEY_AGREEMENT KMS key and a peer's public key. AWS KMS
 * returns the raw shared secret Z of cofactor Diffie-Hellman (NIST SP 800-56A, 5.7.1.2): the
 * x-coordinate of [d]Q as a field-size byte string, with no key derivation applied. NIST curves
 * go through WebCrypto ECDH, SM2 (which WebCrypto lacks) through curves/sm2.ts's noble point.
 * All the curves have cofactor 1, so cofactor ECDH and plain ECDH are the same.
 *
 * AWS answers ValidationException for a PublicKey it cannot use: with no message when the
 * bytes are no SubjectPublicKeyInfo (as recorded), else with a message that says which check
 * failed.
 */
import { numberToBytesBE } from '@noble/curves/utils.js';
import { sm2 } from '../curves/sm2.js';
import { DerError } from '../der/asn1.js';
import { describeOid, ID_EC_PUBLIC_KEY } from '../der/oids.js';
import { type PublicKeyInfo, parseSubjectPublicKeyInfo } from '../der/parse-key.js';
import { decodeSubjectPublicKeyInfo } from '../der/subject-public-key-info.js';
import { bufferSource } from '../keypairs/bytes.js';
import { ecSpec } from '../keypairs/specs.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { KeySpec } from '../model/types.generated.js';
import type { PrivateKeyAccess } from './access.js';
import { readPrivateKey } from './keys.js';
import { invalidPublicKey } from './kms-errors.js';
import { nistWith } from './noble.js';
import { type KeyAgreementKeySpec, requireKeyAgreementSpec } from './specs.js';

/** Whether the bytes have the structure of a SubjectPublicKeyInfo, whatever its algorithm. */
function isSubjectPublicKeyInfo(der: Uint8Array): boolean {
  try {
    decodeSubjectPublicKeyInfo(der);
    return true;
  } catch {
    return false;
  }
}

/** The peer's SEC 1 point, after the checks AWS makes on a DeriveSharedSecret PublicKey. */
function peerPoint(spec: KeyAgreementKeySpec, peerSpki: Uint8Array): Uint8Array {
  const { curveOid } = ecSpec(spec, spec === 'SM2' ? 'sm2' : 'nist');
  let peer: PublicKeyInfo;
  try {
    peer = parseSubjectPublicKeyInfo(peerSpki);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    // Recorded from AWS: bytes that are no SubjectPublicKeyInfo at all get a
    // ValidationException with no message. One KMS cannot use is explained.
    throw invalidPublicKey(
      isSubjectPublicKeyInfo(peerSpki)
        ? `PublicKey is not a DER-encoded X.509 SubjectPublicKeyInfo that KMS can use: ${error.message}.`
        : '',
    );
  }
  if (peer.algorithmOid !== ID_EC_PUBLIC_KEY) {
    throw invalidPublicKey(
      `PublicKey has the algorithm ${describeOid(peer.algorithmOid)}; ECDH with key spec ${spec} needs an elliptic curve (id-ecPublicKey) key.`,
    );
  }
  if (peer.curveOid !== curveOid) {
    throw invalidPublicKey(
      `PublicKey is on the curve ${describeOid(peer.curveOid ?? '')}; key spec ${spec} uses ${describeOid(curveOid)}.`,
    );
  }
  return peer.publicKey;
}

const notOnCurve = (spec: KeyAgreementKeySpec) =>
  invalidPublicKey(`PublicKey is not a valid point on the curve of key spec ${spec}.`);

/** ECDH on a NIST curve: the point is checked (and decompressed) by noble, then WebCrypto. */
async function deriveNist(
  spec: Exclude<KeyAgreementKeySpec, 'SM2'>,
  access: PrivateKeyAccess,
  point: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const info = ecSpec(spec, 'nist');
  const namedCurve = info.webCrypto?.namedCurve;
  if (namedCurve === undefined) throw new Error(`${spec} has no WebCrypto curve`);
  let peer: CryptoKey;
  try {
    // fromBytes rejects points off the curve and the point at infinity.
    const uncompressed = nistWith[namedCurve](crypto).Point.fromBytes(point).toBytes(false);
    peer = await crypto.subtle.importKey(
      'raw',
      bufferSource(uncompressed),
      { name: 'ECDH', namedCurve },
      false,
      [],
    );
  } catch {
    throw notOnCurve(spec);
  }
  const key = await access.webCryptoKey(`ECDH/${namedCurve}`, { name: 'ECDH', namedCurve }, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: peer },
    key,
    info.keyBytes * 8,
  );
  return new Uint8Array(bits);
}

/** ECDH on the SM2 curve: x of [d]Q. */
async function deriveSm2(access: PrivateKeyAccess, point: Uint8Array): Promise<Uint8Array> {
  let peer: ReturnType<typeof sm2.Point.fromBytes>;
  try {
    peer = sm2.Point.fromBytes(point);
  } catch {
    throw notOnCurve('SM2');
  }
  const { privateKey } = await readPrivateKey('SM2', access);
  const d = sm2.Point.Fn.fromBytes(privateKey);
  return numberToBytesBE(peer.multiply(d).toAffine().x, sm2.Point.Fp.BYTES);
}

/** The raw ECDH shared secret between the KMS key and the peer's DER SPKI public key. */
export async function deriveSharedSecret(
  spec: KeySpec,
  access: PrivateKeyAccess,
  peerPublicKeySpki: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const keySpec = requireKeyAgreementSpec(spec);
  const point = peerPoint(keySpec, peerPublicKeySpki);
  return keySpec === 'SM2' ? deriveSm2(access, point) : deriveNist(keySpec, access, point, crypto);
}
