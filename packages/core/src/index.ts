// @kms-lab/core: an isomorphic key management service. Nothing here reads globals at
// import time; WebCrypto, storage and the clock are given to createKms.

export type * from './alibaba/types.js';
// The roots are here; making and verifying documents is in '@kms-lab/core/attestation', so
// that a bundle of this entry point carries no pkijs until a Recipient is used.
export {
  ADVANCE_TO_DATA_KEY_PAIR_SPEC,
  AdvanceKeyPairSpec,
  MAX_AAD_BYTES,
} from './alibaba/types.js';
export {
  type AttestationRoot,
  AWS_NITRO_ENCLAVES_ROOT_PEM,
  CertificateBundleError,
  DEFAULT_ATTESTATION_ROOTS,
  DEV_ATTESTATION_ROOT_PEM,
  DEV_ATTESTATION_ROOT_PRIVATE_KEY_PEM,
  readCertificateBundle,
} from './attestation/roots.js';
export {
  AadKind,
  BLOB_VERSION,
  BlobFormatError,
  type BlobHeader,
  type ParsedBlob,
  parseBlob,
} from './blob/ciphertext.js';
export { encodeEncryptionContext } from './blob/encryption-context.js';
export { createSm2, SM2_CURVE_OID, SM2_DEFAULT_ID, sm2 } from './curves/sm2.js';
export * from './der/index.js';
export {
  type AlibabaErrorCode,
  type AwsExceptionName,
  type ErrorName,
  type GrantExceptionName,
  type ImportExceptionName,
  isKmsError,
  KmsError,
} from './errors.js';
export { sm3 } from './hashes/sm3.js';
export * from './keypairs/index.js';
export type { CryptoProvider, DerKeyPair, KeyPairGenerator } from './keypairs/types.js';
export { aliasArn, keyArn, parseKeyReference, partitionOf } from './kms/identifiers.js';
export {
  createKms,
  DEFAULT_ROTATION_PERIOD_DAYS,
  Kms,
  type KmsOptions,
  MAX_ON_DEMAND_ROTATIONS,
  type SeedResult,
} from './kms/kms.js';
export {
  ALIBABA_LIMITS,
  AWS_DATA_KEY_PAIR_QUOTAS,
  AWS_LIMITS,
  type KmsLimits,
} from './kms/limits.js';
export {
  createKmsPartition,
  KmsPartition,
  type KmsPartitionOptions,
  MemoryRegionalKeyStore,
  type RegionalKeyStore,
} from './kms/multi-region/partition.js';
export { REGION_PATTERN, type RegionDirectory } from './kms/multi-region/regions.js';
export { enforcePolicies } from './kms/policy/enforce.js';
export { KeyPairPool, type KeyPairPoolSizes } from './kms/pool.js';
export { seededKeyMaterialId } from './kms/seed.js';
export { EMULATED_OPERATIONS, kmsModel } from './model/model.generated.js';
export type { ModelIndex, OperationShape, Shape } from './model/model-types.js';
export * from './model/types.generated.js';
export { validateInput } from './model/validate.js';
export {
  ALIBABA_API_NAMES,
  ALIBABA_ROUTE_PREFIX,
  type AlibabaApiName,
  alibabaErrorResponse,
  handleAlibabaRequest,
} from './protocol/alibaba-json.js';
export {
  AWS_JSON_CONTENT_TYPE,
  AWS_OPERATIONS,
  awsErrorResponse,
  awsTarget,
  handleAwsJsonRequest,
  operationOfTarget,
} from './protocol/aws-json.js';
export {
  handleKmsHttpRequest,
  type KmsRoute,
  routeErrorResponse,
  routeOf,
} from './protocol/router.js';
export {
  createKmsRequestHandler,
  type KmsRequestHandler,
  regionOfAuthorization,
  type SdkHttpRequest,
  type SdkHttpResponse,
} from './protocol/sdk-request-handler.js';
export type { WireHeaders, WireRequest, WireResponse } from './protocol/wire.js';
export {
  type KmsSeed,
  parseSeed,
  SEED_FORMAT,
  SeedError,
  type SeedPlan,
} from './seed/parse.js';
export { readSeededPrivateKey, type SeededKeyPair, SeedKeyError } from './seed/private-key.js';
export { MemoryKeyStore } from './store/memory.js';
export type {
  KeyMaterialSecret,
  KeyStore,
  PrivateKeySecret,
  StoredAlias,
  StoredGrant,
  StoredImportParameters,
  StoredImportTerms,
  StoredKey,
  StoredKeyMaterial,
  StoredPrivateKey,
} from './store/types.js';
