/**
 * The public face of the engine: `createKms()` and the `Kms` class, one method per AWS KMS
 * operation (named in lowerCamelCase, with the AWS SDK v3's input and output types) and
 * per Alibaba Cloud Advance operation. Each method hands its request to the module of its
 * operation family in operations/ (docs/design.md has the table).
 */
import * as advance from '../alibaba/advance.js';
import type {
  AdvanceDecryptRequest,
  AdvanceGenerateDataKeyPairRequest,
  AlibabaOperations,
} from '../alibaba/types.js';
import type * as T from '../model/types.generated.js';
import { type KmsSeed, parseSeed } from '../seed/parse.js';
import { KmsContext } from './context.js';
import * as aliases from './operations/aliases.js';
import * as asymmetric from './operations/asymmetric.js';
import * as dataKeys from './operations/data-keys.js';
import * as encapsulation from './operations/encapsulation.js';
import * as encryption from './operations/encryption.js';
import * as grants from './operations/grants.js';
import * as imports from './operations/imports.js';
import * as keyPolicies from './operations/key-policies.js';
import * as keys from './operations/keys.js';
import * as mac from './operations/mac.js';
import * as multiRegion from './operations/multi-region.js';
import * as reEncryption from './operations/re-encrypt.js';
import * as rotation from './operations/rotation.js';
import * as tags from './operations/tags.js';
import type { KmsOptions } from './options.js';
import type { KeyPairPool } from './pool.js';
import { applySeed, EMPTY_SEED_RESULT, type SeedResult } from './seed.js';

export { DEFAULT_ROTATION_PERIOD_DAYS, MAX_ON_DEMAND_ROTATIONS } from './operations/rotation.js';
export type { KmsOptions } from './options.js';
export type { SeedResult } from './seed.js';

/** Creates a KMS. See README.md for a walk-through. */
export function createKms(options: KmsOptions = {}): Kms {
  return new Kms(options);
}

export class Kms implements T.KmsOperations, AlibabaOperations {
  readonly #kms: KmsContext;

  constructor(options: KmsOptions = {}) {
    this.#kms = new KmsContext(options);
  }

