/**
 * ML-DSA (FIPS 204) and ML-KEM (FIPS 203) keys: the public key in a SubjectPublicKeyInfo, the
 * private key in a PKCS #8 OneAsymmetricKey, as draft-ietf-lamps-dilithium-certificates and
 * draft-ietf-lamps-kyber-certificates define them (modules X509-ML-DSA-2025 and
 * X509-ML-KEM-2025, both DEFINITIONS IMPLICIT TAGS). For every parameter set the
 * AlgorithmIdentifier's "PARAMS ARE absent" and the public key has "no ASN.1 wrapping": the
 * subjectPublicKey BIT STRING holds the FIPS 204 public key or FIPS 203 encapsulation key as
 * it is. The PKCS #8 privateKey OCTET STRING holds the DER of:
 *
 *   ML-DSA-44-PrivateKey ::= CHOICE {
 *     seed [0] OCTET STRING (SIZE (32)),
 *     expandedKey OCTET STRING (SIZE (2560)),
 *     both SEQUENCE {
 *         seed OCTET STRING (SIZE (32)),
 *         expandedKey OCTET STRING (SIZE (2560))
 *         }
 *     }
 *   -- ML-DSA-65-PrivateKey and ML-DSA-87-PrivateKey: the same, with the
 *   -- expandedKey SIZE (4032) and SIZE (4896).
 *
 *   ML-KEM-512-PrivateKey ::= CHOICE {
 *     seed [0] OCTET STRING (SIZE (64)),
 *     expandedKey OCTET STRING (SIZE (1632)),
 *     both SEQUENCE {
 *         seed OCTET STRING (SIZE (64)),
 *         expandedKey OCTET STRING (SIZE (1632))
 *         }
 *     }
 *   -- ML-KEM-768-PrivateKey and ML-KEM-1024-PrivateKey: the same, with the
 *   -- expandedKey SIZE (2400) and SIZE (3168).
 *
 * The seed is ML-DSA.KeyGen's 32-byte xi (FIPS 204, Algorithm 6) or ML-KEM.KeyGen's 64-byte
 * d || z (FIPS 203, Algorithm 16, as ML-KEM.KeyGen_internal takes them). KMS Lab writes the
 * seed form, as OpenSSL 3.5 does by default, and reads all three.
 */
import * as asn1js from 'asn1js';
import type { DerKeyPair } from '../keypairs/types.js';
import {
  type Block,
  DerError,
  decodeDer,
  derImplicitOctetString,
  encodeDer,
  readImplicitOctetString,
  readOctetString,
  SequenceReader,
} from './asn1.js';
import { fixedLayoutEncoder } from './fixed-layout.js';
import {
  describeOid,
  ID_ALG_ML_KEM_512,
  ID_ALG_ML_KEM_768,
  ID_ALG_ML_KEM_1024,
  ID_ML_DSA_44,
  ID_ML_DSA_65,
  ID_ML_DSA_87,
} from './oids.js';
import { decodeOneAsymmetricKey, encodeOneAsymmetricKey } from './private-key-info.js';
import {
  decodeSubjectPublicKeyInfo,
  encodeSubjectPublicKeyInfo,
} from './subject-public-key-info.js';

/** A parameter set's identifier and the sizes its ASN.1 module fixes. */
export interface ModuleLatticeParameterSet {
  name: 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87' | 'ML-KEM-512' | 'ML-KEM-768' | 'ML-KEM-1024';
  oid: string;
  /** ML-DSA's xi or ML-KEM's d || z. */
  seedBytes: 32 | 64;
  /** "KEY no ASN.1 wrapping; N octets". */
  publicKeyBytes: number;
  /** FIPS 204's sk or FIPS 203's dk: the expandedKey SIZE. */
  expandedKeyBytes: number;
}

