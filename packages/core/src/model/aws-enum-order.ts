/**
 * The order AWS lists an enum's values in a ValidationException ("Member must satisfy enum
 * value set: [...]"), where it is recorded and differs from the API model's order. AWS's
 * order is not the model's: it comes from the service's own sets. Values added to the model
 * after the recording follow the recorded ones, in the model's order (their place in AWS's
 * list is not recorded). Every other enum is listed in the model's order.
 */
const RECORDED_ORDER: Readonly<Record<string, readonly string[]>> = {
  // Recorded from AWS: "[HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]".
  MacAlgorithmSpec: ['HMAC_SHA_384', 'HMAC_SHA_256', 'HMAC_SHA_224', 'HMAC_SHA_512'],
  // Recorded before KEY_AGREEMENT and ENCAPSULATE_DECAPSULATE existed.
  KeyUsageType: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC'],
  // Recorded before SM2, ECC_NIST_EDWARDS25519, ML-DSA and ML-KEM existed.
  KeySpec: [
    'RSA_2048',
    'ECC_NIST_P384',
    'ECC_NIST_P256',
    'ECC_NIST_P521',
    'HMAC_384',
    'RSA_3072',
    'ECC_SECG_P256K1',
    'RSA_4096',
    'SYMMETRIC_DEFAULT',
    'HMAC_256',
    'HMAC_224',
    'HMAC_512',
  ],
};

const ordered = new Map<string, string>();

/** The enum's values as AWS lists them in a validation message: `[A, B, ...]`. */
export function awsEnumList(shapeName: string, values: readonly string[]): string {
  const cacheKey = `${shapeName}[${values.join()}]`;
  let list = ordered.get(cacheKey);
  if (list === undefined) {
    const recorded = (RECORDED_ORDER[shapeName] ?? []).filter((value) => values.includes(value));
    const rest = values.filter((value) => !recorded.includes(value));
    list = `[${[...recorded, ...rest].join(', ')}]`;
    ordered.set(cacheKey, list);
  }
  return list;
}
