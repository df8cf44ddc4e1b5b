/**
 * The machinery every operation shares: run with AWS's errors, resolve a key identifier,
 * apply what the clock has made due (due.ts), check key states, paginate, and serialise
 * writes. Blobs are sealed and opened by ciphertexts.ts. Internal: the public face is `Kms`
 * (kms.ts).
 */

import type { AttestedRecipient } from '../attestation/recipient.js';
import { DEFAULT_ATTESTATION_ROOTS, rootsToDer } from '../attestation/roots.js';
import { KmsError, messages } from '../errors.js';
import { generateKeyPair } from '../keypairs/index.js';
import type { SupportedDataKeyPairSpec } from '../keypairs/specs.js';
import type { CryptoProvider, DerKeyPair } from '../keypairs/types.js';
import type * as T from '../model/types.generated.js';
import { validateInput } from '../model/validate.js';
import { parseSeed } from '../seed/parse.js';
import { MemoryKeyStore } from '../store/memory.js';
import type { KeyStore, StoredKey, StoredKeyMaterial } from '../store/types.js';
import { isDue, settleDue } from './due.js';
import { checkGrantTokens } from './grants/grant-lookup.js';
import {
  aliasArn,
  keyArn,
  type Location,
  parseKeyReference,
  partitionOf,
  randomUuid,
} from './identifiers.js';
import * as imported from './imports/imported-material.js';
import { DataKeyPairGate } from './limits.js';
import { MaterialKeys, newKeyMaterial } from './materials.js';
import type { RegionDirectory } from './multi-region/regions.js';
import { defaultCrypto, type KmsOptions } from './options.js';
import { paginate } from './paginate.js';
import { KeyPairPool } from './pool.js';
import { PrivateKeys } from './private-keys.js';
import { applySeed, type SeedResult } from './seed.js';

type Output<O> = O & T.MetadataBearer;

/** Anything that is not already a KmsError becomes a KMSInternalException, without details. */
export function asKmsError(error: unknown): KmsError {
  if (error instanceof KmsError) return error;
  const name = error instanceof Error ? error.name : typeof error;
  return new KmsError('KMSInternalException', `KMS Lab failed unexpectedly (${name}).`);
}

export class KmsContext {
  readonly region: string;
  readonly accountId: string;
  readonly at: Location;
  readonly store: KeyStore;
  readonly crypto: CryptoProvider;
  readonly clock: () => Date;
  readonly materialKeys: MaterialKeys;
  readonly gate: DataKeyPairGate;
  readonly generate: NonNullable<KmsOptions['generateKeyPair']>;
  readonly pool: KeyPairPool | undefined;
  readonly privateKeys: PrivateKeys;
  /** Who makes the requests, for the key policy lockout check: the account's root user. */
  readonly caller: string;
  readonly attestationRoots: readonly Uint8Array[];
  /** The seed being applied, when createKms was given one; operations wait for it. */
  readonly seeding: Promise<SeedResult> | undefined;
  /** The partition's other Regions (multi-Region keys); none for an engine made alone. */
  readonly regions: RegionDirectory | undefined;
  #lockTail: Promise<unknown> = Promise.resolve();

  constructor(options: KmsOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '111122223333';
    this.at = {
      partition: partitionOf(this.region),
      region: this.region,
      accountId: this.accountId,
    };
    this.store = options.store ?? new MemoryKeyStore();
    this.crypto = options.crypto ?? defaultCrypto();
    this.clock = options.clock ?? (() => new Date());
    this.materialKeys = new MaterialKeys(this.crypto);
    this.gate = new DataKeyPairGate(options.limits ?? {}, () => this.clock().getTime());
    this.generate = options.generateKeyPair ?? generateKeyPair;
    this.pool = options.pool && new KeyPairPool(options.pool, this.generate, this.crypto);
    this.privateKeys = new PrivateKeys(this.crypto);
    this.caller = `arn:${this.at.partition}:iam::${this.accountId}:root`;
    this.attestationRoots = rootsToDer(options.attestation?.roots ?? DEFAULT_ATTESTATION_ROOTS);
    // Checked here, synchronously, so a bad seed fails createKms; applied in the background.
    const plan = options.seed === undefined ? undefined : parseSeed(options.seed);
    this.seeding = plan && applySeed(this, plan);
    // Its failure is reported by seeded() and by every operation, never as an unhandled rejection.
    this.seeding?.catch(() => undefined);
    this.regions = options.regions;
  }

