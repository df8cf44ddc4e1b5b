/**
 * SubjectPublicKeyInfo, RFC 5280, 4.1:
 *
 *   SubjectPublicKeyInfo  ::=  SEQUENCE  {
 *        algorithm            AlgorithmIdentifier,
 *        subjectPublicKey     BIT STRING  }
 */
import {
  type AlgorithmIdentifier,
  algorithmIdentifierBlock,
  type EncodableParameters,
  readAlgorithmIdentifier,
} from './algorithm-identifier.js';
import {
  decodeDer,
  derBitString,
  derSequence,
  encodeDer,
  readBitString,
  SequenceReader,
} from './asn1.js';

export interface SubjectPublicKeyInfo {
  algorithm: AlgorithmIdentifier;
  subjectPublicKey: Uint8Array;
}

export function encodeSubjectPublicKeyInfo(
  algorithmOid: string,
  parameters: EncodableParameters,
  subjectPublicKey: Uint8Array,
): Uint8Array {
  return encodeDer(
    derSequence([
      algorithmIdentifierBlock(algorithmOid, parameters),
      derBitString(subjectPublicKey),
    ]),
  );
}

export function decodeSubjectPublicKeyInfo(der: Uint8Array): SubjectPublicKeyInfo {
  const what = 'SubjectPublicKeyInfo';
  const fields = new SequenceReader(decodeDer(der, what), what);
  const algorithm = readAlgorithmIdentifier(fields.next('algorithm'), `${what} algorithm`);
  const subjectPublicKey = readBitString(
    fields.next('subjectPublicKey'),
    `${what} subjectPublicKey`,
  );
  fields.end();
  return { algorithm, subjectPublicKey };
}
