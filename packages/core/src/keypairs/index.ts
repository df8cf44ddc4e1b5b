/**
 * Data key pair generation for every supported DataKeyPairSpec, dispatched by the spec table to one
 * generator per key family.
 */

import { generateEd25519KeyPair } from './ed25519.js';
import { generateMlKemKeyPair } from './ml-kem.js';
import { generateNistKeyPair } from './nist.js';
import { generateRsaKeyPair } from './rsa.js';
import { generateSecp256k1KeyPair } from './secp256k1.js';
import { generateSm2KeyPair } from './sm2.js';
import type { SupportedDataKeyPairSpec } from './specs.js';
import { type KeyFamily, keyPairSpec } from './specs.js';
import type { CryptoProvider, DerKeyPair, KeyPairGenerator } from './types.js';

export {
  decapsulateWithPrivateKey,
  encapsulateWithPublicKey,
  type MlKemEncapsulation,
  mlKemKeyPairFromSeed,
} from './ml-kem.js';
export { normaliseRsaKeyPair } from './rsa.js';
export { type SignOptions, signWithPrivateKey, verifyWithPublicKey } from './sign.js';
export * from './specs.js';
export type { CryptoProvider, DerKeyPair, KeyPairGenerator } from './types.js';

const GENERATORS: Readonly<Record<KeyFamily, KeyPairGenerator>> = {
  rsa: generateRsaKeyPair,
  nist: generateNistKeyPair,
  secp256k1: generateSecp256k1KeyPair,
  sm2: generateSm2KeyPair,
  ed25519: generateEd25519KeyPair,
  'ml-kem': generateMlKemKeyPair,
};

/** A fresh key pair of `spec`: DER SPKI public key and DER PKCS #8 private key. */
export async function generateKeyPair(
  spec: SupportedDataKeyPairSpec,
  crypto: CryptoProvider,
): Promise<DerKeyPair> {
  if (typeof crypto?.getRandomValues !== 'function' || typeof crypto.subtle !== 'object') {
    throw new Error('generateKeyPair: a WebCrypto provider (subtle, getRandomValues) is required');
  }
  return GENERATORS[keyPairSpec(spec).family](spec, crypto);
}
