/**
 * The outline of DER bytes for viewers: each element's tag and byte range, read by asn1js.
 * Unlike the strict readers in asn1.ts, it accepts any well-formed definite-length
 * encoding, so that a viewer can show a damaged or foreign structure as it is.
 */
import * as asn1js from 'asn1js';
import { DerError } from './asn1.js';

export interface DerElement {
  /** The tag class bits of the identifier octet: 0 universal, 1 application, 2 context, 3 private. */
  tagClass: 0 | 1 | 2 | 3;
  constructed: boolean;
  tagNumber: number;
  /** Offsets into the bytes given: the whole element, and where its contents begin. */
  start: number;
  contentStart: number;
  end: number;
  /** The dotted value of an OBJECT IDENTIFIER. */
  oid?: string | undefined;
}

// A viewer only needs one level at a time: asn1js still checks the nested contents.
const LIMITS = { maxDepth: 32, maxNodes: 8192, parseEmbedded: false } as const;

/**
 * The consecutive elements in `bytes[from, to)`, each with its offsets in `bytes`; at most
 * `count` of them (the rest is not read).
 */
export function outlineDer(
  bytes: Uint8Array,
  from = 0,
  to = bytes.length,
  count = Number.POSITIVE_INFINITY,
): DerElement[] {
  const elements: DerElement[] = [];
  let at = from;
  while (at < to && elements.length < count) {
    let parsed: ReturnType<typeof asn1js.fromBER>;
    try {
      parsed = asn1js.fromBER(bytes.subarray(at, to), LIMITS);
    } catch (error) {
      throw new DerError(`malformed DER at byte ${at} (${(error as Error).message})`);
    }
    const { offset, result } = parsed;
    if (offset === -1) throw new DerError(`malformed DER at byte ${at} (${result.error})`);
    if (result.lenBlock.isIndefiniteForm)
      throw new DerError(`indefinite length at byte ${at}: DER has definite lengths only`);
    const headerLength = result.idBlock.blockLength + result.lenBlock.blockLength;
    elements.push({
      // asn1js numbers the classes from 1.
      tagClass: (result.idBlock.tagClass - 1) as DerElement['tagClass'],
      constructed: result.idBlock.isConstructed,
      tagNumber: result.idBlock.tagNumber,
      start: at,
      contentStart: at + headerLength,
      end: at + offset,
      oid: result instanceof asn1js.ObjectIdentifier ? result.valueBlock.toString() : undefined,
    });
    at += offset;
  }
  return elements;
}
