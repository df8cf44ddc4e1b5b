/**
 * Strict DER reading and writing over asn1js.
 *
 * asn1js parses BER, which is laxer than DER; the readers here add the DER rules that
 * matter for keys (definite, minimal lengths; single-byte tags; minimal INTEGERs;
 * primitive strings; no trailing bytes) so that a structure is accepted in one encoding only.
 */
import * as asn1js from 'asn1js';

/** A malformed or unsupported DER structure. */
export class DerError extends Error {
  override name = 'DerError';
}

// Keys are shallow and small; these caps keep hostile input from costing much.
const PARSE_LIMITS = { maxDepth: 16, maxNodes: 4096, parseEmbedded: false } as const;

const TAG_CLASS_UNIVERSAL = 1;
const TAG_CLASS_CONTEXT = 3;

/** Names of the UNIVERSAL tags (X.680, 8.6) found in keys and in the types around them. */
export const UNIVERSAL_TAG_NAMES: Readonly<Record<number, string>> = {
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BIT STRING',
  4: 'OCTET STRING',
  5: 'NULL',
  6: 'OBJECT IDENTIFIER',
  12: 'UTF8String',
  16: 'SEQUENCE',
  17: 'SET',
  19: 'PrintableString',
  22: 'IA5String',
  23: 'UTCTime',
  24: 'GeneralizedTime',
};

export type Block = asn1js.BaseBlock;

/** Parses one complete DER value; `what` names the structure in error messages. */
export function decodeDer(der: Uint8Array, what: string): Block {
  if (!(der instanceof Uint8Array)) throw new DerError(`${what}: expected bytes`);
  if (der.length === 0) throw new DerError(`${what}: empty input`);
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(der, PARSE_LIMITS);
  } catch (error) {
    // asn1js throws, rather than reports, on some contents (e.g. malformed time strings).
    const reason = error instanceof Error ? error.message : String(error);
    throw new DerError(`${what}: malformed DER (${reason})`);
  }
  const { offset, result } = parsed;
  if (offset === -1) {
    throw new DerError(`${what}: malformed DER (${result.error || 'unparseable'})`);
  }
  if (offset !== der.length) {
    throw new DerError(`${what}: ${der.length - offset} trailing byte(s) after the DER value`);
  }
  checkNesting(result, what);
  return result;
}

/**
 * asn1js lets the last element of a constructed value run past its parent's length; DER (and
 * BER) require the elements to fill the parent's contents exactly.
 */
function checkNesting(block: Block, what: string): void {
  const { idBlock, lenBlock } = block;
  if (lenBlock.isIndefiniteForm) return; // Rejected where the block is read.
  if (block.blockLength !== idBlock.blockLength + lenBlock.blockLength + lenBlock.length) {
    throw new DerError(`${what}: an element overruns its declared length`);
  }
  if (!idBlock.isConstructed) return;
  const children = elementsOf(block);
  const total = children.reduce((sum, child) => sum + child.blockLength, 0);
  if (total !== lenBlock.length) {
    throw new DerError(
      `${what}: elements overrun or underfill their enclosing ${describeTag(block)}`,
    );
  }
  for (const child of children) checkNesting(child, what);
}

/** The elements of a constructed block: SEQUENCE, SET, [n], or a BER-constructed string. */
function elementsOf(block: Block): Block[] {
  if (block instanceof asn1js.Constructed) return block.valueBlock.value;
  if (block instanceof asn1js.OctetString || block instanceof asn1js.BitString) {
    return block.valueBlock.value;
  }
  return [];
}

/** Encodes a block built with the writers below. */
export function encodeDer(block: Block): Uint8Array {
  return new Uint8Array(block.toBER());
}

function describeTag(block: Block): string {
  const { tagClass, tagNumber, isConstructed } = block.idBlock;
  if (tagClass === TAG_CLASS_UNIVERSAL) {
    const name = UNIVERSAL_TAG_NAMES[tagNumber] ?? `UNIVERSAL ${tagNumber}`;
    const normallyConstructed = tagNumber === 16 || tagNumber === 17;
    if (isConstructed === normallyConstructed) return name;
    return `${name} (${isConstructed ? 'constructed' : 'primitive'})`;
  }
  if (tagClass === TAG_CLASS_CONTEXT) return `[${tagNumber}]${isConstructed ? '' : ' (primitive)'}`;
  return `tag class ${tagClass} number ${tagNumber}`;
}

function expectTag(
  block: Block,
  tagClass: number,
  tagNumber: number,
  constructed: boolean,
  expected: string,
  what: string,
): void {
  const id = block.idBlock;
  if (id.tagClass !== tagClass || id.tagNumber !== tagNumber || id.isConstructed !== constructed) {
    throw new DerError(`${what}: expected ${expected}, found ${describeTag(block)}`);
  }
  // DER: tags below 31 use the one-byte form; lengths are definite and minimal.
  if (id.blockLength !== 1) throw new DerError(`${what}: tag is not in its one-byte form`);
  const length = block.lenBlock;
  if (length.isIndefiniteForm) throw new DerError(`${what}: indefinite length is not DER`);
  if (length.warnings.length > 0) throw new DerError(`${what}: length is not minimally encoded`);
}

