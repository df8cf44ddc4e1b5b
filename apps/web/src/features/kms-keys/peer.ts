import {
  generateKeyPair,
  parsePrivateKeyInfo,
  parseSubjectPublicKeyInfo,
  sm2,
} from '@kms-lab/core';
import { numberToBytesBE } from '@noble/curves/utils.js';

/** The KEY_AGREEMENT key specs; ECDH is their one algorithm. */
export type AgreementSpec = 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521' | 'SM2';

/** WebCrypto's curve, and the shared secret's length: the field size, 66 bytes for P-521. */
const NIST_CURVES = {
  ECC_NIST_P256: { namedCurve: 'P-256', bits: 256 },
  ECC_NIST_P384: { namedCurve: 'P-384', bits: 384 },
  ECC_NIST_P521: { namedCurve: 'P-521', bits: 528 },
} as const;

export const isAgreementSpec = (spec: string): spec is AgreementSpec =>
  spec === 'SM2' || Object.hasOwn(NIST_CURVES, spec);

/**
 * The other party of a key agreement, made in the page so a learner can try
 * DeriveSharedSecret. Its private half stays in this tab's memory: a non-extractable
 * CryptoKey on the NIST curves; PKCS #8 bytes for SM2, which WebCrypto lacks.
 */
export interface PeerKeyPair {
  spec: AgreementSpec;
  /** DER SubjectPublicKeyInfo: what DeriveSharedSecret takes as PublicKey. */
  publicKey: Uint8Array;
  /** The peer's side of ECDH with the KMS key's public key (DER SPKI): x of [d]Q. */
  deriveWith(kmsPublicKey: Uint8Array): Promise<Uint8Array>;
}

export async function makePeerKeyPair(spec: AgreementSpec): Promise<PeerKeyPair> {
  if (spec === 'SM2') {
    const pair = await generateKeyPair('SM2', crypto);
    return {
      spec,
      publicKey: pair.publicKey,
      deriveWith: async (kmsPublicKey) => {
        const d = sm2.Point.Fn.fromBytes(parsePrivateKeyInfo(pair.privateKey).privateKey);
        const point = sm2.Point.fromBytes(parseSubjectPublicKeyInfo(kmsPublicKey).publicKey);
        return numberToBytesBE(point.multiply(d).toAffine().x, sm2.Point.Fp.BYTES);
      },
    };
  }
  const { namedCurve, bits } = NIST_CURVES[spec];
  const algorithm = { name: 'ECDH', namedCurve };
  // Not extractable: the private key cannot leave WebCrypto; a public key always can.
  const pair = await crypto.subtle.generateKey(algorithm, false, ['deriveBits']);
  return {
    spec,
    publicKey: new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)),
    deriveWith: async (kmsPublicKey) => {
      const kms = await crypto.subtle.importKey(
        'spki',
        kmsPublicKey as Uint8Array<ArrayBuffer>,
        algorithm,
        false,
        [],
      );
      return new Uint8Array(
        await crypto.subtle.deriveBits({ name: 'ECDH', public: kms }, pair.privateKey, bits),
      );
    },
  };
}
