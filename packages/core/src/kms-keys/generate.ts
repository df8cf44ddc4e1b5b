/**
 * Key material for new asymmetric and HMAC KMS keys. The key pair specs share their names and
 * encodings with the data key pair specs, so keypairs/ generates them; an HMAC key is random
 * bytes as long as its digest (AWS: HMAC_224 keys are 224 bits, ..., HMAC_512 keys 512 bits);
 * ML-DSA and ML-KEM keys come from a seed drawn from the provider (ml-dsa-signing.ts,
 * encapsulation.ts).
 */

import { randomBytes } from '../keypairs/bytes.js';
import { generateKeyPair } from '../keypairs/index.js';
import type { CryptoProvider } from '../keypairs/types.js';
import { generateMlKemKeyMaterial } from './encapsulation.js';
import { generateMlDsaKeyMaterial } from './ml-dsa-signing.js';
import {
  HMAC_SPECS,
  isHmacKeySpec,
  isKeyPairKeySpec,
  isMlDsaKeySpec,
  isMlKemKeySpec,
  type KmsKeyMaterialSpec,
} from './specs.js';

export interface KmsKeyMaterial {
  /** DER SubjectPublicKeyInfo; absent for HMAC keys. */
  publicKey?: Uint8Array;
  /**
   * DER PKCS #8 PrivateKeyInfo for key pairs (the seed alone for ML-DSA and ML-KEM), the raw
   * key for HMAC.
   */
  privateKey: Uint8Array;
}

export async function generateKmsKeyMaterial(
  spec: KmsKeyMaterialSpec,
  crypto: CryptoProvider,
): Promise<KmsKeyMaterial> {
  if (isHmacKeySpec(spec)) return { privateKey: randomBytes(crypto, HMAC_SPECS[spec].keyBytes) };
  if (isKeyPairKeySpec(spec)) return generateKeyPair(spec, crypto);
  if (isMlDsaKeySpec(spec)) return generateMlDsaKeyMaterial(spec, crypto);
  if (isMlKemKeySpec(spec)) return generateMlKemKeyMaterial(spec, crypto);
  throw new Error(`generateKmsKeyMaterial: no key material for key spec ${String(spec)}`);
}
