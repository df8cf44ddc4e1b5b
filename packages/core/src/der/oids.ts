/**
 * Object identifiers for the keys and curves of the data key pair and KMS key specs, each with the
 * ASN.1 definition it comes from, and a lookup from OID to a human-readable name.
 */

/*
 * RFC 8017, Appendix A.1 and A.2.4:
 *   pkcs-1 OBJECT IDENTIFIER ::= {
 *       iso(1) member-body(2) us(840) rsadsi(113549) pkcs(1) 1 }
 */

/** RFC 8017: `rsaEncryption OBJECT IDENTIFIER ::= { pkcs-1 1 }`. */
export const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
/** RFC 8017: `id-RSAES-OAEP OBJECT IDENTIFIER ::= { pkcs-1 7 }`. */
export const ID_RSAES_OAEP = '1.2.840.113549.1.1.7';
/** RFC 8017: `id-RSASSA-PSS OBJECT IDENTIFIER ::= { pkcs-1 10 }`. */
export const ID_RSASSA_PSS = '1.2.840.113549.1.1.10';
/** RFC 8017: `sha256WithRSAEncryption OBJECT IDENTIFIER ::= { pkcs-1 11 }`. */
export const SHA256_WITH_RSA_ENCRYPTION = '1.2.840.113549.1.1.11';
/** RFC 8017: `sha384WithRSAEncryption OBJECT IDENTIFIER ::= { pkcs-1 12 }`. */
export const SHA384_WITH_RSA_ENCRYPTION = '1.2.840.113549.1.1.12';
/** RFC 8017: `sha512WithRSAEncryption OBJECT IDENTIFIER ::= { pkcs-1 13 }`. */
export const SHA512_WITH_RSA_ENCRYPTION = '1.2.840.113549.1.1.13';

/**
 * RFC 5480, 2.1.1:
 *   id-ecPublicKey OBJECT IDENTIFIER ::= {
 *     iso(1) member-body(2) us(840) ansi-X9-62(10045) keyType(2) 1 }
 */
export const ID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';

/**
 * RFC 5480, 2.1.1.1 (NIST P-256, OpenSSL's prime256v1):
 *   secp256r1 OBJECT IDENTIFIER ::= {
 *     iso(1) member-body(2) us(840) ansi-X9-62(10045) curves(3)
 *     prime(1) 7 }
 */
export const SECP256R1 = '1.2.840.10045.3.1.7';

/**
 * RFC 5480, 2.1.1.1 (NIST P-384):
 *   secp384r1 OBJECT IDENTIFIER ::= {
 *     iso(1) identified-organization(3) certicom(132) curve(0) 34 }
 */
export const SECP384R1 = '1.3.132.0.34';

/**
 * RFC 5480, 2.1.1.1 (NIST P-521):
 *   secp521r1 OBJECT IDENTIFIER ::= {
 *     iso(1) identified-organization(3) certicom(132) curve(0) 35 }
 */
export const SECP521R1 = '1.3.132.0.35';

/**
 * SEC 2 v2.0, A.2.1 (no RFC defines it):
 *   secp256k1 OBJECT IDENTIFIER ::= {
 *     iso(1) identified-organization(3) certicom(132) curve(0) 10 }
 */
export const SECP256K1 = '1.3.132.0.10';

/**
 * GM/T 0006-2012 (GB/T 33560-2017), the SM2 elliptic curve; no RFC defines it. Used as the
 * namedCurve of an id-ecPublicKey key, as OpenSSL 3 and AWS KMS encode SM2 keys:
 *   sm2 OBJECT IDENTIFIER ::= {
 *     iso(1) member-body(2) cn(156) oscca(10197) 1 301 }
 */
export const SM2_CURVE = '1.2.156.10197.1.301';
/** GM/T 0006-2012: `sm3 OBJECT IDENTIFIER ::= { 1 2 156 10197 1 401 }`. */
export const SM3 = '1.2.156.10197.1.401';
/** GM/T 0006-2012: `sm2-with-sm3 OBJECT IDENTIFIER ::= { 1 2 156 10197 1 501 }`. */
export const SM2_WITH_SM3 = '1.2.156.10197.1.501';

/** RFC 8410, 3: `id-X25519 OBJECT IDENTIFIER ::= { 1 3 101 110 }`. */
export const ID_X25519 = '1.3.101.110';
/** RFC 8410, 3: `id-X448 OBJECT IDENTIFIER ::= { 1 3 101 111 }`. */
export const ID_X448 = '1.3.101.111';
/** RFC 8410, 3: `id-Ed25519 OBJECT IDENTIFIER ::= { 1 3 101 112 }`. */
export const ID_ED25519 = '1.3.101.112';
/** RFC 8410, 3: `id-Ed448 OBJECT IDENTIFIER ::= { 1 3 101 113 }`. */
export const ID_ED448 = '1.3.101.113';

/*
 * RFC 5758, 3.2:
 *   ecdsa-with-SHA256 OBJECT IDENTIFIER ::= { iso(1) member-body(2)
 *        us(840) ansi-X9-62(10045) signatures(4) ecdsa-with-SHA2(3) 2 }
 *   ecdsa-with-SHA384 ... ecdsa-with-SHA2(3) 3 }
 *   ecdsa-with-SHA512 ... ecdsa-with-SHA2(3) 4 }
 */
