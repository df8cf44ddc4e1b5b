/**
 * Encapsulate and Decapsulate with ML_KEM_512/768/1024 KMS keys: ML-KEM.Encaps and
 * ML-KEM.Decaps of FIPS 203 (Algorithms 20 and 21), whose shared secret K is 32 bytes and
 * whose ciphertext is 768, 1088 or 1568 bytes. Encaps draws its 32-byte m from the injected
 * provider. AWS, Decapsulate: "Decapsulate returns an InvalidCiphertextException when the
 * length of the SharedSecretCiphertextBlob is inconsistent with the ML-KEM key spec. In all
 * other cases, Decapsulate returns a 32-byte pseudo-random value. This is true even when the
 * SharedSecretCiphertextBlob was created using a different ML-KEM key or altered from its
 * original value" (FIPS 203's implicit rejection: K-bar = J(z || c)).
 */
import { randomBytes } from '../keypairs/bytes.js';
import { generateMlKemKeyPair } from '../keypairs/ml-kem.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { KeySpec } from '../model/types.generated.js';
import type { PrivateKeyAccess } from './access.js';
import type { KmsKeyMaterial } from './generate.js';
import { ciphertextLengthMismatch } from './kms-errors.js';
import { ML_KEM, readModuleLatticePublicKey, withExpandedKey } from './module-lattice.js';
import { type MlKemKeySpec, requireEncapsulationSpec } from './specs.js';

/** FIPS 203, Algorithm 20: the message m of ML-KEM.Encaps is 32 bytes. */
const MESSAGE_BYTES = 32;

/**
 * A new ML-KEM key pair from a 64-byte seed d || z drawn from the provider: the same pair as an
 * ML-KEM data key pair of the same name (keypairs/ml-kem.ts), SPKI and seed-form PKCS #8.
 */
export function generateMlKemKeyMaterial(
  spec: MlKemKeySpec,
  crypto: CryptoProvider,
): Promise<KmsKeyMaterial> {
  return generateMlKemKeyPair(spec, crypto);
}

export interface Encapsulation {
  /** K, 32 bytes. */
  sharedSecret: Uint8Array;
  /** c, the SharedSecretCiphertextBlob. */
  ciphertext: Uint8Array;
}

/** ML-KEM.Encaps to the KMS key's public key (DER SPKI). */
export function encapsulate(
  spec: KeySpec,
  publicKeySpki: Uint8Array,
  crypto: CryptoProvider,
): Encapsulation {
  const keySpec = requireEncapsulationSpec(spec);
  const encapsulationKey = readModuleLatticePublicKey(keySpec, publicKeySpki);
  const message = randomBytes(crypto, MESSAGE_BYTES);
  try {
    const { sharedSecret, cipherText } = ML_KEM[keySpec].kem.encapsulate(encapsulationKey, message);
    // noble's K is a view of a larger buffer: the copy is K alone.
    const secret = sharedSecret.slice();
    sharedSecret.fill(0);
    return { sharedSecret: secret, ciphertext: cipherText };
  } finally {
    message.fill(0);
  }
}

/**
 * ML-KEM.Decaps with the KMS key's private key. A ciphertext of the wrong length is AWS's
 * InvalidCiphertextException; any other gives 32 bytes, the shared secret or FIPS 203's
 * implicit rejection.
 */
export async function decapsulate(
  spec: KeySpec,
  access: PrivateKeyAccess,
  ciphertext: Uint8Array,
): Promise<Uint8Array> {
  const keySpec = requireEncapsulationSpec(spec);
  const expected = ML_KEM[keySpec].ciphertextBytes;
  if (ciphertext.length !== expected)
    throw ciphertextLengthMismatch(keySpec, expected, ciphertext.length);
  return withExpandedKey(keySpec, access, (secretKey) =>
    ML_KEM[keySpec].kem.decapsulate(ciphertext, secretKey),
  );
}
