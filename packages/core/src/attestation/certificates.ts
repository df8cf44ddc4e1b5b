/**
 * pkijs at the edge of the attestation code: its engine on the injected WebCrypto, and
 * certificates read from DER. Kept out of verify.ts so that the public declarations of
 * '@kms-lab/core/attestation' never import pkijs, whose own .d.ts need the DOM lib: a
 * Node project compiled without it type-checks against KMS Lab's types alone.
 */
import * as pkijs from 'pkijs';
import type { CryptoProvider } from '../keypairs/types.js';
import { AttestationError } from './document.js';

/** pkijs's engine on the provider the KMS was given (a browser's or Node's WebCrypto). */
export function pkiEngine(crypto: CryptoProvider): pkijs.CryptoEngine {
  return new pkijs.CryptoEngine({ name: 'kms-lab', crypto: crypto as Crypto });
}

export function parseCertificate(der: Uint8Array, what: string): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(der as BufferSource);
  } catch {
    throw new AttestationError(`${what} is not a DER X.509 certificate.`);
  }
}
