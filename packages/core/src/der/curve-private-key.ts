/**
 * CurvePrivateKey, RFC 8410, 7: the PKCS #8 privateKey content of X25519, X448, Ed25519
 * and Ed448 keys, wrapping the raw key (for Ed25519 the 32-byte seed of RFC 8032, 5.1.5):
 *
 *   CurvePrivateKey ::= OCTET STRING
 */
import { decodeDer, derOctetString, encodeDer, readOctetString } from './asn1.js';

export function encodeCurvePrivateKey(key: Uint8Array): Uint8Array {
  return encodeDer(derOctetString(key));
}

export function decodeCurvePrivateKey(der: Uint8Array): Uint8Array {
  const what = 'CurvePrivateKey';
  return readOctetString(decodeDer(der, what), what);
}
