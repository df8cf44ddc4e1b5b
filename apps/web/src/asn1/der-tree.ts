/**
 * The named tree of a DER key for the ASN.1 view. asn1js (through core's outlineDer) reads
 * the elements and their byte ranges, which the hex view highlights; this module names them
 * after the ASN.1 modules that define them (RFC 5280 SubjectPublicKeyInfo, RFC 5208/5958
 * PrivateKeyInfo, RFC 8017 RSA keys, RFC 5915 ECPrivateKey, RFC 8410 CurvePrivateKey, and the
 * IETF LAMPS modules X509-ML-KEM-2025 and X509-ML-DSA-2025 for ML-KEM and ML-DSA keys).
 */
import {
  type DerElement,
  DerError,
  ID_EC_PUBLIC_KEY,
  ID_ED25519,
  moduleLatticeParameterSet,
  OID_NAMES,
  outlineDer,
  RSA_ENCRYPTION,
  RSA_PRIVATE_KEY_FIELDS,
  UNIVERSAL_TAG_NAMES,
} from '@kms-lab/core';
import { toHex } from '../lib/bytes';
import { CMS_OID_NAMES } from './cms-schema';

export interface DerNode {
  /** The schema's field name and type, e.g. "algorithm AlgorithmIdentifier", or the bare type. */
  name: string;
  /** The universal type or context tag, e.g. "SEQUENCE", "[0]". */
  type: string;
  /** A short rendering of the value: the OID and its name, an integer's size. */
  summary: string;
  /** Byte range of the whole element (tag, length and content). */
  start: number;
  end: number;
  /** Where the content begins. */
  contentStart: number;
  children: DerNode[];
}

type RawElement = DerElement;

/** The schema of a structure: field names in order, and what an OCTET/BIT STRING holds. */
export interface Field {
  name: string;
  /** The ASN.1 type name shown beside the field name, e.g. AlgorithmIdentifier. */
  typeName?: string;
  /** Context tag of an optional, tagged field ([0], [1]). */
  contextTag?: number;
  /** Fields of a SEQUENCE. */
  fields?: readonly Field[];
  /** The structure inside an OCTET STRING or BIT STRING (or inside an EXPLICIT tag). */
  inner?: Field;
  /** Chooses `inner` from the algorithm OID found earlier in the structure. */
  innerByAlgorithm?: (algorithmOid: string) => Field | undefined;
  /** What the value is, after its size (e.g. "the encapsulation key ek"), by algorithm OID. */
  noteByAlgorithm?: (algorithmOid: string) => string | undefined;
  /** A CHOICE: the alternative whose tag the element has (`contextTag`, or `universalTag`). */
  choice?: readonly Field[];
  /** The universal tag of a CHOICE alternative (4: OCTET STRING, 16: SEQUENCE). */
  universalTag?: number;
  /** What the value is, after its size: "d || z, ML-KEM.KeyGen's seed". */
  note?: string;
}

const ALGORITHM_IDENTIFIER: Field = {
  name: 'algorithm',
  typeName: 'AlgorithmIdentifier',
  fields: [{ name: 'algorithm' }, { name: 'parameters' }],
};

const RSA_PUBLIC_KEY: Field = {
  name: 'RSAPublicKey',
  typeName: 'RSAPublicKey',
  fields: [{ name: 'modulus' }, { name: 'publicExponent' }],
};

const RSA_PRIVATE_KEY: Field = {
  name: 'RSAPrivateKey',
  typeName: 'RSAPrivateKey',
  fields: ['version', ...RSA_PRIVATE_KEY_FIELDS].map((name) => ({ name })),
};

const EC_PRIVATE_KEY: Field = {
  name: 'ECPrivateKey',
  typeName: 'ECPrivateKey',
  fields: [
    { name: 'version' },
    { name: 'privateKey' },
    { name: 'parameters', typeName: 'ECParameters', contextTag: 0, inner: { name: 'namedCurve' } },
    { name: 'publicKey', typeName: 'ECPoint', contextTag: 1, inner: { name: 'publicKey' } },
  ],
};

const CURVE_PRIVATE_KEY: Field = { name: 'CurvePrivateKey', typeName: 'CurvePrivateKey' };

