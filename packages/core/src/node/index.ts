/** Node-only additions to @kms-lab/core: `import { ... } from '@kms-lab/core/node'`. */

export { createNodeCrypto } from './node-crypto.js';
export {
  createThreadedKeyPairGenerator,
  type ThreadedKeyPairGenerator,
  type ThreadedKeyPairGeneratorOptions,
} from './threaded-key-pair-generator.js';
