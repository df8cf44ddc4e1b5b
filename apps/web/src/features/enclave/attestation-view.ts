/**
 * The enclave's attestation document, decoded for the page by the engine's own code: the
 * `@kms-lab/core/attestation` entry point verifies it exactly as GenerateDataKeyPair will
 * (COSE_Sign1 ES384 signature, certificate chain to a trusted root at the app clock's time)
 * and returns its fields; pkijs reads each certificate's names and validity. This module is
 * imported by the Enclave screen only, so pkijs and cborg stay out of the start bundle.
 */
import {
  AWS_NITRO_ENCLAVES_ROOT_PEM,
  DEFAULT_ATTESTATION_ROOTS,
  DEV_ATTESTATION_ROOT_PEM,
  readCertificateBundle,
  rootsToDer,
  verifyAttestationDocument,
} from '@kms-lab/core/attestation';
import * as pkijs from 'pkijs';
import { equalBytes, toHex } from '../../lib/bytes';

/** Short names of the attribute types a certificate name usually has (RFC 4519). */
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

export interface CertificateSummary {
  /** Leaf (signed the document), intermediate, or root (in cabundle, and trusted). */
  role: 'leaf' | 'intermediate' | 'root';
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** Which trusted root this is, when it is one. */
  trustedAs?: string | undefined;
}

export interface DecodedAttestation {
  moduleId: string;
  digest: string;
  timestamp: Date;
  /** Every PCR, by index, as lowercase hex. */
  pcrs: { index: number; hex: string }[];
  /** From the leaf that signed the document up to the root. */
  chain: CertificateSummary[];
  /** The enclave's public key (DER SubjectPublicKeyInfo) the document vouches for. */
  publicKey: Uint8Array | undefined;
  userData: Uint8Array | undefined;
  nonce: Uint8Array | undefined;
}

export function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map(
      (each) => `${ATTRIBUTE_NAMES[each.type] ?? each.type}=${String(each.value.valueBlock.value)}`,
    )
    .join(', ');
}

const TRUSTED_ROOTS = [
  {
    name: 'the AWS Nitro Enclaves root',
    der: readCertificateBundle(AWS_NITRO_ENCLAVES_ROOT_PEM)[0],
  },
  {
    name: "KMS Lab's development attestation root (a public test CA)",
    der: readCertificateBundle(DEV_ATTESTATION_ROOT_PEM)[0],
  },
];

function summarise(der: Uint8Array, role: CertificateSummary['role']): CertificateSummary {
  const certificate = pkijs.Certificate.fromBER(der as BufferSource);
  return {
    role,
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    trustedAs: TRUSTED_ROOTS.find((root) => root.der && equalBytes(root.der, der))?.name,
  };
}

/**
 * Verifies the document with the engine's default roots at `now` and decodes it. A document
 * that fails a check throws the engine's AttestationError, whose message says which.
 */
export async function decodeAttestation(
  document: Uint8Array,
  now: Date,
): Promise<DecodedAttestation> {
  const verified = await verifyAttestationDocument(document, {
    roots: rootsToDer(DEFAULT_ATTESTATION_ROOTS),
    crypto: globalThis.crypto,
    now,
  });
  // cabundle is root first, then intermediates: the chain reads the other way.
  const bundle = [...verified.cabundle].reverse();
  return {
    moduleId: verified.moduleId,
    digest: verified.digest,
    timestamp: new Date(verified.timestamp),
    pcrs: [...verified.pcrs.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, value]) => ({ index, hex: toHex(value) })),
    chain: [
      summarise(verified.certificate, 'leaf'),
      ...bundle.map((der, index) =>
        summarise(der, index === bundle.length - 1 ? 'root' : 'intermediate'),
      ),
    ],
    publicKey: verified.publicKey,
    userData: verified.userData,
    nonce: verified.nonce,
  };
}
