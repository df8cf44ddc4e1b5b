import { parseModuleLatticePublicKey } from '@kms-lab/core';
import { shake256 } from '@noble/hashes/sha3.js';
import { inputError } from '../../errors/explain';
import { fromHex } from '../../lib/bytes';

/** FIPS 204: μ is 64 bytes. */
export const MU_BYTES = 64;

/**
 * FIPS 204's message representative μ for ML-DSA's pure signing with an empty context, which
 * MessageType EXTERNAL_MU sends instead of the message (Algorithm 2, then Algorithm 7, step 6):
 *   tr = H(pk, 64);  M' = 0x00 || 0x00 || M  (no pre-hash, context length 0);
 *   μ  = H(tr || M', 64), H being SHAKE256.
 * So a RAW signature of M and an EXTERNAL_MU signature of μ are the same kind of signature:
 * either verifies the other way too. `spki`: the KMS key's public key (GetPublicKey).
 */
export function externalMu(spki: Uint8Array, message: Uint8Array): Uint8Array {
  const { publicKey } = parseModuleLatticePublicKey(spki);
  const tr = shake256(publicKey, { dkLen: MU_BYTES });
  return shake256
    .create({ dkLen: MU_BYTES })
    .update(tr)
    .update(Uint8Array.of(0, 0))
    .update(message)
    .digest();
}

/** μ as the user typed it, in hex: exactly 64 bytes, or an InputError saying what is wrong. */
export function readMu(text: string): Uint8Array {
  const hex = text.replace(/\s+/g, '');
  let mu: Uint8Array;
  try {
    mu = fromHex(hex);
  } catch (error) {
    throw inputError(`μ: ${(error as Error).message}`);
  }
  if (mu.length !== MU_BYTES)
    throw inputError(
      `μ must be ${MU_BYTES} bytes (${MU_BYTES * 2} hex digits); this is ${mu.length} bytes.`,
    );
  return mu;
}