/** Reads the elements of a SEQUENCE. */
export function readSequence(block: Block, what: string): Block[] {
  expectTag(block, TAG_CLASS_UNIVERSAL, 16, true, 'SEQUENCE', what);
  if (!(block instanceof asn1js.Sequence)) throw new DerError(`${what}: expected SEQUENCE`);
  return block.valueBlock.value;
}

/** Reads a non-negative INTEGER as its big-endian magnitude without leading zeros. */
export function readUnsignedInteger(block: Block, what: string): Uint8Array {
  expectTag(block, TAG_CLASS_UNIVERSAL, 2, false, 'INTEGER', what);
  if (!(block instanceof asn1js.Integer)) throw new DerError(`${what}: expected INTEGER`);
  const content = block.valueBlock.valueHexView;
  const [first, second] = content;
  if (first === undefined) throw new DerError(`${what}: INTEGER has no content`);
  if (
    second !== undefined &&
    ((first === 0 && second < 0x80) || (first === 0xff && second >= 0x80))
  ) {
    throw new DerError(`${what}: INTEGER is not minimally encoded`);
  }
  if (first >= 0x80) throw new DerError(`${what}: INTEGER must not be negative`);
  return first === 0 && second !== undefined ? content.slice(1) : content.slice();
}

/** Reads a small non-negative INTEGER, such as a version number. */
export function readSmallInteger(block: Block, what: string): number {
  const magnitude = readUnsignedInteger(block, what);
  if (magnitude.length > 4) throw new DerError(`${what}: INTEGER is too large`);
  return magnitude.reduce((value, byte) => value * 256 + byte, 0);
}

/** Reads an OBJECT IDENTIFIER in dotted form. */
export function readOid(block: Block, what: string): string {
  expectTag(block, TAG_CLASS_UNIVERSAL, 6, false, 'OBJECT IDENTIFIER', what);
  if (!(block instanceof asn1js.ObjectIdentifier)) {
    throw new DerError(`${what}: expected OBJECT IDENTIFIER`);
  }
  const oid = block.getValue();
  // Re-encoding catches what asn1js tolerates: empty content and padded sub-identifiers.
  const canonical = encodeDer(new asn1js.ObjectIdentifier({ value: oid }));
  if (oid === '' || !sameBytes(canonical, block.valueBeforeDecodeView)) {
    throw new DerError(`${what}: OBJECT IDENTIFIER is not canonically encoded`);
  }
  return oid;
}

/** Reads the content of a primitive OCTET STRING. */
export function readOctetString(block: Block, what: string): Uint8Array {
  expectTag(block, TAG_CLASS_UNIVERSAL, 4, false, 'OCTET STRING', what);
  if (!(block instanceof asn1js.OctetString)) throw new DerError(`${what}: expected OCTET STRING`);
  return block.valueBlock.valueHexView.slice();
}

/** Reads a primitive BIT STRING made of whole bytes, as keys always are. */
export function readBitString(block: Block, what: string): Uint8Array {
  expectTag(block, TAG_CLASS_UNIVERSAL, 3, false, 'BIT STRING', what);
  if (!(block instanceof asn1js.BitString)) throw new DerError(`${what}: expected BIT STRING`);
  // asn1js accepts a BIT STRING without its unused-bits octet; DER requires it.
  if (block.lenBlock.length === 0) throw new DerError(`${what}: BIT STRING has no content`);
  if (block.valueBlock.unusedBits !== 0) {
    throw new DerError(`${what}: BIT STRING must be a whole number of bytes`);
  }
  return block.valueBlock.valueHexView.slice();
}

/** Reads a NULL. */
export function readNull(block: Block, what: string): void {
  expectTag(block, TAG_CLASS_UNIVERSAL, 5, false, 'NULL', what);
  if (block.lenBlock.length !== 0) throw new DerError(`${what}: NULL must be empty`);
}

/** Whether a block is the context-specific tag `[tagNumber]`, of either form. */
export function hasContextTag(block: Block | undefined, tagNumber: number): boolean {
  return block?.idBlock.tagClass === TAG_CLASS_CONTEXT && block.idBlock.tagNumber === tagNumber;
}

/** Reads an EXPLICIT `[tagNumber]` wrapper and returns the single value inside. */
export function readExplicit(block: Block, tagNumber: number, what: string): Block {
  expectTag(block, TAG_CLASS_CONTEXT, tagNumber, true, `[${tagNumber}]`, what);
  if (!(block instanceof asn1js.Constructed))
    throw new DerError(`${what}: expected [${tagNumber}]`);
  const [inner, extra] = block.valueBlock.value;
  if (inner === undefined || extra !== undefined) {
    throw new DerError(`${what}: [${tagNumber}] must hold exactly one value`);
  }
  return inner;
}