/**
 * draft-ietf-lamps-kyber-certificates, X509-ML-KEM-2025 (DEFINITIONS IMPLICIT TAGS), and
 * draft-ietf-lamps-dilithium-certificates, X509-ML-DSA-2025, likewise:
 *
 *   ML-KEM-768-PrivateKey ::= CHOICE {
 *     seed [0] OCTET STRING (SIZE (64)),
 *     expandedKey OCTET STRING (SIZE (2400)),
 *     both SEQUENCE {
 *         seed OCTET STRING (SIZE (64)),
 *         expandedKey OCTET STRING (SIZE (2400))
 *         }
 *     }
 *
 * ML-KEM-512 and -1024 differ in expandedKey's size only; ML-DSA's seed is SIZE (32). KMS
 * returns the seed alternative: 86 bytes of PKCS #8 at every ML-KEM level.
 */
function moduleLatticePrivateKey(oid: string): Field | undefined {
  const set = moduleLatticeParameterSet(oid);
  if (!set) return undefined;
  const kem = set.name.startsWith('ML-KEM');
  const seedNote = kem
    ? "d || z, ML-KEM.KeyGen's two 32-byte seeds (FIPS 203)"
    : "ξ, ML-DSA.KeyGen's seed (FIPS 204)";
  const expandedNote = kem
    ? 'the decapsulation key dk (FIPS 203)'
    : 'the expanded private key sk (FIPS 204)';
  const seed = { name: 'seed', note: seedNote };
  const expandedKey = { name: 'expandedKey', note: expandedNote };
  return {
    name: `${set.name}-PrivateKey`,
    choice: [
      { ...seed, typeName: '[0] IMPLICIT OCTET STRING', contextTag: 0 },
      { ...expandedKey, typeName: 'OCTET STRING', universalTag: 4 },
      { name: 'both', typeName: 'SEQUENCE', universalTag: 16, fields: [seed, expandedKey] },
    ],
  };
}

/** The subjectPublicKey of an ML-KEM or ML-DSA key holds the key itself, unwrapped. */
function moduleLatticePublicKeyNote(oid: string): string | undefined {
  const set = moduleLatticeParameterSet(oid);
  if (!set) return undefined;
  return set.name.startsWith('ML-KEM')
    ? `the ${set.name} encapsulation key ek (FIPS 203)`
    : `the ${set.name} public key pk (FIPS 204)`;
}

export const SUBJECT_PUBLIC_KEY_INFO: Field = {
  name: 'SubjectPublicKeyInfo',
  typeName: 'SubjectPublicKeyInfo',
  fields: [
    ALGORITHM_IDENTIFIER,
    {
      name: 'subjectPublicKey',
      innerByAlgorithm: (oid) => (oid === RSA_ENCRYPTION ? RSA_PUBLIC_KEY : undefined),
      noteByAlgorithm: moduleLatticePublicKeyNote,
    },
  ],
};

export const PRIVATE_KEY_INFO: Field = {
  name: 'PrivateKeyInfo',
  typeName: 'PrivateKeyInfo',
  fields: [
    { name: 'version' },
    { ...ALGORITHM_IDENTIFIER, name: 'privateKeyAlgorithm' },
    {
      name: 'privateKey',
      innerByAlgorithm: (oid) =>
        oid === RSA_ENCRYPTION
          ? RSA_PRIVATE_KEY
          : oid === ID_EC_PUBLIC_KEY
            ? EC_PRIVATE_KEY
            : oid === ID_ED25519
              ? CURVE_PRIVATE_KEY
              : moduleLatticePrivateKey(oid),
    },
    { name: 'attributes', contextTag: 0 },
    { name: 'publicKey', contextTag: 1 },
  ],
};

function typeOf(element: RawElement): string {
  if (element.tagClass === 2) return `[${element.tagNumber}]`;
  if (element.tagClass === 0)
    return UNIVERSAL_TAG_NAMES[element.tagNumber] ?? `UNIVERSAL ${element.tagNumber}`;
  return `tag ${element.tagClass}:${element.tagNumber}`;
}

function summarise(bytes: Uint8Array, element: RawElement): string {
  const content = bytes.subarray(element.contentStart, element.end);
  if (element.tagClass !== 0) return `${content.length} bytes`;
  switch (element.tagNumber) {
    case 6: {
      const oid = element.oid ?? '';
      const name = Object.hasOwn(OID_NAMES, oid)
        ? OID_NAMES[oid]
        : Object.hasOwn(CMS_OID_NAMES, oid)
          ? CMS_OID_NAMES[oid]
          : undefined;
      return name ? `${name} (${oid})` : oid;
    }
    case 2: {
      if (content.length <= 6) {
        let value = 0;
        for (const byte of content) value = value * 256 + byte;
        return String(value);
      }
      const significant = content[0] === 0 ? content.length - 1 : content.length;
      return `${significant * 8}-bit integer`;
    }
    case 5:
      return '';
    case 3:
      return `${Math.max(0, content.length - 1)} bytes`;
    default:
      return content.length <= 8 ? toHex(content, ' ') : `${content.length} bytes`;
  }
}