export const MODULE_LATTICE_PARAMETER_SETS: readonly ModuleLatticeParameterSet[] = [
  {
    name: 'ML-DSA-44',
    oid: ID_ML_DSA_44,
    seedBytes: 32,
    publicKeyBytes: 1312,
    expandedKeyBytes: 2560,
  },
  {
    name: 'ML-DSA-65',
    oid: ID_ML_DSA_65,
    seedBytes: 32,
    publicKeyBytes: 1952,
    expandedKeyBytes: 4032,
  },
  {
    name: 'ML-DSA-87',
    oid: ID_ML_DSA_87,
    seedBytes: 32,
    publicKeyBytes: 2592,
    expandedKeyBytes: 4896,
  },
  {
    name: 'ML-KEM-512',
    oid: ID_ALG_ML_KEM_512,
    seedBytes: 64,
    publicKeyBytes: 800,
    expandedKeyBytes: 1632,
  },
  {
    name: 'ML-KEM-768',
    oid: ID_ALG_ML_KEM_768,
    seedBytes: 64,
    publicKeyBytes: 1184,
    expandedKeyBytes: 2400,
  },
  {
    name: 'ML-KEM-1024',
    oid: ID_ALG_ML_KEM_1024,
    seedBytes: 64,
    publicKeyBytes: 1568,
    expandedKeyBytes: 3168,
  },
];

/** The parameter set of an OID or a name such as 'ML-KEM-768'; undefined for any other. */
export function moduleLatticeParameterSet(
  oidOrName: string,
): ModuleLatticeParameterSet | undefined {
  return MODULE_LATTICE_PARAMETER_SETS.find(
    (set) => set.oid === oidOrName || set.name === oidOrName,
  );
}

function parameterSetOf(name: ModuleLatticeParameterSet['name']): ModuleLatticeParameterSet {
  const set = moduleLatticeParameterSet(name);
  if (set === undefined) throw new DerError(`${name}: not an ML-DSA or ML-KEM parameter set`);
  return set;
}

/** The private key CHOICE: the seed, the expanded key, or both. */
export interface ModuleLatticePrivateKey {
  seed: Uint8Array | undefined;
  expandedKey: Uint8Array | undefined;
}

function checkLength(bytes: Uint8Array, expected: number, what: string): Uint8Array {
  if (bytes.length !== expected)
    throw new DerError(
      `${what} must be ${expected} bytes (SIZE (${expected})), got ${bytes.length}`,
    );
  return bytes;
}

/** The DER of the CHOICE's seed alternative: `seed [0] OCTET STRING`, tag 0x80. */
export function encodeModuleLatticePrivateKey(
  name: ModuleLatticeParameterSet['name'],
  seed: Uint8Array,
): Uint8Array {
  const set = parameterSetOf(name);
  checkLength(seed, set.seedBytes, `${set.name} seed`);
  return encodeDer(derImplicitOctetString(0, seed));
}

/** Reads any of the CHOICE's three alternatives, checking the sizes of `name`. */
export function decodeModuleLatticePrivateKey(
  name: ModuleLatticeParameterSet['name'],
  der: Uint8Array,
): ModuleLatticePrivateKey {
  const set = parameterSetOf(name);
  const what = `${set.name}-PrivateKey`;
  const block: Block = decodeDer(der, what);
  const seedOf = (bytes: Uint8Array) => checkLength(bytes, set.seedBytes, `${what} seed`);
  const expandedOf = (bytes: Uint8Array) =>
    checkLength(bytes, set.expandedKeyBytes, `${what} expandedKey`);
  if (block.idBlock.tagClass === 3) {
    return {
      seed: seedOf(readImplicitOctetString(block, 0, `${what} seed`)),
      expandedKey: undefined,
    };
  }
  if (block instanceof asn1js.OctetString) {
    return {
      seed: undefined,
      expandedKey: expandedOf(readOctetString(block, `${what} expandedKey`)),
    };
  }
  if (block instanceof asn1js.Sequence) {
    const fields = new SequenceReader(block, `${what} both`);
    const seed = seedOf(readOctetString(fields.next('seed'), `${what} both seed`));
    const expandedKey = expandedOf(
      readOctetString(fields.next('expandedKey'), `${what} both expandedKey`),
    );
    fields.end();
    return { seed, expandedKey };
  }
  throw new DerError(
    `${what}: expected seed [0], expandedKey OCTET STRING or both SEQUENCE (a CHOICE)`,
  );
}

/**
 * A key pair in the form OpenSSL 3.5 writes it: SPKI, and PKCS #8 v1 with the seed. Every pair
 * of a parameter set has the same layout, so asn1js builds each structure once and later pairs
 * are that template with their values copied in (fixed-layout.ts).
 */
