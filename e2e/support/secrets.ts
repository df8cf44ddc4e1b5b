import type { KeyObject } from 'node:crypto';
import type { StorageDump } from './storage';

/**
 * Every form a plaintext private key could be stored in: the PKCS #8 DER bytes (as the
 * page wrote them and as OpenSSL re-encodes them), the raw private scalar or seed, and
 * their base64, hex and PEM-body text.
 */
export function privateKeyNeedles(pagePkcs8: Buffer, privateKey: KeyObject) {
  const der = [pagePkcs8, privateKey.export({ format: 'der', type: 'pkcs8' })];
  try {
    const jwk = privateKey.export({ format: 'jwk' });
    if (jwk.d) der.push(Buffer.from(jwk.d, 'base64url'));
  } catch {
    // OpenSSL has no JWK form for SM2; the PKCS #8 forms still cover it.
  }
  return needlesOf(der);
}

/**
 * The same needles for keys Node 20's OpenSSL cannot read (ML-KEM): the page's PKCS #8 and
 * the seed or key bytes inside it, given as they are.
 */
export function needlesOf(der: Buffer[]) {
  const text = der.flatMap((bytes) => {
    const base64 = bytes.toString('base64');
    return [
      base64,
      bytes.toString('base64url'),
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      // The first PEM line alone: a PEM body split by any line length starts with it.
      base64.slice(0, 64),
    ];
  });
  return { der, text };
}

/** The needles found in the dump (an empty list when none is). */
export function findSecrets(dump: StorageDump, needles: { der: Buffer[]; text: string[] }) {
  const bytes = Buffer.from(dump.bytesBase64, 'base64');
  const found: string[] = [];
  for (const der of needles.der)
    if (bytes.includes(der)) found.push(`DER bytes (${der.length}) in a stored byte array`);
  for (const text of needles.text)
    if (dump.text.includes(text)) found.push(`text ${text.slice(0, 24)}… in a stored string`);
  return found;
}

/**
 * The bytes that open a PKCS #8 PrivateKeyInfo of each key type, up to the private key's
 * OCTET STRING: version 0 then the AlgorithmIdentifier. A SubjectPublicKeyInfo has the same
 * AlgorithmIdentifier but no version before it, so a stored public key does not match;
 * a private key stored in the clear does.
 */
export const PKCS8_PREFIXES = {
  'P-256': Buffer.from('020100301306072a8648ce3d020106082a8648ce3d030107', 'hex'),
  RSA: Buffer.from('020100300d06092a864886f70d0101010500', 'hex'),
} as const;
