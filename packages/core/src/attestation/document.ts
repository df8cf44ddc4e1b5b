/**
 * The AWS Nitro Enclaves attestation document in CBOR (RFC 8949) with cborg: a COSE_Sign1
 * (RFC 9052) whose payload is the map the Nitro Secure Module signs. Reading checks every
 * field's type and bounds as AWS's attestation_process.md defines them; a document that
 * breaks one is an AttestationError naming the field.
 *
 *   COSE_Sign1 = [
 *     protected : bstr .cbor { 1 (alg) : -35 (ES384) },
 *     unprotected : {},
 *     payload : bstr .cbor AttestationDocument,
 *     signature : bstr (r || s, 48 bytes each)
 *   ]
 *   AttestationDocument = {
 *     module_id: text, digest: "SHA384", timestamp: uint (ms since the epoch),
 *     pcrs: { * (0..31) => bstr .size (32 / 48 / 64) },
 *     certificate: bstr (DER, the signing leaf), cabundle: [ * bstr ] (root first),
 *     ? public_key: bstr, ? user_data: bstr, ? nonce: bstr
 *   }
 */
import { decode, encode } from 'cborg';

/** A document that fails a check: the reason is said in words, for the error message. */
export class AttestationError extends Error {
  override name = 'AttestationError';
}

export const COSE_ALG_ES384 = -35;
const COSE_HEADER_ALG = 1;
const COSE_SIGN1_TAG = 18;

export interface AttestationPayload {
  moduleId: string;
  digest: 'SHA384';
  timestamp: number;
  pcrs: Map<number, Uint8Array>;
  certificate: Uint8Array;
  cabundle: Uint8Array[];
  publicKey?: Uint8Array;
  userData?: Uint8Array;
  nonce?: Uint8Array;
}

export interface CoseSign1 {
  protectedHeader: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
}

const decodeOptions = {
  useMaps: true,
  rejectDuplicateMapKeys: true,
  // COSE_Sign1 may come tagged (RFC 9052 §4.2); Nitro's documents are untagged.
  tags: { [COSE_SIGN1_TAG]: (control: () => unknown) => control() } as never,
};

function cbor(bytes: Uint8Array, what: string): unknown {
  try {
    return decode(bytes, decodeOptions);
  } catch (error) {
    throw new AttestationError(`${what} is not valid CBOR (${(error as Error).message}).`);
  }
}

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

function bytesField(value: unknown, field: string, min: number, max: number): Uint8Array {
  if (!isBytes(value)) throw new AttestationError(`${field} must be a byte string.`);
  if (value.length < min || value.length > max)
    throw new AttestationError(`${field} must be ${min} to ${max} bytes; it is ${value.length}.`);
  return value;
}

function optionalBytes(map: Map<unknown, unknown>, field: string, min: number, max: number) {
  const value = map.get(field);
  // The NSM writes an absent optional field as null.
  return value === undefined || value === null ? undefined : bytesField(value, field, min, max);
}

/** Splits a COSE_Sign1 into its parts and checks its protected header says ES384. */
export function readCoseSign1(document: Uint8Array): CoseSign1 {
  const sign1 = cbor(document, 'It');
  if (!Array.isArray(sign1) || sign1.length !== 4)
    throw new AttestationError('It is not a COSE_Sign1 (a CBOR array of 4 items).');
  const [protectedHeader, unprotected, payload, signature] = sign1;
  if (!isBytes(protectedHeader) || !isBytes(payload) || !isBytes(signature))
    throw new AttestationError(
      'The COSE_Sign1 protected header, payload and signature must be byte strings.',
    );
  if (!(unprotected instanceof Map))
    throw new AttestationError('The COSE_Sign1 unprotected header must be a map.');
  const header = cbor(protectedHeader, 'The COSE_Sign1 protected header');
  const alg = header instanceof Map ? header.get(COSE_HEADER_ALG) : undefined;
  if (alg !== COSE_ALG_ES384)
    throw new AttestationError(
      `The COSE_Sign1 algorithm must be ES384 (-35); it is ${alg === undefined ? 'missing' : String(alg)}.`,
    );
  return { protectedHeader, payload, signature };
}

/** RFC 9052 §4.4: what ES384 signs, Sig_structure for a COSE_Sign1 without external AAD. */
export function sigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Uint8Array {
  return encode(['Signature1', protectedHeader, new Uint8Array(0), payload]);
}

/** Reads the payload map, checking each field as AWS's verification process defines it. */
export function readPayload(payload: Uint8Array): AttestationPayload {
  const map = cbor(payload, 'Its payload');
  if (!(map instanceof Map)) throw new AttestationError('Its payload must be a CBOR map.');
  const moduleId = map.get('module_id');
  if (typeof moduleId !== 'string' || moduleId.length === 0)
    throw new AttestationError('module_id must be a non-empty text string.');
  if (map.get('digest') !== 'SHA384')
    throw new AttestationError(`digest must be "SHA384"; it is ${String(map.get('digest'))}.`);
  const timestamp = map.get('timestamp');
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp <= 0)
    throw new AttestationError('timestamp must be a positive integer (milliseconds since 1970).');
  const pcrMap = map.get('pcrs');
  if (!(pcrMap instanceof Map) || pcrMap.size < 1 || pcrMap.size > 32)
    throw new AttestationError('pcrs must be a map of 1 to 32 PCRs.');
  const pcrs = new Map<number, Uint8Array>();
  for (const [index, value] of pcrMap) {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 31)
      throw new AttestationError(`PCR index ${String(index)} is not an integer from 0 to 31.`);
    if (!isBytes(value) || ![32, 48, 64].includes(value.length))
      throw new AttestationError(`PCR${index} must be 32, 48 or 64 bytes.`);
    pcrs.set(index, value);
  }
  const certificate = bytesField(map.get('certificate'), 'certificate', 1, 1024);
  const bundle = map.get('cabundle');
  if (!Array.isArray(bundle) || bundle.length === 0)
    throw new AttestationError('cabundle must be a non-empty array of certificates.');
  const cabundle = bundle.map((entry, index) => bytesField(entry, `cabundle[${index}]`, 1, 1024));
  return {
    moduleId,
    digest: 'SHA384',
    timestamp,
    pcrs,
    certificate,
    cabundle,
    publicKey: optionalBytes(map, 'public_key', 1, 1024),
    userData: optionalBytes(map, 'user_data', 0, 512),
    nonce: optionalBytes(map, 'nonce', 0, 512),
  };
}

/** The payload's CBOR, fields in the order the Nitro Secure Module writes them. */
export function writePayload(payload: AttestationPayload): Uint8Array {
  const map = new Map<string, unknown>([
    ['module_id', payload.moduleId],
    ['digest', payload.digest],
    ['timestamp', payload.timestamp],
    ['pcrs', payload.pcrs],
    ['certificate', payload.certificate],
    ['cabundle', payload.cabundle],
    ['public_key', payload.publicKey ?? null],
    ['user_data', payload.userData ?? null],
    ['nonce', payload.nonce ?? null],
  ]);
  return encode(map, { mapSorter: () => 0 });
}

export function writeCoseSign1({ protectedHeader, payload, signature }: CoseSign1): Uint8Array {
  return encode([protectedHeader, new Map(), payload, signature]);
}

export function es384ProtectedHeader(): Uint8Array {
  return encode(new Map([[COSE_HEADER_ALG, COSE_ALG_ES384]]));
}
