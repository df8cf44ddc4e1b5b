import { AdvanceKeyPairSpec, type DataKeyPairSpec, KEY_PAIR_SPECS } from '@kms-lab/core';

export const AWS_OPERATIONS = [
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
] as const;
export const ALIBABA_OPERATIONS = [
  'AdvanceGenerateDataKeyPair',
  'AdvanceGenerateDataKeyPairWithoutPlaintext',
] as const;
export type GenerateOperation =
  | (typeof AWS_OPERATIONS)[number]
  | (typeof ALIBABA_OPERATIONS)[number];

export const isAlibaba = (operation: string) => operation.startsWith('Advance');
export const returnsPlaintext = (operation: string) => !operation.endsWith('WithoutPlaintext');

export const AWS_SPECS = Object.keys(KEY_PAIR_SPECS) as DataKeyPairSpec[];
export const ALIBABA_SPECS = Object.keys(AdvanceKeyPairSpec) as AdvanceKeyPairSpec[];

/** Alibaba's spec names for the same key pairs as AWS's. */
const ALIBABA_TO_AWS: Readonly<Record<AdvanceKeyPairSpec, DataKeyPairSpec>> = {
  RSA_2048: 'RSA_2048',
  RSA_3072: 'RSA_3072',
  RSA_4096: 'RSA_4096',
  EC_P256: 'ECC_NIST_P256',
  EC_P256K: 'ECC_SECG_P256K1',
  EC_SM2: 'SM2',
};

export function awsSpecOf(spec: string): DataKeyPairSpec {
  if (Object.hasOwn(ALIBABA_TO_AWS, spec)) return ALIBABA_TO_AWS[spec as AdvanceKeyPairSpec];
  return spec as DataKeyPairSpec;
}
