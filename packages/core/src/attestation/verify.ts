/**
 * Verifies an AWS Nitro Enclaves attestation document as AWS's attestation_process.md
 * says: the COSE_Sign1 and payload are well formed (document.ts), the ES384 signature
 * verifies with the key of `certificate`, and `certificate` chains through `cabundle` to a
 * trusted root, every certificate valid at the engine's clock. The chain is built and
 * checked by pkijs on the injected WebCrypto.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CryptoProvider } from '../keypairs/types.js';
import { parseCertificate, pkiEngine } from './certificates.js';
import {
  AttestationError,
  type AttestationPayload,
  readCoseSign1,
  readPayload,
  sigStructure,
} from './document.js';

export interface VerifiedAttestation extends AttestationPayload {
  /**
   * The values AWS's key policy condition keys compare, for a policy evaluator:
   * `kms:RecipientAttestation:ImageSha384` (PCR0, the enclave image) and
   * `kms:RecipientAttestation:PCR<n>`, each as lowercase hex.
   */
  conditionKeys: Record<string, string>;
}

const commonName = (certificate: pkijs.Certificate) =>
  certificate.subject.typesAndValues
    .filter((attribute) => attribute.type === '2.5.4.3')
    .map((attribute) => String(attribute.value.valueBlock.value))[0] ?? 'without a common name';

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

function checkValidity(certificates: pkijs.Certificate[], now: Date) {
  for (const certificate of certificates) {
    const name = `The certificate '${commonName(certificate)}'`;
    if (certificate.notAfter.value < now)
      throw new AttestationError(
        `${name} expired on ${certificate.notAfter.value.toISOString()} (the KMS clock says ${now.toISOString()}).`,
      );
    if (certificate.notBefore.value > now)
      throw new AttestationError(
        `${name} is not valid before ${certificate.notBefore.value.toISOString()} (the KMS clock says ${now.toISOString()}).`,
      );
  }
}

async function verifySignature(
  leaf: pkijs.Certificate,
  protectedHeader: Uint8Array,
  payload: Uint8Array,
  signature: Uint8Array,
  engine: pkijs.CryptoEngine,
) {
  const spki = leaf.subjectPublicKeyInfo;
  const curve = spki.algorithm.algorithmParams;
  if (
    spki.algorithm.algorithmId !== '1.2.840.10045.2.1' ||
    !(curve instanceof asn1js.ObjectIdentifier) ||
    curve.valueBlock.toString() !== '1.3.132.0.34'
  )
    throw new AttestationError('The signing certificate must hold an ECDSA P-384 key (ES384).');
  if (signature.length !== 96)
    throw new AttestationError(
      `An ES384 signature is 96 bytes (r || s); this one is ${signature.length}.`,
    );
  const algorithm = { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' };
  let key: CryptoKey;
  try {
    key = await engine.importKey('spki', spki.toSchema().toBER(false), algorithm, false, [
      'verify',
    ]);
  } catch {
    throw new AttestationError('The public key of its certificate is not a valid P-384 key.');
  }
  const valid = await engine.verify(
    algorithm,
    key,
    signature as BufferSource,
    sigStructure(protectedHeader, payload) as BufferSource,
  );
  if (!valid)
    throw new AttestationError(
      'Its COSE_Sign1 signature does not verify with the key of its certificate: the document was altered or not signed by it.',
    );
}

async function verifyChain(
  leaf: pkijs.Certificate,
  bundle: pkijs.Certificate[],
  roots: pkijs.Certificate[],
  now: Date,
  engine: pkijs.CryptoEngine,
) {
  const chain = new pkijs.CertificateChainValidationEngine({
    trustedCerts: roots,
    // pkijs takes the last certificate as the one to verify.
    certs: [...bundle, leaf],
    checkDate: now,
  });
  let outcome: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    outcome = await chain.verify({}, engine);
  } catch (error) {
    outcome = { result: false, resultCode: -1, resultMessage: (error as Error).message };
  }
  if (!outcome.result)
    throw new AttestationError(
      `Its certificate does not chain to a trusted root (${outcome.resultMessage || 'no path'}): trust the root that issued it with createKms({ attestation: { roots } }) or kms-lab serve --attestation-roots.`,
    );
}

/** Verifies a document; any failure is an AttestationError that says what failed. */
export async function verifyAttestationDocument(
  document: Uint8Array,
  options: { roots: readonly Uint8Array[]; crypto: CryptoProvider; now: Date },
): Promise<VerifiedAttestation> {
  try {
    return await verify(document, options);
  } catch (error) {
    if (error instanceof AttestationError) throw error;
    // Damage no check foresaw, met deep in a library: still the document's fault.
    throw new AttestationError(
      `It could not be verified: a certificate or key in it is malformed (${error instanceof Error ? error.name : typeof error}).`,
    );
  }
}

async function verify(
  document: Uint8Array,
  options: { roots: readonly Uint8Array[]; crypto: CryptoProvider; now: Date },
): Promise<VerifiedAttestation> {
  const { protectedHeader, payload, signature } = readCoseSign1(document);
  const fields = readPayload(payload);
  const engine = pkiEngine(options.crypto);
  const leaf = parseCertificate(fields.certificate, 'certificate');
  const bundle = fields.cabundle.map((der, index) => parseCertificate(der, `cabundle[${index}]`));
  const roots = options.roots.map((der, index) => parseCertificate(der, `trusted root ${index}`));
  await verifySignature(leaf, protectedHeader, payload, signature, engine);
  checkValidity([leaf, ...bundle], options.now);
  await verifyChain(leaf, bundle, roots, options.now, engine);
  const conditionKeys: Record<string, string> = {};
  for (const [index, value] of fields.pcrs) {
    conditionKeys[`kms:RecipientAttestation:PCR${index}`] = hex(value);
  }
  const pcr0 = fields.pcrs.get(0);
  if (pcr0) conditionKeys['kms:RecipientAttestation:ImageSha384'] = hex(pcr0);
  return { ...fields, conditionKeys };
}
