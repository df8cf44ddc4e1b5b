/**
 * RSAPublicKey and RSAPrivateKey, RFC 8017, A.1.1 and A.1.2:
 *
 *   RSAPublicKey ::= SEQUENCE {
 *       modulus           INTEGER,  -- n
 *       publicExponent    INTEGER   -- e
 *   }
 *
 *   RSAPrivateKey ::= SEQUENCE {
 *       version           Version,
 *       modulus           INTEGER,  -- n
 *       publicExponent    INTEGER,  -- e
 *       privateExponent   INTEGER,  -- d
 *       prime1            INTEGER,  -- p
 *       prime2            INTEGER,  -- q
 *       exponent1         INTEGER,  -- d mod (p-1)
 *       exponent2         INTEGER,  -- d mod (q-1)
 *       coefficient       INTEGER,  -- (inverse of q) mod p
 *       otherPrimeInfos   OtherPrimeInfos OPTIONAL
 *   }
 *
 *   Version ::= INTEGER { two-prime(0), multi(1) }
 *      (CONSTRAINED BY
 *      {-- version must be multi if otherPrimeInfos present --})
 *
 * Only two-prime keys are supported: WebCrypto and AWS KMS produce nothing else.
 */
import {
  DerError,
  decodeDer,
  derSequence,
  derSmallInteger,
  derUnsignedInteger,
  encodeDer,
  readSmallInteger,
  readUnsignedInteger,
  SequenceReader,
} from './asn1.js';

const TWO_PRIME = 0;

/** Integers are big-endian magnitudes without leading zeros. */
export interface RsaPublicKey {
  modulus: Uint8Array;
  publicExponent: Uint8Array;
}

export interface RsaPrivateKey extends RsaPublicKey {
  privateExponent: Uint8Array;
  prime1: Uint8Array;
  prime2: Uint8Array;
  exponent1: Uint8Array;
  exponent2: Uint8Array;
  coefficient: Uint8Array;
}

/** RSAPrivateKey's integer fields after `version`, in their order (RFC 8017, A.1.2). */
export const RSA_PRIVATE_KEY_FIELDS = [
  'modulus',
  'publicExponent',
  'privateExponent',
  'prime1',
  'prime2',
  'exponent1',
  'exponent2',
  'coefficient',
] as const satisfies readonly (keyof RsaPrivateKey)[];

export function encodeRsaPublicKey({ modulus, publicExponent }: RsaPublicKey): Uint8Array {
  return encodeDer(derSequence([derUnsignedInteger(modulus), derUnsignedInteger(publicExponent)]));
}

export function decodeRsaPublicKey(der: Uint8Array): RsaPublicKey {
  const what = 'RSAPublicKey';
  const fields = new SequenceReader(decodeDer(der, what), what);
  const modulus = readUnsignedInteger(fields.next('modulus'), `${what} modulus`);
  const publicExponent = readUnsignedInteger(
    fields.next('publicExponent'),
    `${what} publicExponent`,
  );
  fields.end();
  return { modulus, publicExponent };
}

export function encodeRsaPrivateKey(key: RsaPrivateKey): Uint8Array {
  return encodeDer(
    derSequence([
      derSmallInteger(TWO_PRIME),
      ...RSA_PRIVATE_KEY_FIELDS.map((field) => derUnsignedInteger(key[field])),
    ]),
  );
}

export function decodeRsaPrivateKey(der: Uint8Array): RsaPrivateKey {
  const what = 'RSAPrivateKey';
  const fields = new SequenceReader(decodeDer(der, what), what);
  const version = readSmallInteger(fields.next('version'), `${what} version`);
  if (version !== TWO_PRIME) {
    throw new DerError(`${what}: unsupported version ${version} (only two-prime keys, version 0)`);
  }
  const read = (field: (typeof RSA_PRIVATE_KEY_FIELDS)[number]) =>
    readUnsignedInteger(fields.next(field), `${what} ${field}`);
  const key: RsaPrivateKey = {
    modulus: read('modulus'),
    publicExponent: read('publicExponent'),
    privateExponent: read('privateExponent'),
    prime1: read('prime1'),
    prime2: read('prime2'),
    exponent1: read('exponent1'),
    exponent2: read('exponent2'),
    coefficient: read('coefficient'),
  };
  fields.end();
  return key;
}