/** Reads an IMPLICIT `[tagNumber]` BIT STRING made of whole bytes. */
export function readImplicitBitString(block: Block, tagNumber: number, what: string): Uint8Array {
  expectTag(block, TAG_CLASS_CONTEXT, tagNumber, false, `[${tagNumber}] BIT STRING`, what);
  if (!(block instanceof asn1js.Primitive)) throw new DerError(`${what}: expected [${tagNumber}]`);
  const content = block.valueBlock.valueHexView;
  if (content[0] === undefined) throw new DerError(`${what}: BIT STRING has no content`);
  if (content[0] !== 0) throw new DerError(`${what}: BIT STRING must be a whole number of bytes`);
  return content.slice(1);
}

/** Reads an IMPLICIT `[tagNumber]` OCTET STRING, primitive as DER requires. */
export function readImplicitOctetString(block: Block, tagNumber: number, what: string): Uint8Array {
  expectTag(block, TAG_CLASS_CONTEXT, tagNumber, false, `[${tagNumber}] OCTET STRING`, what);
  if (!(block instanceof asn1js.Primitive)) throw new DerError(`${what}: expected [${tagNumber}]`);
  return block.valueBlock.valueHexView.slice();
}

/** Reads the elements of an IMPLICIT `[tagNumber]` constructed value, such as a SET OF. */
export function readImplicitConstructed(block: Block, tagNumber: number, what: string): Block[] {
  expectTag(block, TAG_CLASS_CONTEXT, tagNumber, true, `[${tagNumber}]`, what);
  if (!(block instanceof asn1js.Constructed))
    throw new DerError(`${what}: expected [${tagNumber}]`);
  return block.valueBlock.value;
}

/** Walks the elements of a SEQUENCE in order, for structures with OPTIONAL fields. */
export class SequenceReader {
  readonly #elements: Block[];
  readonly #what: string;
  #index = 0;

  constructor(block: Block, what: string) {
    this.#elements = readSequence(block, what);
    this.#what = what;
  }

  /** The next element, which must exist. */
  next(field: string): Block {
    const element = this.#elements[this.#index];
    if (element === undefined) throw new DerError(`${this.#what}: ${field} is missing`);
    this.#index += 1;
    return element;
  }

  /** The next element if it is present and satisfies `isPresent`, else undefined. */
  optional(isPresent: (block: Block) => boolean): Block | undefined {
    const element = this.#elements[this.#index];
    if (element === undefined || !isPresent(element)) return undefined;
    this.#index += 1;
    return element;
  }

  /** Asserts that every element was consumed. */
  end(): void {
    const element = this.#elements[this.#index];
    if (element !== undefined) {
      throw new DerError(`${this.#what}: unexpected ${describeTag(element)} after the last field`);
    }
  }
}

/** A non-negative INTEGER from its big-endian magnitude (leading zeros allowed). */
export function derUnsignedInteger(magnitude: Uint8Array): asn1js.Integer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start += 1;
  const trimmed = magnitude.subarray(start);
  const first = trimmed[0];
  if (first === undefined) throw new DerError('INTEGER: empty magnitude');
  // A set high bit would read as negative, so DER prefixes one zero byte.
  const content = first >= 0x80 ? concatBytes(new Uint8Array([0]), trimmed) : trimmed.slice();
  return new asn1js.Integer({ valueHex: content });
}

export function derSmallInteger(value: number): asn1js.Integer {
  return new asn1js.Integer({ value });
}

const DOTTED_OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;

export function derOid(oid: string): asn1js.ObjectIdentifier {
  if (!DOTTED_OID.test(oid)) throw new DerError(`OBJECT IDENTIFIER: '${oid}' is not a dotted OID`);
  return new asn1js.ObjectIdentifier({ value: oid });
}

export function derOctetString(content: Uint8Array): asn1js.OctetString {
  return new asn1js.OctetString({ valueHex: content.slice() });
}

export function derBitString(content: Uint8Array): asn1js.BitString {
  return new asn1js.BitString({ valueHex: content.slice(), unusedBits: 0 });
}

export function derNull(): asn1js.Null {
  return new asn1js.Null();
}

export function derSequence(elements: Block[]): asn1js.Sequence {
  return new asn1js.Sequence({ value: elements });
}

/** An EXPLICIT `[tagNumber]` wrapper around one value. */
export function derExplicit(tagNumber: number, inner: Block): asn1js.Constructed {
  return new asn1js.Constructed({
    idBlock: { tagClass: TAG_CLASS_CONTEXT, tagNumber },
    value: [inner],
  });
}

/** An IMPLICIT `[tagNumber]` BIT STRING of whole bytes. */
export function derImplicitBitString(tagNumber: number, content: Uint8Array): asn1js.Primitive {
  return new asn1js.Primitive({
    idBlock: { tagClass: TAG_CLASS_CONTEXT, tagNumber },
    valueHex: concatBytes(new Uint8Array([0]), content),
  });
}

/** An IMPLICIT `[tagNumber]` OCTET STRING. */
export function derImplicitOctetString(tagNumber: number, content: Uint8Array): asn1js.Primitive {
  return new asn1js.Primitive({
    idBlock: { tagClass: TAG_CLASS_CONTEXT, tagNumber },
    valueHex: content.slice(),
  });
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) {
    difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  }
  return difference === 0;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
