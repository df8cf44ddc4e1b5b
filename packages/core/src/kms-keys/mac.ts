/**
 * GenerateMac and VerifyMac with HMAC KMS keys (RFC 2104). HMAC_SHA_256/384/512 go through
 * WebCrypto; WebCrypto has no SHA-224, so HMAC_SHA_224 is @noble/hashes' hmac(sha224) over
 * the raw key. AWS pairs each HMAC key spec with one algorithm (HMAC_224 with HMAC_SHA_224 ...).
 */
import { equalBytes } from '@noble/curves/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha224 } from '@noble/hashes/sha2.js';
import { bufferSource } from '../keypairs/bytes.js';
import type { CryptoProvider } from '../keypairs/types.js';
import type { KeySpec, MacAlgorithmSpec } from '../model/types.generated.js';
import type { PrivateKeyAccess } from './access.js';
import { requireMacAlgorithm } from './specs.js';

/** The HMAC of `message` under the KMS key, as GenerateMac returns it. */
export async function generateMac(
  spec: KeySpec,
  access: PrivateKeyAccess,
  algorithm: MacAlgorithmSpec,
  message: Uint8Array,
  crypto: CryptoProvider,
): Promise<Uint8Array> {
  const { webCryptoHash, keyBytes } = requireMacAlgorithm(spec, algorithm);
  if (webCryptoHash === undefined) {
    const key = await access.bytes();
    if (key.length !== keyBytes) {
      throw new Error(`${spec}: the KMS key is ${key.length} bytes, expected ${keyBytes}`);
    }
    return hmac(sha224, key, message);
  }
  const key = await access.webCryptoKey(
    `HMAC/${webCryptoHash}`,
    { name: 'HMAC', hash: webCryptoHash },
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, bufferSource(message)));
}

/**
 * Whether `mac` is the HMAC of `message` under the KMS key. The comparison takes the same time
 * wherever the bytes differ, so timing does not show how much of a forged MAC is right.
 */
export async function verifyMac(
  spec: KeySpec,
  access: PrivateKeyAccess,
  algorithm: MacAlgorithmSpec,
  message: Uint8Array,
  mac: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean> {
  const expected = await generateMac(spec, access, algorithm, message, crypto);
  return equalBytes(expected, mac);
}
