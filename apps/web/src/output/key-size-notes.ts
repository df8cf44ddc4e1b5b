import { KEY_PAIR_SPECS, type SupportedDataKeyPairSpec } from '@kms-lab/core';

/** Why a key of a data key pair is the size it is, where that surprises: ML-KEM's. */
export interface KeySizeNotes {
  publicKey?: string | undefined;
  privateKey?: string | undefined;
}

/**
 * ML-KEM pairs: the public key is the encapsulation key in an SPKI, and the private key the
 * 86-byte seed form at every level, as AWS returns it ("the length of the private key is the
 * same for all ML-KEM key pair specs"). Nothing to say for the other specs.
 */
export function keySizeNotes(spec: SupportedDataKeyPairSpec | undefined): KeySizeNotes {
  const info = spec && Object.hasOwn(KEY_PAIR_SPECS, spec) ? KEY_PAIR_SPECS[spec] : undefined;
  if (info?.family !== 'ml-kem') return {};
  return {
    publicKey: `the ${info.publicKeyBytes}-byte ${info.parameterSet} encapsulation key ek in a SubjectPublicKeyInfo`,
    privateKey: `86 bytes at every ML-KEM level (512, 768 and 1024 alike): the PKCS #8 holds only the 64-byte seed d || z, from which the ${info.parameterSet} decapsulation key is derived when it is needed`,
  };
}