export const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
export const ECDSA_WITH_SHA384 = '1.2.840.10045.4.3.3';
export const ECDSA_WITH_SHA512 = '1.2.840.10045.4.3.4';

/*
 * RFC 8017, Appendix A.2.4 (the hash functions of PKCS #1 v1.5 signature DigestInfo):
 *   id-sha256    OBJECT IDENTIFIER ::= {
 *       joint-iso-itu-t (2) country (16) us (840) organization (1)
 *       gov (101) csor (3) nistalgorithm (4) hashalgs (2) 1
 *   }
 *   id-sha384    ... hashalgs (2) 2 }
 *   id-sha512    ... hashalgs (2) 3 }
 */
export const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const ID_SHA384 = '2.16.840.1.101.3.4.2.2';
export const ID_SHA512 = '2.16.840.1.101.3.4.2.3';

/*
 * ML-DSA (FIPS 204), draft-ietf-lamps-dilithium-certificates, module X509-ML-DSA-2025:
 *   nistAlgorithms OBJECT IDENTIFIER ::= { joint-iso-itu-t(2)
 *     country(16) us(840) organization(1) gov(101) csor(3)
 *     nistAlgorithms(4) }
 *   sigAlgs OBJECT IDENTIFIER ::= { nistAlgorithms 3 }
 *   id-ml-dsa-44 OBJECT IDENTIFIER ::= { sigAlgs 17 }
 *   id-ml-dsa-65 OBJECT IDENTIFIER ::= { sigAlgs 18 }
 *   id-ml-dsa-87 OBJECT IDENTIFIER ::= { sigAlgs 19 }
 */
export const ID_ML_DSA_44 = '2.16.840.1.101.3.4.3.17';
export const ID_ML_DSA_65 = '2.16.840.1.101.3.4.3.18';
export const ID_ML_DSA_87 = '2.16.840.1.101.3.4.3.19';

/*
 * ML-KEM (FIPS 203), draft-ietf-lamps-kyber-certificates, module X509-ML-KEM-2025:
 *   kems OBJECT IDENTIFIER ::= { nistAlgorithms 4 }
 *   id-alg-ml-kem-512 OBJECT IDENTIFIER ::= { kems 1 }
 *   id-alg-ml-kem-768 OBJECT IDENTIFIER ::= { kems 2 }
 *   id-alg-ml-kem-1024 OBJECT IDENTIFIER ::= { kems 3 }
 */
export const ID_ALG_ML_KEM_512 = '2.16.840.1.101.3.4.4.1';
export const ID_ALG_ML_KEM_768 = '2.16.840.1.101.3.4.4.2';
export const ID_ALG_ML_KEM_1024 = '2.16.840.1.101.3.4.4.3';

/** Human-readable names, for error messages and for a UI that shows key structures. */
export const OID_NAMES: Readonly<Record<string, string>> = {
  [RSA_ENCRYPTION]: 'rsaEncryption',
  [ID_RSAES_OAEP]: 'id-RSAES-OAEP',
  [ID_RSASSA_PSS]: 'id-RSASSA-PSS',
  [SHA256_WITH_RSA_ENCRYPTION]: 'sha256WithRSAEncryption',
  [SHA384_WITH_RSA_ENCRYPTION]: 'sha384WithRSAEncryption',
  [SHA512_WITH_RSA_ENCRYPTION]: 'sha512WithRSAEncryption',
  [ID_EC_PUBLIC_KEY]: 'id-ecPublicKey',
  [SECP256R1]: 'secp256r1 (NIST P-256)',
  [SECP384R1]: 'secp384r1 (NIST P-384)',
  [SECP521R1]: 'secp521r1 (NIST P-521)',
  [SECP256K1]: 'secp256k1',
  [SM2_CURVE]: 'SM2',
  [SM3]: 'SM3',
  [SM2_WITH_SM3]: 'SM2-with-SM3',
  [ID_X25519]: 'id-X25519',
  [ID_X448]: 'id-X448',
  [ID_ED25519]: 'id-Ed25519',
  [ID_ED448]: 'id-Ed448',
  [ECDSA_WITH_SHA256]: 'ecdsa-with-SHA256',
  [ECDSA_WITH_SHA384]: 'ecdsa-with-SHA384',
  [ECDSA_WITH_SHA512]: 'ecdsa-with-SHA512',
  [ID_SHA256]: 'id-sha256',
  [ID_SHA384]: 'id-sha384',
  [ID_SHA512]: 'id-sha512',
  [ID_ML_DSA_44]: 'id-ml-dsa-44',
  [ID_ML_DSA_65]: 'id-ml-dsa-65',
  [ID_ML_DSA_87]: 'id-ml-dsa-87',
  [ID_ALG_ML_KEM_512]: 'id-alg-ml-kem-512',
  [ID_ALG_ML_KEM_768]: 'id-alg-ml-kem-768',
  [ID_ALG_ML_KEM_1024]: 'id-alg-ml-kem-1024',
};

/** The name of an OID, or undefined when it is not one this package knows. */
export function oidName(oid: string): string | undefined {
  return Object.hasOwn(OID_NAMES, oid) ? OID_NAMES[oid] : undefined;
}

/** `name (oid)` when the OID is known, else the dotted OID alone. */
export function describeOid(oid: string): string {
  const name = oidName(oid);
  return name === undefined ? oid : `${name} (${oid})`;
}
