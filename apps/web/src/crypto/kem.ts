/**
 * ML-KEM data key pairs in the crypto worker: encapsulation to the public key and
 * decapsulation with the private key (FIPS 203, through the engine), and the pair's spec and
 * public key read from its DER. operations.ts re-exports encapsulate and decapsulate (every
 * export there is a worker operation) and uses the rest.
 */
import {
  type CryptoProvider,
  decapsulateWithPrivateKey,
  encapsulateWithPublicKey,
  KEY_PAIR_SPECS,
  type MlKemEncapsulation,
  type MlKemKeyPairSpec,
  mlKemKeyPairFromSeed,
  parseModuleLatticePrivateKeyInfo,
  parseModuleLatticePublicKey,
  type SupportedDataKeyPairSpec,
} from '@kms-lab/core';

const webCrypto = (): CryptoProvider => globalThis.crypto;

const ML_KEM_SPECS = Object.values(KEY_PAIR_SPECS).filter(
  (info): info is Readonly<MlKemKeyPairSpec> => info.family === 'ml-kem',
);

/** The ML-KEM data key pair spec of an algorithm OID; undefined for any other OID. */
export function mlKemSpecOfOid(oid: string): SupportedDataKeyPairSpec | undefined {
  return ML_KEM_SPECS.find((info) => info.algorithmOid === oid)?.spec;
}

/** ML-KEM.Encaps to the pair's public key: a 32-byte shared secret and its ciphertext. */
export async function encapsulate(
  spec: SupportedDataKeyPairSpec,
  publicKey: Uint8Array,
): Promise<MlKemEncapsulation> {
  return encapsulateWithPublicKey(spec, publicKey, webCrypto());
}

/** ML-KEM.Decaps with the pair's private key: the shared secret the ciphertext carries. */
export async function decapsulate(
  spec: SupportedDataKeyPairSpec,
  privateKey: Uint8Array,
  ciphertext: Uint8Array,
): Promise<Uint8Array> {
  return decapsulateWithPrivateKey(spec, privateKey, ciphertext);
}

/**
 * The spec and SPKI public key of an ML-KEM PKCS #8, from its seed by the engine's own key
 * generation. Undefined when the key is not ML-KEM. A key with only the expanded form is
 * refused: KMS returns the seed form, and the engine reads ek from the seed alone.
 */
export function describeMlKemPrivateKey(
  pkcs8: Uint8Array,
  algorithmOid: string,
): { spec: SupportedDataKeyPairSpec; publicKey: Uint8Array } | undefined {
  const spec = mlKemSpecOfOid(algorithmOid);
  if (!spec) return undefined;
  const key = parseModuleLatticePrivateKeyInfo(pkcs8);
  try {
    if (!key.seed)
      throw new Error(
        `This ${spec} private key holds only the expanded key; paste the seed form KMS returns (86 bytes of DER).`,
      );
    const pair = mlKemKeyPairFromSeed(spec, key.seed);
    pair.privateKey.fill(0);
    return { spec, publicKey: pair.publicKey };
  } finally {
    key.seed?.fill(0);
    key.expandedKey?.fill(0);
  }
}

/** The spec of an ML-KEM SPKI (its key checked for size); undefined when not ML-KEM. */
export function describeMlKemPublicKey(spki: Uint8Array, algorithmOid: string) {
  const spec = mlKemSpecOfOid(algorithmOid);
  if (!spec) return undefined;
  parseModuleLatticePublicKey(spki);
  return spec;
}
