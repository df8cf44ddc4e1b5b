/**
 * The key material to import, made or read in the page: random bytes for symmetric and HMAC
 * keys, a WebCrypto key pair's PKCS #8 for RSA and NIST-curve keys, the engine's key pair
 * generator's (noble's curves) for secp256k1 and SM2, which WebCrypto lacks, or what the user
 * pastes.
 * Callers hold the bytes only until they are wrapped, then zero them.
 */
import { fromBase64, fromHex } from '../../../lib/bytes';
import { pemBody } from '../../../lib/pem';

/** AWS: symmetric material is a 256-bit key; HMAC material as long as the digest. */
const RAW_MATERIAL_BYTES: Readonly<Record<string, number>> = {
  SYMMETRIC_DEFAULT: 32,
  HMAC_224: 28,
  HMAC_256: 32,
  HMAC_384: 48,
  HMAC_512: 64,
};

const NAMED_CURVES: Readonly<Record<string, string>> = {
  ECC_NIST_P256: 'P-256',
  ECC_NIST_P384: 'P-384',
  ECC_NIST_P521: 'P-521',
};

/** The curves WebCrypto does not have: their pairs come from @kms-lab/core, loaded lazily. */
const NOBLE_CURVE_SPECS = new Set(['ECC_SECG_P256K1', 'SM2']);

/** Raw bytes (symmetric and HMAC keys) or a PKCS #8 private key (RSA and the curves). */
export const isRawMaterial = (keySpec: string) => RAW_MATERIAL_BYTES[keySpec] !== undefined;

export const rawMaterialBytes = (keySpec: string) => RAW_MATERIAL_BYTES[keySpec];

/** What the material of a key of this spec is, in words. */
export function materialKind(keySpec: string): string {
  const raw = RAW_MATERIAL_BYTES[keySpec];
  if (raw !== undefined) return `${raw} random bytes (a ${raw * 8}-bit key)`;
  return `a ${keySpec} private key as DER PKCS #8`;
}

/** Fresh material of the key's spec, made by the browser's CSPRNG or WebCrypto. */
export async function generateMaterial(keySpec: string): Promise<Uint8Array> {
  const raw = RAW_MATERIAL_BYTES[keySpec];
  if (raw !== undefined) return globalThis.crypto.getRandomValues(new Uint8Array(raw));
  if (NOBLE_CURVE_SPECS.has(keySpec)) {
    const { generateKeyPair } = await import('@kms-lab/core');
    const pair = await generateKeyPair(keySpec as 'SM2' | 'ECC_SECG_P256K1', globalThis.crypto);
    return pair.privateKey;
  }
  const curve = NAMED_CURVES[keySpec];
  const algorithm = curve
    ? { name: 'ECDSA', namedCurve: curve }
    : {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: Number(keySpec.replace('RSA_', '')),
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      };
  // Extractable only so its PKCS #8 can be wrapped; the CryptoKeys are dropped right after.
  const pair = (await globalThis.crypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  return new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', pair.privateKey));
}

/**
 * Material pasted by the user: hex or base64 of the raw key for symmetric and HMAC keys, a
 * PEM PRIVATE KEY (PKCS #8) for RSA, ECC and SM2 keys. Throws, saying what was expected.
 */
export function readPastedMaterial(keySpec: string, text: string): Uint8Array {
  const raw = RAW_MATERIAL_BYTES[keySpec];
  if (raw === undefined) {
    const pem = pemBody(text);
    if (pem?.label !== 'PRIVATE KEY')
      throw new Error(
        `Expected a PEM "PRIVATE KEY" block (PKCS #8) of a ${keySpec} key, such as openssl genpkey writes.`,
      );
    return pem.der;
  }
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F\s:]+$/.test(trimmed) ? fromHex(trimmed) : fromBase64(trimmed);
  if (bytes.length !== raw)
    throw new Error(
      `A ${keySpec} key's material is ${raw} bytes (${raw * 2} hex digits), not ${bytes.length}.`,
    );
  return bytes;
}