  get region(): string {
    return this.#kms.region;
  }
  get accountId(): string {
    return this.#kms.accountId;
  }
  /** The warm pool, when `pool` was given: `warm()` waits until it is full. */
  get pool(): KeyPairPool | undefined {
    return this.#kms.pool;
  }
  /** Stops background work (the pool's refilling); the engine still answers. */
  close(): void {
    this.#kms.pool?.close();
  }
  /**
   * Resolves once the `seed` given to createKms is applied, with the keys and aliases it
   * created and those it left alone because they existed; rejects with a SeedError if it
   * could not be applied (then nothing of it was stored).
   */
  seeded(): Promise<SeedResult> {
    return this.#kms.seeding ?? Promise.resolve(EMPTY_SEED_RESULT);
  }
  /**
   * Applies a seed to the running engine, as `createKms({ seed })` does at start: creates
   * the keys and aliases that do not exist and leaves those that do. A seed that is not
   * valid, or whose alias names no key, throws a SeedError and stores nothing. (The web app
   * imports seed files with it.)
   */
  async applySeed(seed: KmsSeed): Promise<SeedResult> {
    const plan = parseSeed(seed);
    await this.#kms.seeding?.catch(() => undefined);
    return applySeed(this.#kms, plan);
  }
  /** The engine's current time, for UIs that move the clock. */
  now(): Date {
    return this.#kms.now();
  }
  /**
   * The key policy condition keys of a Recipient's attestation document
   * (`kms:RecipientAttestation:ImageSha384` and `kms:RecipientAttestation:PCR<n>`), verified as
   * the operations verify it; undefined without a Recipient. For policy enforcement
   * (`enforcePolicies`); a document that fails is the operation's ValidationException.
   */
  async recipientConditionKeys(
    recipient: T.RecipientInfo | undefined,
  ): Promise<Record<string, string> | undefined> {
    return (await this.#kms.recipient(recipient))?.attestation.conditionKeys;
  }

  // Keys: operations/keys.ts
  createKey(input: T.CreateKeyCommandInput = {}) {
    return keys.createKey(this.#kms, input);
  }
  describeKey(input: T.DescribeKeyCommandInput) {
    return keys.describeKey(this.#kms, input);
  }
  listKeys(input: T.ListKeysCommandInput = {}) {
    return keys.listKeys(this.#kms, input);
  }
  enableKey(input: T.EnableKeyCommandInput) {
    return keys.enableKey(this.#kms, input);
  }
  disableKey(input: T.DisableKeyCommandInput) {
    return keys.disableKey(this.#kms, input);
  }
  scheduleKeyDeletion(input: T.ScheduleKeyDeletionCommandInput) {
    return keys.scheduleKeyDeletion(this.#kms, input);
  }
  cancelKeyDeletion(input: T.CancelKeyDeletionCommandInput) {
    return keys.cancelKeyDeletion(this.#kms, input);
  }
  updateKeyDescription(input: T.UpdateKeyDescriptionCommandInput) {
    return keys.updateKeyDescription(this.#kms, input);
  }

  // Multi-Region keys: operations/multi-region.ts
  replicateKey(input: T.ReplicateKeyCommandInput) {
    return multiRegion.replicateKey(this.#kms, input);
  }
  updatePrimaryRegion(input: T.UpdatePrimaryRegionCommandInput) {
    return multiRegion.updatePrimaryRegion(this.#kms, input);
  }
  // Imported key material: operations/imports.ts
  getParametersForImport(input: T.GetParametersForImportCommandInput) {
    return imports.getParametersForImport(this.#kms, input);
  }
  importKeyMaterial(input: T.ImportKeyMaterialCommandInput) {
    return imports.importKeyMaterial(this.#kms, input);
  }
  deleteImportedKeyMaterial(input: T.DeleteImportedKeyMaterialCommandInput) {
    return imports.deleteImportedKeyMaterial(this.#kms, input);
  }

  // Tags: operations/tags.ts
  tagResource(input: T.TagResourceCommandInput) {
    return tags.tagResource(this.#kms, input);
  }
  untagResource(input: T.UntagResourceCommandInput) {
    return tags.untagResource(this.#kms, input);
  }
  listResourceTags(input: T.ListResourceTagsCommandInput) {
    return tags.listResourceTags(this.#kms, input);
  }

  // Grants: operations/grants.ts
  createGrant(input: T.CreateGrantCommandInput) {
    return grants.createGrant(this.#kms, input);
  }
  listGrants(input: T.ListGrantsCommandInput) {
    return grants.listGrants(this.#kms, input);
  }
  listRetirableGrants(input: T.ListRetirableGrantsCommandInput = {}) {
    return grants.listRetirableGrants(this.#kms, input);
  }
  retireGrant(input: T.RetireGrantCommandInput = {}) {
    return grants.retireGrant(this.#kms, input);
  }
  revokeGrant(input: T.RevokeGrantCommandInput) {
    return grants.revokeGrant(this.#kms, input);
  }

  // Key policies: operations/key-policies.ts
  getKeyPolicy(input: T.GetKeyPolicyCommandInput) {
    return keyPolicies.getKeyPolicy(this.#kms, input);
  }
  putKeyPolicy(input: T.PutKeyPolicyCommandInput) {
    return keyPolicies.putKeyPolicy(this.#kms, input);
  }
  listKeyPolicies(input: T.ListKeyPoliciesCommandInput) {
    return keyPolicies.listKeyPolicies(this.#kms, input);
  }

  // Aliases: operations/aliases.ts
  createAlias(input: T.CreateAliasCommandInput) {
    return aliases.createAlias(this.#kms, input);
  }
  updateAlias(input: T.UpdateAliasCommandInput) {
    return aliases.updateAlias(this.#kms, input);
  }
  deleteAlias(input: T.DeleteAliasCommandInput) {
    return aliases.deleteAlias(this.#kms, input);
  }
  listAliases(input: T.ListAliasesCommandInput = {}) {
    return aliases.listAliases(this.#kms, input);
  }

  // Rotation: operations/rotation.ts
  enableKeyRotation(input: T.EnableKeyRotationCommandInput) {
    return rotation.enableKeyRotation(this.#kms, input);
  }
  disableKeyRotation(input: T.DisableKeyRotationCommandInput) {
    return rotation.disableKeyRotation(this.#kms, input);
  }
  getKeyRotationStatus(input: T.GetKeyRotationStatusCommandInput) {
    return rotation.getKeyRotationStatus(this.#kms, input);
  }
  rotateKeyOnDemand(input: T.RotateKeyOnDemandCommandInput) {
    return rotation.rotateKeyOnDemand(this.#kms, input);
  }
  listKeyRotations(input: T.ListKeyRotationsCommandInput) {
    return rotation.listKeyRotations(this.#kms, input);
  }

  // Encryption: operations/encryption.ts, operations/re-encrypt.ts
  encrypt(input: T.EncryptCommandInput) {
    return encryption.encrypt(this.#kms, input);
  }
  decrypt(input: T.DecryptCommandInput) {
    return encryption.decrypt(this.#kms, input);
  }

  reEncrypt(input: T.ReEncryptCommandInput) {
    return reEncryption.reEncrypt(this.#kms, input);
  }

  // Asymmetric keys: operations/asymmetric.ts
  getPublicKey(input: T.GetPublicKeyCommandInput) {
    return asymmetric.getPublicKey(this.#kms, input);
  }
  sign(input: T.SignCommandInput) {
    return asymmetric.sign(this.#kms, input);
  }
  verify(input: T.VerifyCommandInput) {
    return asymmetric.verify(this.#kms, input);
  }
  deriveSharedSecret(input: T.DeriveSharedSecretCommandInput) {
    return asymmetric.deriveSharedSecret(this.#kms, input);
  }

  // ML-KEM keys: operations/encapsulation.ts
  encapsulate(input: T.EncapsulateCommandInput) {
    return encapsulation.encapsulate(this.#kms, input);
  }
  decapsulate(input: T.DecapsulateCommandInput) {
    return encapsulation.decapsulate(this.#kms, input);
  }

  // HMAC keys: operations/mac.ts
  generateMac(input: T.GenerateMacCommandInput) {
    return mac.generateMac(this.#kms, input);
  }
  verifyMac(input: T.VerifyMacCommandInput) {
    return mac.verifyMac(this.#kms, input);
  }

  // Data keys and data key pairs: operations/data-keys.ts
  generateDataKey(input: T.GenerateDataKeyCommandInput) {
    return dataKeys.generateDataKey(this.#kms, input);
  }
  generateDataKeyWithoutPlaintext(input: T.GenerateDataKeyWithoutPlaintextCommandInput) {
    return dataKeys.generateDataKeyWithoutPlaintext(this.#kms, input);
  }
  generateDataKeyPair(input: T.GenerateDataKeyPairCommandInput) {
    return dataKeys.generateDataKeyPair(this.#kms, input);
  }
  generateDataKeyPairWithoutPlaintext(input: T.GenerateDataKeyPairWithoutPlaintextCommandInput) {
    return dataKeys.generateDataKeyPairWithoutPlaintext(this.#kms, input);
  }
  generateRandom(input: T.GenerateRandomCommandInput = {}) {
    return dataKeys.generateRandom(this.#kms, input);
  }

  // Alibaba Cloud: alibaba/advance.ts
  advanceGenerateDataKeyPair(input: AdvanceGenerateDataKeyPairRequest) {
    return advance.advanceGenerateDataKeyPair(this.#kms, input);
  }
  advanceGenerateDataKeyPairWithoutPlaintext(input: AdvanceGenerateDataKeyPairRequest) {
    return advance.advanceGenerateDataKeyPairWithoutPlaintext(this.#kms, input);
  }
  advanceDecrypt(input: AdvanceDecryptRequest) {
    return advance.advanceDecrypt(this.#kms, input);
  }
}
