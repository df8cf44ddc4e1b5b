/**
 * ML-DSA (FIPS 204) for ML_DSA_44/65/87 KMS keys, whose one signing algorithm is
 * ML_DSA_SHAKE_256. AWS: "use EXTERNAL_MU for 64-byte representative μ used in ML-DSA signing
 * as defined in NIST FIPS 204 Section 6.2 ... When the value is EXTERNAL_MU KMS skips the
 * concatenated hashing of the public key hash and the message done in the ML-DSA signing
 * algorithm." So:
 * - RAW is ML-DSA.Sign (FIPS 204, Algorithm 2), pure ML-DSA with the empty context string:
 *   M' = 0x00 || 0x00 || M, and Sign_internal computes mu = H(tr || M', 64);
 * - EXTERNAL_MU is the caller's mu = H(tr || M', 64), given to ML-DSA.Sign_internal
 *   (Algorithm 7) in place of its step 6, so the signature is the one of the message M.
 * Signing is hedged (FIPS 204, 3.4): rnd is 32 fresh bytes from the injected provider.
 * Signatures are FIPS 204's encoding as it is: 2420, 3309 or 4627 bytes.
 */
import { encodeModuleLatticeKeyPair } from '../der/module-lattice-key.js';
import { randomBytes } from '../keypairs/bytes.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { PrivateKeyAccess } from './access.js';
import type { KmsKeyMaterial } from './generate.js';
import { ML_DSA, readModuleLatticePublicKey, withExpandedKey } from './module-lattice.js';
import type { MlDsaKeySpec, MlDsaMessageType } from './specs.js';

/** FIPS 204, 3.6.1: the seed xi of ML-DSA.KeyGen is 32 bytes. */
const SEED_BYTES = 32;
/** FIPS 204, Algorithm 2: rnd, the 32 random bytes of hedged signing. */
const RND_BYTES = 32;
/** FIPS 204, Algorithm 7, step 6: mu = H(tr || M', 64), 64 bytes. */
export const MU_BYTES = 64;

/** A new ML-DSA key pair from a 32-byte seed drawn from the provider (ML-DSA.KeyGen). */
export function generateMlDsaKeyMaterial(
  spec: MlDsaKeySpec,
  crypto: CryptoProvider,
): KmsKeyMaterial {
  const { parameterSet, dsa } = ML_DSA[spec];
  const seed = randomBytes(crypto, SEED_BYTES);
  const { publicKey, secretKey } = dsa.keygen(seed);
  secretKey.fill(0);
  try {
    return encodeModuleLatticeKeyPair(parameterSet, seed, publicKey);
  } finally {
    seed.fill(0);
  }
}

export async function signMlDsa(
  spec: MlDsaKeySpec,
  access: PrivateKeyAccess,
  messageType: MlDsaMessageType,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const { dsa } = ML_DSA[spec];
  const extraEntropy = randomBytes(crypto, RND_BYTES);
  try {
    return await withExpandedKey(spec, access, (secretKey) =>
      messageType === 'RAW'
        ? dsa.sign(message, secretKey, { extraEntropy })
        : dsa.internal.sign(message, secretKey, { extraEntropy, externalMu: true }),
    );
  } finally {
    extraEntropy.fill(0);
  }
}

/** False for any signature that does not verify, including one of the wrong length. */
export function verifyMlDsa(
  spec: MlDsaKeySpec,
  spki: Uint8Array,
  messageType: MlDsaMessageType,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  const { dsa } = ML_DSA[spec];
  const publicKey = readModuleLatticePublicKey(spec, spki);
  try {
    return messageType === 'RAW'
      ? dsa.verify(signature, message, publicKey)
      : dsa.internal.verify(signature, message, publicKey, { externalMu: true });
  } catch {
    return false;
  }
}
