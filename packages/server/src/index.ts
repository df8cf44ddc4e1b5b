// @kms-lab/server: a local AWS KMS endpoint on KMS Lab's engine, and its file key store.
export { banner, main, USAGE, version } from './cli.js';
export {
  DEFAULT_DATA_FILE,
  ENVIRONMENT,
  LOG_LEVELS,
  type LogLevel,
  MEMORY_DATA,
  parseCorsOrigins,
  resolveServeConfig,
  type ServeConfig,
  UsageError,
} from './config.js';
export { type CorsDecision, corsDecision } from './cors.js';
export {
  type CredentialEntry,
  CredentialsFileError,
  credentialEntriesFrom,
  credentialsFrom,
  loadCredentials,
} from './credentials.js';
export { FileKeyStore, KeyStoreFileError, readKeyStoreFiles } from './file-store.js';
export { journalPath } from './journal.js';
export { describeSeedResult, loadSeedFile, SeedFileError } from './seed.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REGION,
  type RunningServer,
  type ServerOptions,
  startServer,
} from './server.js';
export { type SigV4Result, verifySigV4 } from './sigv4.js';
export {
  parseStore,
  STORE_FORMAT,
  STORE_VERSION,
  StoreFormatError,
  serializeStore,
} from './store-format.js';
export { readStoreKey, StoreKeyError, storeKeyPath } from './store-key.js';