export function encodeModuleLatticeKeyPair(
  name: ModuleLatticeParameterSet['name'],
  seed: Uint8Array,
  publicKey: Uint8Array,
): DerKeyPair {
  const set = parameterSetOf(name);
  checkLength(seed, set.seedBytes, `${set.name} seed`);
  checkLength(publicKey, set.publicKeyBytes, `${set.name} public key`);
  const encode = templatesOf(set);
  return { publicKey: encode.spki({ publicKey }), privateKey: encode.pkcs8({ seed }) };
}

const ABSENT = { kind: 'absent' } as const;

const TEMPLATES = new Map<
  ModuleLatticeParameterSet['name'],
  {
    spki: (values: { publicKey: Uint8Array }) => Uint8Array;
    pkcs8: (values: { seed: Uint8Array }) => Uint8Array;
  }
>();

/** The encoders of a parameter set, made with asn1js on first use, not at import. */
function templatesOf(set: ModuleLatticeParameterSet) {
  let encoders = TEMPLATES.get(set.name);
  if (encoders === undefined) {
    encoders = {
      spki: fixedLayoutEncoder(
        ({ publicKey }: { publicKey: Uint8Array }) =>
          encodeSubjectPublicKeyInfo(set.oid, ABSENT, publicKey),
        { publicKey: new Uint8Array(set.publicKeyBytes) },
      ),
      pkcs8: fixedLayoutEncoder(
        ({ seed }: { seed: Uint8Array }) => {
          const privateKey = encodeModuleLatticePrivateKey(set.name, seed);
          try {
            return encodeOneAsymmetricKey(set.oid, ABSENT, privateKey);
          } finally {
            privateKey.fill(0);
          }
        },
        { seed: new Uint8Array(set.seedBytes) },
      ),
    };
    TEMPLATES.set(set.name, encoders);
  }
  return encoders;
}

function checkAlgorithm(
  algorithm: { oid: string; parameters: { kind: string } },
  what: string,
): ModuleLatticeParameterSet {
  const set = moduleLatticeParameterSet(algorithm.oid);
  if (set === undefined)
    throw new DerError(`${what}: ${describeOid(algorithm.oid)} is not ML-DSA or ML-KEM`);
  if (algorithm.parameters.kind !== 'absent')
    throw new DerError(`${what}: ${set.name} parameters must be absent ("PARAMS ARE absent")`);
  return set;
}

export interface ModuleLatticePublicKeyInfo {
  parameterSet: ModuleLatticeParameterSet;
  /** The FIPS 204 public key or FIPS 203 encapsulation key. */
  publicKey: Uint8Array;
}

/** Parses a DER SubjectPublicKeyInfo holding an ML-DSA or ML-KEM public key. */
export function parseModuleLatticePublicKey(spki: Uint8Array): ModuleLatticePublicKeyInfo {
  const what = 'SubjectPublicKeyInfo';
  const { algorithm, subjectPublicKey } = decodeSubjectPublicKeyInfo(spki);
  const parameterSet = checkAlgorithm(algorithm, what);
  checkLength(
    subjectPublicKey,
    parameterSet.publicKeyBytes,
    `${what}: the ${parameterSet.name} key`,
  );
  return { parameterSet, publicKey: subjectPublicKey };
}

export interface ModuleLatticePrivateKeyInfo extends ModuleLatticePrivateKey {
  parameterSet: ModuleLatticeParameterSet;
  /** OneAsymmetricKey v2's publicKey [1], if present. */
  publicKey: Uint8Array | undefined;
}

/** Parses a DER PKCS #8 PrivateKeyInfo / OneAsymmetricKey of an ML-DSA or ML-KEM key. */
export function parseModuleLatticePrivateKeyInfo(pkcs8: Uint8Array): ModuleLatticePrivateKeyInfo {
  const what = 'PrivateKeyInfo';
  const info = decodeOneAsymmetricKey(pkcs8);
  try {
    const parameterSet = checkAlgorithm(info.privateKeyAlgorithm, what);
    if (info.publicKey !== undefined)
      checkLength(info.publicKey, parameterSet.publicKeyBytes, `${what} publicKey`);
    const key = decodeModuleLatticePrivateKey(parameterSet.name, info.privateKey);
    return { parameterSet, ...key, publicKey: info.publicKey };
  } finally {
    info.privateKey.fill(0);
  }
}
