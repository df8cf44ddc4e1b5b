/**
 * PrivateKeyInfo / OneAsymmetricKey, RFC 5958, 2 (PKCS #8; the module uses IMPLICIT TAGS):
 *
 *   OneAsymmetricKey ::= SEQUENCE {
 *     version                   Version,
 *     privateKeyAlgorithm       PrivateKeyAlgorithmIdentifier,
 *     privateKey                PrivateKey,
 *     attributes            [0] Attributes OPTIONAL,
 *     ...,
 *     [[2: publicKey        [1] PublicKey OPTIONAL ]],
 *     ...
 *   }
 *
 *   PrivateKeyInfo ::= OneAsymmetricKey
 *
 *   Version ::= INTEGER { v1(0), v2(1) } (v1, ..., v2)
 *
 *   PrivateKeyAlgorithmIdentifier ::= AlgorithmIdentifier
 *                                      { PUBLIC-KEY,
 *                                        { PrivateKeyAlgorithms } }
 *
 *   PrivateKey ::= OCTET STRING
 *                    -- Content varies based on type of key.  The
 *                    -- algorithm identifier dictates the format of
 *                    -- the key.
 *
 *   PublicKey ::= BIT STRING
 *
 *   Attributes ::= SET OF Attribute { { OneAsymmetricKeyAttributes } }
 */
import {
  type AlgorithmIdentifier,
  algorithmIdentifierBlock,
  type EncodableParameters,
  readAlgorithmIdentifier,
} from './algorithm-identifier.js';
import {
  type Block,
  DerError,
  decodeDer,
  derImplicitBitString,
  derOctetString,
  derSequence,
  derSmallInteger,
  encodeDer,
  hasContextTag,
  readImplicitBitString,
  readImplicitConstructed,
  readOctetString,
  readSmallInteger,
  SequenceReader,
} from './asn1.js';

const VERSION_V1 = 0;
const VERSION_V2 = 1;

export interface OneAsymmetricKey {
  /** 0 (v1) or 1 (v2, required when publicKey is present). */
  version: 0 | 1;
  privateKeyAlgorithm: AlgorithmIdentifier;
  /** The PrivateKey OCTET STRING content, whose format the algorithm dictates. */
  privateKey: Uint8Array;
  /** Whether an attributes [0] field was present; this package does not interpret them. */
  hasAttributes: boolean;
  publicKey: Uint8Array | undefined;
}

/** Encodes a v1 PrivateKeyInfo, or a v2 OneAsymmetricKey when a public key is given. */
export function encodeOneAsymmetricKey(
  algorithmOid: string,
  parameters: EncodableParameters,
  privateKey: Uint8Array,
  publicKey?: Uint8Array,
): Uint8Array {
  const fields: Block[] = [
    derSmallInteger(publicKey === undefined ? VERSION_V1 : VERSION_V2),
    algorithmIdentifierBlock(algorithmOid, parameters),
    derOctetString(privateKey),
  ];
  if (publicKey !== undefined) fields.push(derImplicitBitString(1, publicKey));
  return encodeDer(derSequence(fields));
}

export function decodeOneAsymmetricKey(der: Uint8Array): OneAsymmetricKey {
  const what = 'PrivateKeyInfo';
  const fields = new SequenceReader(decodeDer(der, what), what);
  const rawVersion = readSmallInteger(fields.next('version'), `${what} version`);
  if (rawVersion !== VERSION_V1 && rawVersion !== VERSION_V2) {
    throw new DerError(`${what}: unsupported version ${rawVersion} (expected 0 or 1)`);
  }
  const version = rawVersion === VERSION_V1 ? VERSION_V1 : VERSION_V2;
  const privateKeyAlgorithm = readAlgorithmIdentifier(
    fields.next('privateKeyAlgorithm'),
    `${what} privateKeyAlgorithm`,
  );
  const privateKey = readOctetString(fields.next('privateKey'), `${what} privateKey`);
  const attributes = fields.optional((block) => hasContextTag(block, 0));
  if (attributes !== undefined) readImplicitConstructed(attributes, 0, `${what} attributes`);
  const publicKeyBlock = fields.optional((block) => hasContextTag(block, 1));
  const publicKey =
    publicKeyBlock === undefined
      ? undefined
      : readImplicitBitString(publicKeyBlock, 1, `${what} publicKey`);
  fields.end();
  if (publicKey !== undefined && version !== VERSION_V2) {
    throw new DerError(`${what}: publicKey [1] requires version 1 (v2)`);
  }
  return {
    version,
    privateKeyAlgorithm,
    privateKey,
    hasAttributes: attributes !== undefined,
    publicKey,
  };
}