  /** Validates, runs, and turns anything unexpected into KMSInternalException. */
  async run<O extends object>(
    operation: T.OperationName,
    input: unknown,
    work: () => Promise<O>,
  ): Promise<Output<O>> {
    try {
      if (this.seeding) await this.#seeded();
      validateInput(operation, input);
      // The output's copy with $metadata last, as `{ ...output, $metadata }` makes it: V8's
      // object spread took a tenth of what the engine adds to a Sign, Object.assign far less.
      return Object.assign({}, await work(), { $metadata: this.responseMetadata() });
    } catch (error) {
      throw asKmsError(error);
    }
  }

  /** Waits for the seed; a seed that could not be applied fails every operation, saying why. */
  async #seeded(): Promise<void> {
    try {
      await this.seeding;
    } catch (error) {
      throw new KmsError(
        'KMSInternalException',
        `The seed could not be applied: ${error instanceof Error && error.name === 'SeedError' ? error.message : 'it failed unexpectedly'}`,
      );
    }
  }

  responseMetadata(): T.ResponseMetadata {
    return {
      httpStatusCode: 200,
      requestId: randomUuid(this.crypto),
      attempts: 1,
      totalRetryDelay: 0,
    };
  }

  now(): Date {
    return this.clock();
  }

  /** Serialises writes: the store's own lock when it has one, else an in-process one. */
  exclusive<R>(work: () => Promise<R>): Promise<R> {
    if (this.store.exclusive) return this.store.exclusive(work);
    const result = this.#lockTail.then(work, work);
    this.#lockTail = result.catch(() => undefined);
    return result;
  }

  arn(key: StoredKey | string): string {
    return keyArn(this.at, typeof key === 'string' ? key : key.keyId);
  }

  /**
   * Applies what the clock has made due: deletion at the end of the waiting period, and
   * automatic rotations. Returns the key as it stands now, or undefined once deleted.
   */
  async settle(key: StoredKey | undefined): Promise<StoredKey | undefined> {
    if (!key || !isDue(key, this.now())) return key;
    return settleDue(this, key);
  }

  newMaterial(createdAt: Date, rotationType?: T.RotationType): Promise<StoredKeyMaterial> {
    return newKeyMaterial(this.crypto, this.store.holdsCryptoKeys, createdAt, rotationType);
  }

  async findKey(keyId: string): Promise<StoredKey | undefined> {
    const key = await this.store.getKey(keyId);
    // As settle, without its extra step for the usual key that has nothing due.
    return !key || !isDue(key, this.now()) ? key : settleDue(this, key);
  }

  /**
   * Resolves a key identifier. AWS accepts a key ID, key ARN, alias name or alias ARN
   * where the operation takes aliases, and only the first two elsewhere. A NotFoundException
   * says by its `notFound` field whether the key or the alias is missing.
   */
  async resolve(identifier: string, allowAlias: boolean): Promise<StoredKey> {
    const reference = parseKeyReference(identifier, this.at);
    switch (reference.kind) {
      case 'keyId': {
        const key = await this.findKey(reference.keyId);
        if (!key) throw this.keyNotFound(this.arn(reference.keyId));
        return key;
      }
      case 'alias': {
        if (!allowAlias) break;
        const alias = await this.store.getAlias(reference.aliasName);
        const key = alias && (await this.findKey(alias.targetKeyId));
        if (!key) throw this.aliasNotFound(reference.aliasName);
        return key;
      }
      case 'foreign':
        throw this.keyNotFound(reference.arn);
      case 'otherRegion':
        throw new KmsError('NotFoundException', messages.invalidArn(reference.region));
      case 'invalid':
        break;
    }
    throw new KmsError('NotFoundException', messages.invalidKeyId(identifier), {
      notFound: 'key',
    });
  }

  keyNotFound(arn: string): KmsError {
    return new KmsError('NotFoundException', messages.keyNotFound(arn), { notFound: 'key' });
  }

  aliasNotFound(aliasName: string): KmsError {
    return new KmsError('NotFoundException', messages.aliasNotFound(aliasArn(this.at, aliasName)), {
      notFound: 'alias',
    });
  }

  /** Changes a key under the lock, after the checks `check` makes on its fresh state. */
  async update(
    identifier: string,
    check: (key: StoredKey) => void,
    change: (key: StoredKey) => Promise<void> | void,
  ): Promise<StoredKey> {
    const key = await this.resolve(identifier, false);
    return this.exclusive(async () => {
      const fresh = await this.store.getKey(key.keyId);
      if (!fresh) throw this.keyNotFound(this.arn(key));
      check(fresh);
      await change(fresh);
      await this.store.putKey(fresh);
      return fresh;
    });
  }

  // ---------------------------------------------------------------- checks, in AWS's order

  /** AWS key states: a disabled key, one pending deletion or one pending import cannot be used. */
  requireEnabled(key: StoredKey): void {
    this.requireNotPendingDeletion(key);
    imported.requireImported(this, key);
    if (!key.enabled) throw new KmsError('DisabledException', messages.disabled(this.arn(key)));
  }

  requireNotPendingDeletion(key: StoredKey): void {
    if (key.deletion)
      throw new KmsError('KMSInvalidStateException', messages.pendingDeletion(this.arn(key)));
  }

  /** AWS: "<key ARN> key usage is SIGN_VERIFY which is not valid for Encrypt." */
  requireUsage(key: StoredKey, usage: T.KeyUsageType, operation: string): void {
    if (key.keyUsage !== usage)
      throw new KmsError(
        'InvalidKeyUsageException',
        messages.keyUsage(this.arn(key), key.keyUsage, operation),
      );
  }

  /** Only symmetric encryption keys wrap data keys and data key pairs. */
  requireSymmetricEncryptionKey(key: StoredKey, operation: string): void {
    this.requireUsage(key, 'ENCRYPT_DECRYPT', operation);
    if (key.keySpec !== 'SYMMETRIC_DEFAULT')
      throw new KmsError(
        'InvalidKeyUsageException',
        `${this.arn(key)} key spec is ${key.keySpec} which is not valid for ${operation}.`,
      );
  }

  /** Each token must be one CreateGrant returned, of a grant that still exists. */
  async checkGrantTokens(tokens: string[] | undefined): Promise<void> {
    if (tokens && tokens.length > 0) await checkGrantTokens(this, tokens);
  }

  /** AWS: DryRun answers DryRunOperationException when the request would have succeeded. */
  dryRun(dryRun: boolean | undefined): void {
    if (dryRun) throw new KmsError('DryRunOperationException', messages.dryRun);
  }

  /**
   * Verifies a Recipient's attestation document (attestation/recipient.ts); undefined
   * without one. The result's `attestation.conditionKeys` are for key policies.
   */
  async recipient(recipient: T.RecipientInfo | undefined): Promise<AttestedRecipient | undefined> {
    if (!recipient) return undefined;
    // Loaded on first use: pkijs and cborg stay out of a browser bundle's main chunk.
    const { attestRecipient } = await import('../attestation/recipient.js');
    return attestRecipient(recipient, {
      roots: this.attestationRoots,
      crypto: this.crypto,
      now: this.now(),
    });
  }

  /** Resolves and checks a key for an operation that encrypts under it. */
  async wrappingKey(
    identifier: string,
    operation: string,
    grantTokens: string[] | undefined,
  ): Promise<StoredKey> {
    const key = await this.resolve(identifier, true);
    this.requireEnabled(key);
    this.requireSymmetricEncryptionKey(key, operation);
    await this.checkGrantTokens(grantTokens);
    return key;
  }

  /** Generates a pair under the gate (concurrency and rate limits), releasing it after. */
  async generatePair(
    spec: SupportedDataKeyPairSpec,
    quotaApplies: boolean,
    whenAdmitted: () => void,
  ): Promise<DerKeyPair> {
    const release = this.gate.admit(spec, quotaApplies);
    try {
      whenAdmitted();
      return this.pool?.take(spec) ?? (await this.generate(spec, this.crypto));
    } finally {
      release();
    }
  }

  /** One page of a list, with AWS's Marker/NextMarker/Truncated paging. */
  paginate<E>(items: E[], limit: number | undefined, marker: string | undefined) {
    return paginate(items, limit, marker);
  }
}