interface Context {
  bytes: Uint8Array;
  algorithmOid: string | undefined;
}

/** The alternative of a CHOICE that this element is, by its tag. */
function chosen(field: Field | undefined, element: RawElement): Field | undefined {
  if (!field?.choice) return field;
  return field.choice.find((alternative) =>
    alternative.contextTag !== undefined
      ? element.tagClass === 2 && element.tagNumber === alternative.contextTag
      : element.tagClass === 0 && element.tagNumber === alternative.universalTag,
  );
}

function noteOf(context: Context, field: Field | undefined): string | undefined {
  if (field?.note) return field.note;
  return field?.noteByAlgorithm && context.algorithmOid
    ? field.noteByAlgorithm(context.algorithmOid)
    : undefined;
}

function build(context: Context, element: RawElement, given: Field | undefined): DerNode {
  const { bytes } = context;
  const field = chosen(given, element);
  const note = noteOf(context, field);
  const summary = element.constructed ? '' : summarise(bytes, element);
  const type = typeOf(element);
  const node: DerNode = {
    name: field
      ? field.typeName && field.typeName !== field.name
        ? `${field.name} ${field.typeName}`
        : field.name
      : type,
    type,
    summary: note ? `${summary}: ${note}` : summary,
    start: element.start,
    contentStart: element.contentStart,
    end: element.end,
    children: [],
  };
  if (element.tagClass === 0 && element.tagNumber === 6 && context.algorithmOid === undefined)
    context.algorithmOid = element.oid;

  if (element.constructed) {
    const raw = outlineDer(bytes, element.contentStart, element.end);
    if (element.tagClass === 2) {
      // An EXPLICIT tag wraps one element: the field's inner structure.
      node.children = raw.map((child) => build(context, child, field?.inner));
      return node;
    }
    let fieldIndex = 0;
    const fields = field?.fields ?? [];
    for (const child of raw) {
      // Skip optional tagged fields that are absent.
      while (
        fieldIndex < fields.length &&
        fields[fieldIndex]?.contextTag !== undefined &&
        !(child.tagClass === 2 && child.tagNumber === fields[fieldIndex]?.contextTag)
      )
        fieldIndex++;
      node.children.push(build(context, child, fields[fieldIndex]));
      fieldIndex++;
    }
    return node;
  }

  const inner =
    field?.inner ??
    (field?.innerByAlgorithm && context.algorithmOid
      ? field.innerByAlgorithm(context.algorithmOid)
      : undefined);
  const isString = element.tagClass === 0 && (element.tagNumber === 3 || element.tagNumber === 4);
  if (inner && isString) {
    // A BIT STRING's content starts with its count of unused bits.
    const from = element.tagNumber === 3 ? element.contentStart + 1 : element.contentStart;
    try {
      node.children = outlineDer(bytes, from, element.end).map((child) =>
        build(context, child, inner),
      );
    } catch {
      node.children = [];
    }
  }
  return node;
}

/** Parses DER bytes into a named tree, using `schema` for the outermost element. */
export function derTree(bytes: Uint8Array, schema?: Field): DerNode {
  const [top] = outlineDer(bytes, 0, bytes.length, 1);
  if (!top) throw new DerError('There are no DER bytes to show.');
  if (top.end !== bytes.length)
    throw new DerError(`${bytes.length - top.end} bytes follow the DER structure.`);
  return build({ bytes, algorithmOid: undefined }, top, schema);
}

/** The schema for a key in DER, from its outermost shape: SPKI or PKCS #8. */
export function keySchema(kind: 'public' | 'private'): Field {
  return kind === 'public' ? SUBJECT_PUBLIC_KEY_INFO : PRIVATE_KEY_INFO;
}

/** Every node, depth first, for tests and for keyboard navigation. */
export function flatten(node: DerNode): DerNode[] {
  return [node, ...node.children.flatMap(flatten)];
}
