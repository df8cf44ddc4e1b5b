// @kms-lab/server: a local AWS KMS endpoint on KMS Lab's engine, and its file key store.
export { main, USAGE } from './cli.js';
export {
  type CredentialEntry,
  CredentialsFileError,
  credentialEntriesFrom,
  credentialsFrom,
  loadCredentials,
} from './credentials.js';
export { FileKeyStore, KeyStoreFileError, readKeyStoreFiles } from './file-store.js';
export { journalPath } from './journal.js';
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
