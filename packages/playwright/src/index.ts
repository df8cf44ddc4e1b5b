// @kms-lab/playwright: Playwright fixtures that give each test a KMS (README.md).
export { expect } from '@playwright/test';
export {
  KMS_LAB_CREDENTIALS,
  type KmsLab,
  type KmsLabTestFixtures,
  type KmsLabTestOptions,
  type KmsLabWorkerFixtures,
  type KmsLabWorkerOptions,
  type KmsMode,
  kmsFixtures,
  test,
} from './fixtures.js';
export { answerRoutedRequest, routeKmsEndpoint } from './page-route.js';
export type { KmsLabSeed } from './seed-file.js';
export {
  type KmsServerOptions,
  type KmsServerProcess,
  kmsLabBin,
  startKmsServer,
} from './server-process.js';
