/**
 * Ed25519 for ECC_NIST_EDWARDS25519 KMS keys; signatures are the raw 64 bytes of RFC 8032.
 *
 * AWS: "ED25519_SHA_512 signing algorithm requires KMS MessageType:RAW; ED25519_PH_SHA_512
 * signing algorithm requires KMS MessageType:DIGEST. When you specify the ED25519_PH_SHA_512
 * signing algorithm with MessageType:DIGEST, KMS still performs the SHA-512 prehash". So
 * ED25519_SHA_512 is pure Ed25519 over the message, and ED25519_PH_SHA_512 is Ed25519ph
 * (RFC 8032 HashEdDSA, dom2 with phflag 1 and an empty context) with the 64 given bytes as
 * its message: PH(M) = SHA-512 of those bytes.
 */
import { ed25519, ed25519ph } from '@noble/curves/ed25519.js';
import { webCryptoBytes, webCryptoVerifies } from '../keypairs/bytes.js';
import { ed25519With } from '../keypairs/noble.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { PrivateKeyAccess } from './access.js';
import { readPrivateKey } from './keys.js';
import { ed25519phWith } from './noble.js';
import { type PublicKeyHandle, publicKeyOf } from './public-keys.js';
import type { MessageType } from './specs.js';

const SPEC = 'ECC_NIST_EDWARDS25519';
const ED25519 = { name: 'Ed25519' } as const;

/** Pure Ed25519 with WebCrypto where the runtime has it, else noble from the seed. */
async function signPure(
  access: PrivateKeyAccess,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  let key: CryptoKey | undefined;
  try {
    key = await access.webCryptoKey('Ed25519', ED25519, ['sign']);
  } catch {
    // Browsers and Node without Ed25519 reject the import with NotSupportedError.
  }
  if (key !== undefined) {
    return new Uint8Array(await crypto.subtle.sign(ED25519, key, webCryptoBytes(message)));
  }
  const { privateKey: seed } = await readPrivateKey(SPEC, access);
  return ed25519With(crypto).sign(message, seed);
}

export async function signEd25519(
  access: PrivateKeyAccess,
  messageType: MessageType,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  if (messageType === 'RAW') return signPure(access, message, crypto);
  // WebCrypto has no Ed25519ph.
  const { privateKey: seed } = await readPrivateKey(SPEC, access);
  return ed25519phWith(crypto).sign(message, seed);
}

/**
 * As keypairs/ed25519.ts verifies pure Ed25519 (WebCrypto where the runtime has it, else
 * noble; strict RFC 8032 rules either way), with the key imported once per KMS key.
 */
async function verifyPure(
  publicKey: PublicKeyHandle,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  let key: CryptoKey;
  try {
    key = await publicKey.webCryptoKey('Ed25519', 'raw', ED25519, ['verify']);
  } catch {
    try {
      // zip215: false is RFC 8032 / FIPS 186-5 verification, as OpenSSL and WebCrypto do it.
      return ed25519.verify(signature, message, publicKey.info.publicKey, { zip215: false });
    } catch {
      return false;
    }
  }
  return webCryptoVerifies(crypto, ED25519, key, signature, message);
}

/** RFC 8032 / FIPS 186-5 verification (not ZIP 215); false for any bad signature. */
export async function verifyEd25519Signature(
  spki: Uint8Array,
  messageType: MessageType,
  message: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  const handle = publicKeyOf(SPEC, spki, crypto);
  const publicKey = handle.info.publicKey;
  if (messageType === 'RAW') return verifyPure(handle, message, signature, crypto);
  try {
    // Public values only, so noble's shared instance draws no randomness here.
    return ed25519ph.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
