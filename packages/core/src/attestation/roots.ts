/**
 * The certificates an attestation document's chain may end at. By default: the AWS Nitro
 * Enclaves root (so a document from a real enclave verifies) and KMS Lab's development
 * root (a public test CA, dev-root.ts). `createKms({ attestation: { roots } })` replaces both.
 */
import { base64 } from '@scure/base';
import { DEV_ATTESTATION_ROOT_PEM } from './dev-root.js';

export { DEV_ATTESTATION_ROOT_PEM, DEV_ATTESTATION_ROOT_PRIVATE_KEY_PEM } from './dev-root.js';

/**
 * AWS Nitro Enclaves Root-G1 (CN=aws.nitro-enclaves, ECDSA P-384, valid 2019-10-28 to
 * 2049-10-28), as AWS publishes it in AWS_NitroEnclaves_Root-G1.zip. Its SHA-256
 * fingerprint, 641A0321A3E244EFE456463195D606317ED7CDCC3C1756E09893F3C68F79BB5B, is the
 * one AWS documents; test/attestation-roots.test.ts checks it.
 */
export const AWS_NITRO_ENCLAVES_ROOT_PEM = `-----BEGIN CERTIFICATE-----
MIICETCCAZagAwIBAgIRAPkxdWgbkK/hHUbMtOTn+FYwCgYIKoZIzj0EAwMwSTEL
MAkGA1UEBhMCVVMxDzANBgNVBAoMBkFtYXpvbjEMMAoGA1UECwwDQVdTMRswGQYD
VQQDDBJhd3Mubml0cm8tZW5jbGF2ZXMwHhcNMTkxMDI4MTMyODA1WhcNNDkxMDI4
MTQyODA1WjBJMQswCQYDVQQGEwJVUzEPMA0GA1UECgwGQW1hem9uMQwwCgYDVQQL
DANBV1MxGzAZBgNVBAMMEmF3cy5uaXRyby1lbmNsYXZlczB2MBAGByqGSM49AgEG
BSuBBAAiA2IABPwCVOumCMHzaHDimtqQvkY4MpJzbolL//Zy2YlES1BR5TSksfbb
48C8WBoyt7F2Bw7eEtaaP+ohG2bnUs990d0JX28TcPQXCEPZ3BABIeTPYwEoCWZE
h8l5YoQwTcU/9KNCMEAwDwYDVR0TAQH/BAUwAwEB/zAdBgNVHQ4EFgQUkCW1DdkF
R+eWw5b6cp3PmanfS5YwDgYDVR0PAQH/BAQDAgGGMAoGCCqGSM49BAMDA2kAMGYC
MQCjfy+Rocm9Xue4YnwWmNJVA44fA0P5W2OpYow9OYCVRaEevL8uO1XYru5xtMPW
rfMCMQCi85sWBbJwKKXdS6BptQFuZbT73o/gBh1qUxl/nNr12UO8Yfwr6wPLb+6N
IwLz3/Y=
-----END CERTIFICATE-----
`;

/** The roots trusted when none are given. */
export const DEFAULT_ATTESTATION_ROOTS: readonly string[] = [
  AWS_NITRO_ENCLAVES_ROOT_PEM,
  DEV_ATTESTATION_ROOT_PEM,
];

/** A certificate bundle that cannot be read. */
export class CertificateBundleError extends Error {
  override name = 'CertificateBundleError';
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/**
 * The DER certificates of a PEM bundle (RFC 7468 'CERTIFICATE' blocks, text between them
 * allowed, as in the bundles OpenSSL and AWS publish). A bundle without one is an error.
 */
export function readCertificateBundle(text: string): Uint8Array[] {
  const certificates: Uint8Array[] = [];
  for (const [, body = ''] of text.matchAll(CERTIFICATE_BLOCK)) {
    try {
      certificates.push(base64.decode(body.replace(/\s+/g, '')));
    } catch {
      throw new CertificateBundleError(
        `certificate ${certificates.length + 1} of the bundle is not valid base64.`,
      );
    }
  }
  if (certificates.length === 0)
    throw new CertificateBundleError(
      "the bundle has no '-----BEGIN CERTIFICATE-----' block: give PEM certificates.",
    );
  return certificates;
}

/** Roots as given to createKms: PEM bundles (strings) or DER certificates. */
export type AttestationRoot = string | Uint8Array;

export function rootsToDer(roots: readonly AttestationRoot[]): Uint8Array[] {
  return roots.flatMap((root) => (typeof root === 'string' ? readCertificateBundle(root) : [root]));
}
