/**
 * AlgorithmIdentifier, RFC 5280, 4.1.1.2:
 *
 *   AlgorithmIdentifier  ::=  SEQUENCE  {
 *        algorithm               OBJECT IDENTIFIER,
 *        parameters              ANY DEFINED BY algorithm OPTIONAL  }
 *
 * The parameters this package meets: NULL for rsaEncryption (RFC 8017, A.1), absent for
 * id-Ed25519 (RFC 8410, 3), and for id-ecPublicKey the ECParameters of RFC 5480, 2.1.1:
 *
 *   ECParameters ::= CHOICE {
 *     namedCurve         OBJECT IDENTIFIER
 *     -- implicitCurve   NULL
 *     -- specifiedCurve  SpecifiedECDomain
 *   }
 */
import * as asn1js from 'asn1js';
import {
  type Block,
  derNull,
  derOid,
  derSequence,
  readNull,
  readOid,
  SequenceReader,
} from './asn1.js';

export type AlgorithmParameters =
  | { kind: 'absent' }
  | { kind: 'null' }
  /** An OBJECT IDENTIFIER, such as the namedCurve of an id-ecPublicKey key. */
  | { kind: 'oid'; oid: string }
  /** Anything else (e.g. RSASSA-PSS-params, specifiedCurve), kept as its DER. */
  | { kind: 'other'; der: Uint8Array };

export interface AlgorithmIdentifier {
  oid: string;
  parameters: AlgorithmParameters;
}

/** The parameters this package writes; 'other' is only ever read. */
export type EncodableParameters = Exclude<AlgorithmParameters, { kind: 'other' }>;

export function algorithmIdentifierBlock(
  oid: string,
  parameters: EncodableParameters,
): asn1js.Sequence {
  switch (parameters.kind) {
    case 'absent':
      return derSequence([derOid(oid)]);
    case 'null':
      return derSequence([derOid(oid), derNull()]);
    case 'oid':
      return derSequence([derOid(oid), derOid(parameters.oid)]);
  }
}

export function readAlgorithmIdentifier(block: Block, what: string): AlgorithmIdentifier {
  const fields = new SequenceReader(block, what);
  const oid = readOid(fields.next('algorithm'), `${what} algorithm`);
  const parametersBlock = fields.optional(() => true);
  fields.end();
  return { oid, parameters: readParameters(parametersBlock, `${what} parameters`) };
}

function readParameters(block: Block | undefined, what: string): AlgorithmParameters {
  if (block === undefined) return { kind: 'absent' };
  if (block instanceof asn1js.Null) {
    readNull(block, what);
    return { kind: 'null' };
  }
  if (block instanceof asn1js.ObjectIdentifier) return { kind: 'oid', oid: readOid(block, what) };
  return { kind: 'other', der: block.valueBeforeDecodeView.slice() };
}
