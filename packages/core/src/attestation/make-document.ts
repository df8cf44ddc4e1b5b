/**
 * Makes attestation documents for tests and demos, signed as a Nitro Secure Module signs
 * them (ES384 COSE_Sign1) by a fresh P-384 leaf certificate per document, issued by KMS
 * Lab's development root (a public test CA: dev-root.ts). A KMS that trusts that root
 * (the default) accepts them; one given only the AWS Nitro root refuses them.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { fromPem } from '../der/pem.js';
import type { CryptoProvider } from '../keypairs/types.js';
import { parseCertificate, pkiEngine } from './certificates.js';
import { DEV_ATTESTATION_ROOT_PEM, DEV_ATTESTATION_ROOT_PRIVATE_KEY_PEM } from './dev-root.js';
import { es384ProtectedHeader, sigStructure, writeCoseSign1, writePayload } from './document.js';
import { readCertificateBundle } from './roots.js';

export interface AttestationDocumentRequest {
  /** The enclave's public key: DER SubjectPublicKeyInfo of an RSA key, as the Nitro SDKs put it. */
  publicKey: Uint8Array;
  /** PCR index to value (48 bytes for SHA-384); default PCR0, 1 and 2 all zero, as a debug enclave. */
  pcrs?: ReadonlyMap<number, Uint8Array> | Record<number, Uint8Array>;
  userData?: Uint8Array;
  nonce?: Uint8Array;
  moduleId?: string;
  /** The document's time and its leaf's validity start; default now. */
  now?: Date;
  /** How long the leaf certificate is valid; default 3 hours, as a Nitro leaf. */
  validForMs?: number;
  crypto?: CryptoProvider;
}

const THREE_HOURS_MS = 3 * 60 * 60 * 1000;
const ES384 = { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' };

function pcrMap(pcrs: AttestationDocumentRequest['pcrs']): Map<number, Uint8Array> {
  if (pcrs === undefined) return new Map([0, 1, 2].map((index) => [index, new Uint8Array(48)]));
  return pcrs instanceof Map
    ? new Map(pcrs)
    : new Map(Object.entries(pcrs).map(([index, value]) => [Number(index), value]));
}

function commonName(value: string) {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value }) }),
    ],
  });
}

async function issueLeaf(
  engine: pkijs.CryptoEngine,
  crypto: CryptoProvider,
  leafKeys: CryptoKeyPair,
  moduleId: string,
  notBefore: Date,
  validForMs: number,
) {
  const rootDer = readCertificateBundle(DEV_ATTESTATION_ROOT_PEM)[0] as Uint8Array;
  const root = parseCertificate(rootDer, 'the development root');
  const rootKey = await crypto.subtle.importKey(
    'pkcs8',
    fromPem(DEV_ATTESTATION_ROOT_PRIVATE_KEY_PEM, 'PRIVATE KEY').der as BufferSource,
    { name: 'ECDSA', namedCurve: 'P-384' },
    false,
    ['sign'],
  );
  const leaf = new pkijs.Certificate();
  leaf.version = 2;
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0] as number) & 0x7f; // a positive INTEGER
  leaf.serialNumber = new asn1js.Integer({ valueHex: serial });
  leaf.issuer = root.subject;
  leaf.subject = commonName(`${moduleId}.kms-lab.development`);
  leaf.notBefore.value = notBefore;
  leaf.notAfter.value = new Date(notBefore.getTime() + validForMs);
  await leaf.subjectPublicKeyInfo.importKey(leafKeys.publicKey, engine);
  leaf.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
    new pkijs.Extension({
      extnID: '2.5.29.15',
      critical: true,
      // digitalSignature, as a Nitro leaf.
      extnValue: new asn1js.BitString({ valueHex: new Uint8Array([0x80]), unusedBits: 7 }).toBER(),
    }),
  ];
  await leaf.sign(rootKey, 'SHA-384', engine);
  return { leaf: new Uint8Array(leaf.toSchema().toBER(false)), root: rootDer };
}

/** A Nitro-format attestation document signed under the development root. */
export async function createAttestationDocument(
  request: AttestationDocumentRequest,
): Promise<Uint8Array> {
  const crypto = request.crypto ?? (globalThis.crypto as CryptoProvider);
  const engine = pkiEngine(crypto);
  const now = request.now ?? new Date();
  const moduleId = request.moduleId ?? 'i-0000000000000000-enc0000000000000000';
  const leafKeys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const { leaf, root } = await issueLeaf(
    engine,
    crypto,
    leafKeys,
    moduleId,
    now,
    request.validForMs ?? THREE_HOURS_MS,
  );
  const payload = writePayload({
    moduleId,
    digest: 'SHA384',
    timestamp: now.getTime(),
    pcrs: pcrMap(request.pcrs),
    certificate: leaf,
    cabundle: [root],
    publicKey: request.publicKey,
    userData: request.userData,
    nonce: request.nonce,
  });
  const protectedHeader = es384ProtectedHeader();
  const signature = await crypto.subtle.sign(
    ES384,
    leafKeys.privateKey,
    sigStructure(protectedHeader, payload) as BufferSource,
  );
  return writeCoseSign1({ protectedHeader, payload, signature: new Uint8Array(signature) });
}
