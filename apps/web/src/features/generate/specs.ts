import {
  ADVANCE_TO_DATA_KEY_PAIR_SPEC,
  AdvanceKeyPairSpec,
  KEY_PAIR_SPECS,
  type SupportedDataKeyPairSpec,
} from '@kms-lab/core';

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

/** Every data key pair spec, ML_KEM_512/768/1024 included; Alibaba has no ML-KEM spec. */
export const AWS_SPECS = Object.keys(KEY_PAIR_SPECS) as SupportedDataKeyPairSpec[];
export const ALIBABA_SPECS = Object.keys(AdvanceKeyPairSpec) as AdvanceKeyPairSpec[];

export function awsSpecOf(spec: string): SupportedDataKeyPairSpec {
  if (Object.hasOwn(ADVANCE_TO_DATA_KEY_PAIR_SPEC, spec))
    return ADVANCE_TO_DATA_KEY_PAIR_SPEC[spec as AdvanceKeyPairSpec];
  return spec as SupportedDataKeyPairSpec;
}
