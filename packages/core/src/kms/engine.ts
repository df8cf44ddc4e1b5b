import {
  ADVANCE_TO_DATA_KEY_PAIR_SPEC,
  type AdvanceDecryptRequest,
  type AdvanceDecryptResponse,
  type AdvanceGenerateDataKeyPairRequest,
  type AdvanceGenerateDataKeyPairResponse,
  type AdvanceGenerateDataKeyPairWithoutPlaintextResponse,
  AdvanceKeyPairSpec,
  type AlibabaOperations,
  MAX_AAD_BYTES,
} from '../alibaba/types.js';
import {
  AadKind,
  BlobFormatError,
  openBlob,
  type ParsedBlob,
  parseBlob,
  sealBlob,
} from '../blob/ciphertext.js';
import { encodeEncryptionContext } from '../blob/encryption-context.js';
import { toPem } from '../der/pem.js';
import { KmsError, messages } from '../errors.js';
import { generateKeyPair } from '../keypairs/index.js';
import type { CryptoProvider, DerKeyPair } from '../keypairs/types.js';
import type * as T from '../model/types.generated.js';
import { validateInput } from '../model/validate.js';
import { MemoryKeyStore } from '../store/memory.js';
import type { KeyStore, StoredAlias, StoredKey, StoredKeyMaterial } from '../store/types.js';
import {
  aliasArn,
  keyArn,
  type Location,
  parseKeyReference,
  partitionOf,
  randomUuid,
} from './identifiers.js';
import { algorithmsFor, supportsUsage } from './kms-key-specs.js';
import { DataKeyPairGate, type KmsLimits } from './limits.js';
import {
  addDays,
  currentMaterial,
  findMaterial,
  keyVersionId,
  MaterialKeys,
  materialIdBytes,
  newKeyMaterial,
} from './materials.js';
import { KeyPairPool, type KeyPairPoolSizes } from './pool.js';

export interface KmsOptions {
  /** AWS Region in ARNs; default us-east-1. */
  region?: string;
  /** AWS account ID in ARNs; default 111122223333. */
  accountId?: string;
  /** Where keys and aliases live; default in memory. */
  store?: KeyStore;
  /** WebCrypto implementation; default `globalThis.crypto`, read when createKms is called. */
  crypto?: CryptoProvider;
  /** The engine's clock. Move it forward to watch automatic rotation and key deletion. */
  clock?: () => Date;
  /** Throttling, off by default (see limits.ts). */
  limits?: KmsLimits;
  /** Data key pair generator; default the engine's own (kept injectable for pools). */
  generateKeyPair?: (spec: T.DataKeyPairSpec, crypto: CryptoProvider) => Promise<DerKeyPair>;
  /**
   * Opt-in warm pool: pairs of these specs are generated ahead of time, in the background,
   * and each handed out once, e.g. `{ RSA_4096: 2, RSA_2048: 1 }`. Pooled pairs live
   * only in memory. `kms.close()` stops the refilling.
   */
  pool?: KeyPairPoolSizes;
}

/** AWS: "You can perform on-demand rotation a maximum of 25 times per KMS key." */
export const MAX_ON_DEMAND_ROTATIONS = 25;
/** AWS: RotationPeriodInDays defaults to 365. */
export const DEFAULT_ROTATION_PERIOD_DAYS = 365;
/** AWS: PendingWindowInDays defaults to 30 and must be between 7 and 30. */
const DEFAULT_PENDING_WINDOW_DAYS = 30;
const MIN_PENDING_WINDOW_DAYS = 7;
const MAX_PENDING_WINDOW_DAYS = 30;
/** An automatic-rotation catch-up after a huge clock jump stops here rather than hang. */
const MAX_CATCH_UP_ROTATIONS = 1000;

type Output<O> = O & T.MetadataBearer;

function defaultCrypto(): CryptoProvider {
  const crypto = (globalThis as { crypto?: CryptoProvider }).crypto;
  if (!crypto?.subtle) {
    throw new Error(
      'KMS Lab needs WebCrypto: this runtime has no globalThis.crypto.subtle. Pass one, e.g. createKms({ crypto: new Crypto() }) with Crypto from @peculiar/webcrypto.',
    );
  }
  return crypto;
}

/** Creates a KMS. See README.md for a walk-through. */
export function createKms(options: KmsOptions = {}): Kms {
  return new Kms(options);
}

export class Kms implements T.KmsOperations, AlibabaOperations {
  readonly region: string;
  readonly accountId: string;
  readonly #at: Location;
  readonly #store: KeyStore;
  readonly #crypto: CryptoProvider;
  readonly #clock: () => Date;
  readonly #keys: MaterialKeys;
  readonly #gate: DataKeyPairGate;
  readonly #generate: NonNullable<KmsOptions['generateKeyPair']>;
  readonly #pool: KeyPairPool | undefined;
  #lockTail: Promise<unknown> = Promise.resolve();

  constructor(options: KmsOptions = {}) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '111122223333';
    this.#at = {
      partition: partitionOf(this.region),
      region: this.region,
      accountId: this.accountId,
    };
    this.#store = options.store ?? new MemoryKeyStore();
    this.#crypto = options.crypto ?? defaultCrypto();
    this.#clock = options.clock ?? (() => new Date());
    this.#keys = new MaterialKeys(this.#crypto);
    this.#gate = new DataKeyPairGate(options.limits ?? {}, () => this.#clock().getTime());
    this.#generate = options.generateKeyPair ?? generateKeyPair;
    this.#pool = options.pool && new KeyPairPool(options.pool, this.#generate, this.#crypto);
  }

  // ---------------------------------------------------------------- plumbing

  /** Validates, runs, and turns anything unexpected into KMSInternalException. */
  async #run<O extends object>(operation: T.OperationName, input: unknown, work: () => Promise<O>) {
    try {
      validateInput(operation, input);
      const output = await work();
      return { ...output, $metadata: this.#responseMetadata() } as Output<O>;
    } catch (error) {
      throw asKmsError(error);
    }
  }

  #responseMetadata(): T.ResponseMetadata {
    return {
      httpStatusCode: 200,
      requestId: randomUuid(this.#crypto),
      attempts: 1,
      totalRetryDelay: 0,
    };
  }

  #now() {
    return this.#clock();
  }

  /** Serialises writes: the store's own lock when it has one, else an in-process one. */
  #exclusive<R>(work: () => Promise<R>): Promise<R> {
    if (this.#store.exclusive) return this.#store.exclusive(work);
    const result = this.#lockTail.then(work, work);
    this.#lockTail = result.catch(() => undefined);
    return result;
  }

  #arn(key: StoredKey | string) {
    return keyArn(this.#at, typeof key === 'string' ? key : key.keyId);
  }

  /**
   * Applies what the clock has made due: deletion at the end of the waiting period, and
   * automatic rotations. Returns the key as it stands now, or undefined once deleted.
   */
  async #settle(key: StoredKey | undefined): Promise<StoredKey | undefined> {
    if (!key || !this.#isDue(key)) return key;
    return this.#exclusive(async () => {
      const fresh = await this.#store.getKey(key.keyId);
      if (!fresh || !this.#isDue(fresh)) return fresh;
      const now = this.#now();
      if (fresh.deletion && fresh.deletion.date <= now) {
        for (const alias of await this.#store.listAliases()) {
          if (alias.targetKeyId === fresh.keyId) await this.#store.deleteAlias(alias.aliasName);
        }
        await this.#store.deleteKey(fresh.keyId);
        return undefined;
      }
      let rotations = 0;
      while (
        fresh.rotation.nextRotationDate &&
        fresh.rotation.nextRotationDate <= now &&
        rotations++ < MAX_CATCH_UP_ROTATIONS
      ) {
        const rotationDate = fresh.rotation.nextRotationDate;
        fresh.materials.push(await this.#newMaterial(rotationDate, 'AUTOMATIC'));
        fresh.rotation.nextRotationDate = addDays(rotationDate, fresh.rotation.periodDays);
      }
      await this.#store.putKey(fresh);
      return fresh;
    });
  }

  #isDue(key: StoredKey) {
    const now = this.#now();
    if (key.deletion) return key.deletion.date <= now;
    const next = key.rotation.nextRotationDate;
    return key.enabled && key.rotation.enabled && next !== undefined && next <= now;
  }

  #newMaterial(createdAt: Date, rotationType?: T.RotationType) {
    return newKeyMaterial(this.#crypto, this.#store.holdsCryptoKeys, createdAt, rotationType);
  }

  async #findKey(keyId: string) {
    return this.#settle(await this.#store.getKey(keyId));
  }

  /**
   * Resolves a key identifier. AWS accepts a key ID, key ARN, alias name or alias ARN
   * where the operation takes aliases, and only the first two elsewhere.
   */
  async #resolve(identifier: string, allowAlias: boolean): Promise<StoredKey> {
    const reference = parseKeyReference(identifier, this.#at);
    switch (reference.kind) {
      case 'keyId': {
        const key = await this.#findKey(reference.keyId);
        if (!key)
          throw new KmsError('NotFoundException', messages.keyNotFound(this.#arn(reference.keyId)));
        return key;
      }
      case 'alias': {
        if (!allowAlias) break;
        const alias = await this.#store.getAlias(reference.aliasName);
        const key = alias && (await this.#findKey(alias.targetKeyId));
        if (!key)
          throw new KmsError(
            'NotFoundException',
            messages.aliasNotFound(aliasArn(this.#at, reference.aliasName)),
          );
        return key;
      }
      case 'foreign':
        throw new KmsError('NotFoundException', messages.keyNotFound(reference.arn));
      case 'invalid':
        break;
    }
    throw new KmsError('NotFoundException', messages.invalidKeyId(identifier));
  }

  /** AWS key states: a disabled key or one pending deletion cannot be used. */
  #requireEnabled(key: StoredKey) {
    if (key.deletion)
      throw new KmsError('KMSInvalidStateException', messages.pendingDeletion(this.#arn(key)));
    if (!key.enabled) throw new KmsError('DisabledException', messages.disabled(this.#arn(key)));
  }

  #requireNotPendingDeletion(key: StoredKey) {
    if (key.deletion)
      throw new KmsError('KMSInvalidStateException', messages.pendingDeletion(this.#arn(key)));
  }

  /** Only symmetric encryption keys wrap data keys and data key pairs. */
  #requireSymmetricEncryptionKey(key: StoredKey, operation: string) {
    if (key.keyUsage !== 'ENCRYPT_DECRYPT')
      throw new KmsError(
        'InvalidKeyUsageException',
        messages.keyUsage(this.#arn(key), key.keyUsage, operation),
      );
    if (key.keySpec !== 'SYMMETRIC_DEFAULT')
      throw new KmsError(
        'InvalidKeyUsageException',
        `${this.#arn(key)} key spec is ${key.keySpec} which is not valid for ${operation}.`,
      );
  }

  #requireSymmetricForRotation(key: StoredKey) {
    if (key.keySpec !== 'SYMMETRIC_DEFAULT')
      throw new KmsError(
        'UnsupportedOperationException',
        `${this.#arn(key)} has key spec ${key.keySpec}. Key rotation is supported only for symmetric encryption KMS keys.`,
      );
  }

  /** KMS Lab issues no grants, so no grant token can be valid here. */
  #checkGrantTokens(tokens: string[] | undefined) {
    if (tokens && tokens.length > 0)
      throw new KmsError(
        'InvalidGrantTokenException',
        'The grant token is not valid: KMS Lab issues no grants, so no grant token is known to it.',
      );
  }

  /** AWS: DryRun answers DryRunOperationException when the request would have succeeded. */
  #dryRun(dryRun: boolean | undefined) {
    if (dryRun) throw new KmsError('DryRunOperationException', messages.dryRun);
  }

  #refuseRecipient(recipient: T.RecipientInfo | undefined) {
    if (recipient)
      throw new KmsError(
        'UnsupportedOperationException',
        'KMS Lab does not emulate Nitro Enclaves attestation: Recipient is not supported.',
      );
  }

  #metadata(key: StoredKey): T.KeyMetadata {
    const state: T.KeyState = key.deletion
      ? 'PendingDeletion'
      : key.enabled
        ? 'Enabled'
        : 'Disabled';
    const current = currentMaterial(key);
    return {
      AWSAccountId: this.accountId,
      KeyId: key.keyId,
      Arn: this.#arn(key),
      CreationDate: key.createdAt,
      Enabled: key.enabled,
      Description: key.description,
      KeyUsage: key.keyUsage,
      KeyState: state,
      DeletionDate: key.deletion?.date,
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: key.keySpec as T.CustomerMasterKeySpec,
      KeySpec: key.keySpec,
      ...algorithmsFor(key.keySpec, key.keyUsage),
      MultiRegion: false,
      PendingDeletionWindowInDays: key.deletion?.windowDays,
      CurrentKeyMaterialId: current?.keyMaterialId,
    };
  }

  async #seal(
    key: StoredKey,
    aadKind: AadKind,
    context: Uint8Array,
    plaintext: Uint8Array,
  ): Promise<{ blob: Uint8Array; material: StoredKeyMaterial; iv: Uint8Array }> {
    const material = currentMaterial(key);
    if (!material)
      throw new KmsError('KMSInternalException', `${this.#arn(key)} has no key material.`);
    const iv = this.#crypto.getRandomValues(new Uint8Array(12));
    const blob = await sealBlob(
      this.#crypto.subtle,
      await this.#keys.cryptoKey(material),
      { aadKind, keyId: key.keyId, keyMaterialId: materialIdBytes(material), iv },
      context,
      plaintext,
    );
    return { blob, material, iv };
  }

  /**
   * Opens a blob: the checks of Decrypt and AdvanceDecrypt, in AWS's order. A blob that
   * is damaged in any way is InvalidCiphertextException; a mismatched KeyId is
   * IncorrectKeyException; an intact blob naming a key this KMS does not have is
   * NotFoundException.
   */
  async #open(
    ciphertext: Uint8Array,
    aadKind: AadKind,
    context: Uint8Array,
    check: (key: StoredKey) => void,
  ): Promise<{ key: StoredKey; material: StoredKeyMaterial; plaintext: Uint8Array }> {
    let blob: ParsedBlob;
    try {
      blob = parseBlob(ciphertext);
    } catch (error) {
      if (error instanceof BlobFormatError)
        throw new KmsError(
          'InvalidCiphertextException',
          `The ciphertext is not valid: ${error.message}.`,
        );
      throw error;
    }
    if (blob.aadKind !== aadKind)
      throw new KmsError(
        'InvalidCiphertextException',
        aadKind === AadKind.AlibabaAad
          ? 'The ciphertext was made by an AWS operation; decrypt it with Decrypt.'
          : 'The ciphertext was made by an Alibaba Cloud Advance operation; decrypt it with AdvanceDecrypt.',
      );
    const key = await this.#findKey(blob.keyId);
    if (!key) throw new KmsError('NotFoundException', messages.ciphertextKeyGone);
    check(key);
    this.#requireEnabled(key);
    const material = findMaterial(key, blob.keyMaterialId);
    if (!material) throw new KmsError('InvalidCiphertextException', '');
    let plaintext: Uint8Array;
    try {
      plaintext = await openBlob(
        this.#crypto.subtle,
        await this.#keys.cryptoKey(material),
        blob,
        context,
      );
    } catch {
      // AWS answers a wrong encryption context, or a forged or damaged ciphertext, with an
      // InvalidCiphertextException and no message.
      throw new KmsError('InvalidCiphertextException', '');
    }
    return { key, material, plaintext };
  }

  /** Generates a pair under the gate (concurrency and rate limits), releasing it after. */
  async #generatePair(spec: T.DataKeyPairSpec, quotaApplies: boolean, whenAdmitted: () => void) {
    const release = this.#gate.admit(spec, quotaApplies);
    try {
      whenAdmitted();
      return this.#pool?.take(spec) ?? (await this.#generate(spec, this.#crypto));
    } finally {
      release();
    }
  }

  #paginate<E>(items: E[], limit: number | undefined, marker: string | undefined) {
    let start = 0;
    if (marker !== undefined) {
      start = /^\d{1,9}$/.test(marker) ? Number(marker) : Number.NaN;
      if (!(start > 0 && start <= items.length))
        throw new KmsError(
          'InvalidMarkerException',
          `The marker '${marker}' is not one this KMS returned.`,
        );
    }
    const end = start + (limit ?? 100);
    const truncated = end < items.length;
    return {
      page: items.slice(start, end),
      truncated,
      nextMarker: truncated ? String(end) : undefined,
    };
  }

  // ---------------------------------------------------------------- keys

  createKey(input: T.CreateKeyCommandInput = {}) {
    return this.#run('CreateKey', input, async () => {
      if (
        input.KeySpec &&
        input.CustomerMasterKeySpec &&
        input.KeySpec !== input.CustomerMasterKeySpec
      )
        throw new KmsError(
          'ValidationException',
          'You cannot specify both KeySpec and CustomerMasterKeySpec (which is deprecated) with different values.',
        );
      const keySpec: T.KeySpec =
        input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
      const keyUsage: T.KeyUsageType = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
      if (!supportsUsage(keySpec, keyUsage))
        throw new KmsError(
          'ValidationException',
          `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}.`,
        );
      if (input.Origin && input.Origin !== 'AWS_KMS')
        throw new KmsError(
          'UnsupportedOperationException',
          `KMS Lab makes its own key material: Origin ${input.Origin} is not supported (use AWS_KMS).`,
        );
      if (input.CustomKeyStoreId || input.XksKeyId)
        throw new KmsError('UnsupportedOperationException', 'KMS Lab has no custom key stores.');
      if (input.MultiRegion)
        throw new KmsError(
          'UnsupportedOperationException',
          'KMS Lab does not emulate multi-Region keys.',
        );
      if (input.Policy !== undefined) {
        try {
          JSON.parse(input.Policy);
        } catch {
          throw new KmsError(
            'MalformedPolicyDocumentException',
            'The key policy is not valid JSON.',
          );
        }
      }
      const now = this.#now();
      const key: StoredKey = {
        keyId: randomUuid(this.#crypto),
        createdAt: now,
        description: input.Description ?? '',
        keyUsage,
        keySpec,
        enabled: true,
        tags: mergeTags([], input.Tags ?? []),
        // Only symmetric keys hold material: asymmetric and HMAC keys exist so the
        // engine can refuse them as wrapping keys as AWS does.
        materials: keySpec === 'SYMMETRIC_DEFAULT' ? [await this.#newMaterial(now)] : [],
        rotation: { enabled: false, periodDays: DEFAULT_ROTATION_PERIOD_DAYS, onDemandCount: 0 },
      };
      await this.#exclusive(() => this.#store.putKey(key));
      return { KeyMetadata: this.#metadata(key) };
    });
  }

  describeKey(input: T.DescribeKeyCommandInput) {
    return this.#run('DescribeKey', input, async () => {
      this.#checkGrantTokens(input.GrantTokens);
      const key = await this.#resolve(input.KeyId as string, true);
      return { KeyMetadata: this.#metadata(key) };
    });
  }

  listKeys(input: T.ListKeysCommandInput = {}) {
    return this.#run('ListKeys', input, async () => {
      const keys = (
        await Promise.all((await this.#store.listKeys()).map((key) => this.#settle(key)))
      )
        .filter((key): key is StoredKey => key !== undefined)
        .sort(
          (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.keyId.localeCompare(b.keyId),
        );
      const { page, truncated, nextMarker } = this.#paginate(keys, input.Limit, input.Marker);
      return {
        Keys: page.map((key) => ({ KeyId: key.keyId, KeyArn: this.#arn(key) })),
        Truncated: truncated,
        NextMarker: nextMarker,
      };
    });
  }

  /** Changes a key under the lock, after the checks `check` makes on its fresh state. */
  async #update(
    identifier: string,
    check: (key: StoredKey) => void,
    change: (key: StoredKey) => Promise<void> | void,
  ): Promise<StoredKey> {
    const key = await this.#resolve(identifier, false);
    return this.#exclusive(async () => {
      const fresh = await this.#store.getKey(key.keyId);
      if (!fresh) throw new KmsError('NotFoundException', messages.keyNotFound(this.#arn(key)));
      check(fresh);
      await change(fresh);
      await this.#store.putKey(fresh);
      return fresh;
    });
  }

  enableKey(input: T.EnableKeyCommandInput) {
    return this.#run('EnableKey', input, async () => {
      await this.#update(
        input.KeyId as string,
        (key) => this.#requireNotPendingDeletion(key),
        async (key) => {
          if (key.enabled) return;
          key.enabled = true;
          // AWS: "While a KMS key is disabled, AWS KMS does not rotate it. ... When the KMS
          // key is re-enabled, if the key material is older than the rotation period, AWS KMS
          // rotates it immediately."
          const now = this.#now();
          if (
            key.rotation.enabled &&
            key.rotation.nextRotationDate &&
            key.rotation.nextRotationDate <= now
          ) {
            key.materials.push(await this.#newMaterial(now, 'AUTOMATIC'));
            key.rotation.nextRotationDate = addDays(now, key.rotation.periodDays);
          }
        },
      );
      return {};
    });
  }

  disableKey(input: T.DisableKeyCommandInput) {
    return this.#run('DisableKey', input, async () => {
      await this.#update(
        input.KeyId as string,
        (key) => this.#requireNotPendingDeletion(key),
        (key) => {
          key.enabled = false;
        },
      );
      return {};
    });
  }

  scheduleKeyDeletion(input: T.ScheduleKeyDeletionCommandInput) {
    return this.#run('ScheduleKeyDeletion', input, async () => {
      const days = input.PendingWindowInDays ?? DEFAULT_PENDING_WINDOW_DAYS;
      if (days < MIN_PENDING_WINDOW_DAYS || days > MAX_PENDING_WINDOW_DAYS) {
        const bound =
          days < MIN_PENDING_WINDOW_DAYS
            ? `greater than or equal to ${MIN_PENDING_WINDOW_DAYS}`
            : `less than or equal to ${MAX_PENDING_WINDOW_DAYS}`;
        throw new KmsError(
          'ValidationException',
          `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value ${bound}`,
        );
      }
      const key = await this.#update(
        input.KeyId as string,
        (key) => this.#requireNotPendingDeletion(key),
        (key) => {
          key.deletion = { date: addDays(this.#now(), days), windowDays: days };
        },
      );
      return {
        KeyId: this.#arn(key),
        DeletionDate: key.deletion?.date,
        KeyState: 'PendingDeletion' as const,
        PendingWindowInDays: days,
      };
    });
  }

  cancelKeyDeletion(input: T.CancelKeyDeletionCommandInput) {
    return this.#run('CancelKeyDeletion', input, async () => {
      const key = await this.#update(
        input.KeyId as string,
        (key) => {
          if (!key.deletion)
            throw new KmsError(
              'KMSInvalidStateException',
              `${this.#arn(key)} is not pending deletion.`,
            );
        },
        (key) => {
          // AWS: "When you cancel key deletion, the key state of the KMS key is Disabled."
          key.deletion = undefined;
          key.enabled = false;
        },
      );
      return { KeyId: this.#arn(key) };
    });
  }

  updateKeyDescription(input: T.UpdateKeyDescriptionCommandInput) {
    return this.#run('UpdateKeyDescription', input, async () => {
      await this.#update(
        input.KeyId as string,
        (key) => this.#requireNotPendingDeletion(key),
        (key) => {
          key.description = input.Description as string;
        },
      );
      return {};
    });
  }

  // ---------------------------------------------------------------- tags

  tagResource(input: T.TagResourceCommandInput) {
    return this.#run('TagResource', input, async () => {
      await this.#update(
        input.KeyId as string,
        (key) => this.#requireNotPendingDeletion(key),
        (key) => {
          key.tags = mergeTags(key.tags, input.Tags ?? []);
        },
      );
      return {};
    });
  }

  untagResource(input: T.UntagResourceCommandInput) {
    return this.#run('UntagResource', input, async () => {
      const remove = new Set(input.TagKeys ?? []);
      await this.#update(
        input.KeyId as string,
        (key) => this.#requireNotPendingDeletion(key),
        (key) => {
          key.tags = key.tags.filter((tag) => !remove.has(tag.TagKey as string));
        },
      );
      return {};
    });
  }

  listResourceTags(input: T.ListResourceTagsCommandInput) {
    return this.#run('ListResourceTags', input, async () => {
      const key = await this.#resolve(input.KeyId as string, false);
      const { page, truncated, nextMarker } = this.#paginate(key.tags, input.Limit, input.Marker);
      return { Tags: page, Truncated: truncated, NextMarker: nextMarker };
    });
  }

  // ---------------------------------------------------------------- aliases

  #checkAliasName(aliasName: string) {
    if (!aliasName.startsWith('alias/') || aliasName.length === 'alias/'.length)
      throw new KmsError(
        'ValidationException',
        `Alias must start with the prefix "alias/" followed by a name; got '${aliasName}'.`,
      );
    if (aliasName.startsWith('alias/aws/'))
      throw new KmsError(
        'InvalidAliasNameException',
        `Alias '${aliasName}' begins with 'alias/aws/', which is reserved for AWS managed keys.`,
      );
  }

  createAlias(input: T.CreateAliasCommandInput) {
    return this.#run('CreateAlias', input, async () => {
      const aliasName = input.AliasName as string;
      this.#checkAliasName(aliasName);
      const key = await this.#resolve(input.TargetKeyId as string, false);
      this.#requireNotPendingDeletion(key);
      await this.#exclusive(async () => {
        if (await this.#store.getAlias(aliasName))
          throw new KmsError(
            'AlreadyExistsException',
            `An alias with the name ${aliasArn(this.#at, aliasName)} already exists`,
          );
        const now = this.#now();
        await this.#store.putAlias({
          aliasName,
          targetKeyId: key.keyId,
          createdAt: now,
          lastUpdatedAt: now,
        });
      });
      return {};
    });
  }

  updateAlias(input: T.UpdateAliasCommandInput) {
    return this.#run('UpdateAlias', input, async () => {
      const aliasName = input.AliasName as string;
      this.#checkAliasName(aliasName);
      const key = await this.#resolve(input.TargetKeyId as string, false);
      this.#requireNotPendingDeletion(key);
      await this.#exclusive(async () => {
        const alias = await this.#store.getAlias(aliasName);
        if (!alias)
          throw new KmsError(
            'NotFoundException',
            messages.aliasNotFound(aliasArn(this.#at, aliasName)),
          );
        await this.#store.putAlias({
          ...alias,
          targetKeyId: key.keyId,
          lastUpdatedAt: this.#now(),
        });
      });
      return {};
    });
  }

  deleteAlias(input: T.DeleteAliasCommandInput) {
    return this.#run('DeleteAlias', input, async () => {
      const aliasName = input.AliasName as string;
      this.#checkAliasName(aliasName);
      await this.#exclusive(async () => {
        if (!(await this.#store.getAlias(aliasName)))
          throw new KmsError(
            'NotFoundException',
            messages.aliasNotFound(aliasArn(this.#at, aliasName)),
          );
        await this.#store.deleteAlias(aliasName);
      });
      return {};
    });
  }

  listAliases(input: T.ListAliasesCommandInput = {}) {
    return this.#run('ListAliases', input, async () => {
      const only =
        input.KeyId === undefined ? undefined : (await this.#resolve(input.KeyId, false)).keyId;
      const live: StoredAlias[] = [];
      for (const alias of await this.#store.listAliases()) {
        if (only !== undefined && alias.targetKeyId !== only) continue;
        // Settling the target removes the aliases of a key whose deletion came due.
        if (await this.#findKey(alias.targetKeyId)) live.push(alias);
      }
      live.sort((a, b) => (a.aliasName < b.aliasName ? -1 : a.aliasName > b.aliasName ? 1 : 0));
      const { page, truncated, nextMarker } = this.#paginate(live, input.Limit, input.Marker);
      return {
        Aliases: page.map((alias) => ({
          AliasName: alias.aliasName,
          AliasArn: aliasArn(this.#at, alias.aliasName),
          TargetKeyId: alias.targetKeyId,
          CreationDate: alias.createdAt,
          LastUpdatedDate: alias.lastUpdatedAt,
        })),
        Truncated: truncated,
        NextMarker: nextMarker,
      };
    });
  }

  // ---------------------------------------------------------------- rotation

  enableKeyRotation(input: T.EnableKeyRotationCommandInput) {
    return this.#run('EnableKeyRotation', input, async () => {
      const periodDays = input.RotationPeriodInDays ?? DEFAULT_ROTATION_PERIOD_DAYS;
      await this.#update(
        input.KeyId as string,
        (key) => {
          this.#requireEnabled(key);
          this.#requireSymmetricForRotation(key);
        },
        (key) => {
          const created = currentMaterial(key)?.createdAt ?? key.createdAt;
          key.rotation = {
            ...key.rotation,
            enabled: true,
            periodDays,
            // AWS: the first automatic rotation is the rotation period after the key material
            // was made (or after rotation is enabled, whichever is later).
            nextRotationDate: addDays(maxDate(created, this.#now()), periodDays),
          };
        },
      );
      return {};
    });
  }

  disableKeyRotation(input: T.DisableKeyRotationCommandInput) {
    return this.#run('DisableKeyRotation', input, async () => {
      await this.#update(
        input.KeyId as string,
        (key) => {
          this.#requireEnabled(key);
          this.#requireSymmetricForRotation(key);
        },
        (key) => {
          key.rotation = { ...key.rotation, enabled: false, nextRotationDate: undefined };
        },
      );
      return {};
    });
  }

  getKeyRotationStatus(input: T.GetKeyRotationStatusCommandInput) {
    return this.#run('GetKeyRotationStatus', input, async () => {
      const key = await this.#resolve(input.KeyId as string, false);
      this.#requireNotPendingDeletion(key);
      return {
        KeyId: this.#arn(key),
        KeyRotationEnabled: key.rotation.enabled,
        RotationPeriodInDays: key.rotation.enabled ? key.rotation.periodDays : undefined,
        NextRotationDate: key.rotation.enabled ? key.rotation.nextRotationDate : undefined,
      };
    });
  }

  rotateKeyOnDemand(input: T.RotateKeyOnDemandCommandInput) {
    return this.#run('RotateKeyOnDemand', input, async () => {
      const key = await this.#update(
        input.KeyId as string,
        (key) => {
          this.#requireEnabled(key);
          this.#requireSymmetricForRotation(key);
          if (key.rotation.onDemandCount >= MAX_ON_DEMAND_ROTATIONS)
            throw new KmsError('LimitExceededException', messages.onDemandLimit(this.#arn(key)));
        },
        async (key) => {
          key.materials.push(await this.#newMaterial(this.#now(), 'ON_DEMAND'));
          key.rotation.onDemandCount++;
        },
      );
      return { KeyId: this.#arn(key) };
    });
  }

  listKeyRotations(input: T.ListKeyRotationsCommandInput) {
    return this.#run('ListKeyRotations', input, async () => {
      const key = await this.#resolve(input.KeyId as string, false);
      this.#requireNotPendingDeletion(key);
      this.#requireSymmetricForRotation(key);
      const current = currentMaterial(key);
      const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
      const entries = key.materials
        .filter((material) => all || material.rotationType !== undefined)
        .map((material) => ({
          KeyId: key.keyId,
          KeyMaterialId: material.keyMaterialId,
          KeyMaterialState: (material === current
            ? 'CURRENT'
            : 'NON_CURRENT') as T.KeyMaterialState,
          RotationDate: material.rotationType ? material.createdAt : undefined,
          RotationType: material.rotationType,
        }));
      const { page, truncated, nextMarker } = this.#paginate(entries, input.Limit, input.Marker);
      return { Rotations: page, Truncated: truncated, NextMarker: nextMarker };
    });
  }

  // ---------------------------------------------------------------- data keys

  /** Resolves and checks a key for an operation that encrypts under it. */
  async #wrappingKey(identifier: string, operation: string, grantTokens: string[] | undefined) {
    const key = await this.#resolve(identifier, true);
    this.#requireEnabled(key);
    this.#requireSymmetricEncryptionKey(key, operation);
    this.#checkGrantTokens(grantTokens);
    return key;
  }

  #requireSymmetricAlgorithm(key: StoredKey, algorithm: T.EncryptionAlgorithmSpec | undefined) {
    if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT')
      throw new KmsError(
        'InvalidKeyUsageException',
        `${this.#arn(key)} is a symmetric encryption key: EncryptionAlgorithm ${algorithm} is not valid for it (use SYMMETRIC_DEFAULT).`,
      );
  }

  encrypt(input: T.EncryptCommandInput) {
    return this.#run('Encrypt', input, async () => {
      const key = await this.#wrappingKey(input.KeyId as string, 'Encrypt', input.GrantTokens);
      this.#requireSymmetricAlgorithm(key, input.EncryptionAlgorithm);
      this.#dryRun(input.DryRun);
      const { blob } = await this.#seal(
        key,
        AadKind.AwsEncryptionContext,
        encodeEncryptionContext(input.EncryptionContext),
        input.Plaintext as Uint8Array,
      );
      return {
        CiphertextBlob: blob,
        KeyId: this.#arn(key),
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' as const,
      };
    });
  }

  #dataKeyLength(numberOfBytes: number | undefined, keySpec: T.DataKeySpec | undefined) {
    if ((numberOfBytes === undefined) === (keySpec === undefined))
      throw new KmsError(
        'ValidationException',
        'Specify either KeySpec or NumberOfBytes (but not both) to set the length of the data key.',
      );
    return numberOfBytes ?? (keySpec === 'AES_128' ? 16 : 32);
  }

  async #dataKey(operation: string, input: T.GenerateDataKeyRequest) {
    const length = this.#dataKeyLength(input.NumberOfBytes, input.KeySpec);
    const key = await this.#wrappingKey(input.KeyId as string, operation, input.GrantTokens);
    this.#refuseRecipient(input.Recipient);
    this.#dryRun(input.DryRun);
    const plaintext = this.#crypto.getRandomValues(new Uint8Array(length));
    const { blob, material } = await this.#seal(
      key,
      AadKind.AwsEncryptionContext,
      encodeEncryptionContext(input.EncryptionContext),
      plaintext,
    );
    return { key, plaintext, blob, material };
  }

  generateDataKey(input: T.GenerateDataKeyCommandInput) {
    return this.#run('GenerateDataKey', input, async () => {
      const { key, plaintext, blob, material } = await this.#dataKey('GenerateDataKey', input);
      return {
        CiphertextBlob: blob,
        Plaintext: plaintext,
        KeyId: this.#arn(key),
        KeyMaterialId: material.keyMaterialId,
      };
    });
  }

  generateDataKeyWithoutPlaintext(input: T.GenerateDataKeyWithoutPlaintextCommandInput) {
    return this.#run('GenerateDataKeyWithoutPlaintext', input, async () => {
      const { key, blob, material } = await this.#dataKey('GenerateDataKeyWithoutPlaintext', input);
      return { CiphertextBlob: blob, KeyId: this.#arn(key), KeyMaterialId: material.keyMaterialId };
    });
  }

  generateRandom(input: T.GenerateRandomCommandInput = {}) {
    return this.#run('GenerateRandom', input, async () => {
      if (input.CustomKeyStoreId)
        throw new KmsError('UnsupportedOperationException', 'KMS Lab has no custom key stores.');
      this.#refuseRecipient(input.Recipient);
      if (input.NumberOfBytes === undefined)
        throw new KmsError(
          'ValidationException',
          "1 validation error detected: Value null at 'numberOfBytes' failed to satisfy constraint: Member must not be null",
        );
      return { Plaintext: this.#crypto.getRandomValues(new Uint8Array(input.NumberOfBytes)) };
    });
  }

  async #dataKeyPair(operation: string, input: T.GenerateDataKeyPairRequest) {
    const key = await this.#wrappingKey(input.KeyId as string, operation, input.GrantTokens);
    this.#refuseRecipient(input.Recipient);
    const spec = input.KeyPairSpec as T.DataKeyPairSpec;
    const pair = await this.#generatePair(spec, true, () => this.#dryRun(input.DryRun));
    const { blob, material } = await this.#seal(
      key,
      AadKind.AwsEncryptionContext,
      encodeEncryptionContext(input.EncryptionContext),
      pair.privateKey,
    ).finally(() => this.#pool?.refill(spec));
    return {
      PrivateKeyCiphertextBlob: blob,
      PrivateKeyPlaintext: pair.privateKey,
      PublicKey: pair.publicKey,
      KeyId: this.#arn(key),
      KeyPairSpec: spec,
      KeyMaterialId: material.keyMaterialId,
    };
  }

  generateDataKeyPair(input: T.GenerateDataKeyPairCommandInput) {
    return this.#run('GenerateDataKeyPair', input, () =>
      this.#dataKeyPair('GenerateDataKeyPair', input),
    );
  }

  generateDataKeyPairWithoutPlaintext(input: T.GenerateDataKeyPairWithoutPlaintextCommandInput) {
    return this.#run('GenerateDataKeyPairWithoutPlaintext', input, async () => {
      const { PrivateKeyPlaintext: _withheld, ...response } = await this.#dataKeyPair(
        'GenerateDataKeyPairWithoutPlaintext',
        input,
      );
      return response;
    });
  }

  decrypt(input: T.DecryptCommandInput) {
    return this.#run('Decrypt', input, async () => {
      if (input.CiphertextBlob === undefined)
        throw new KmsError(
          'ValidationException',
          "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
        );
      // A KeyId in the request must name the key the ciphertext was made under.
      const named = input.KeyId === undefined ? undefined : await this.#resolve(input.KeyId, true);
      const { key, plaintext, material } = await this.#open(
        input.CiphertextBlob,
        AadKind.AwsEncryptionContext,
        encodeEncryptionContext(input.EncryptionContext),
        (key) => {
          if (named && named.keyId !== key.keyId)
            throw new KmsError('IncorrectKeyException', messages.incorrectKey);
          this.#requireSymmetricAlgorithm(key, input.EncryptionAlgorithm);
        },
      );
      this.#checkGrantTokens(input.GrantTokens);
      this.#refuseRecipient(input.Recipient);
      this.#dryRun(input.DryRun);
      return {
        KeyId: this.#arn(key),
        Plaintext: plaintext,
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' as const,
        KeyMaterialId: material.keyMaterialId,
      };
    });
  }

  // ---------------------------------------------------------------- Alibaba Cloud

  /** Runs an Advance operation, answering with Alibaba Cloud's error codes. */
  async #runAlibaba<O>(work: () => Promise<O>): Promise<O> {
    try {
      return await work();
    } catch (error) {
      throw toAlibabaError(asKmsError(error));
    }
  }

  #requestId() {
    return randomUuid(this.#crypto).toUpperCase();
  }

  async #advanceGenerate(input: AdvanceGenerateDataKeyPairRequest, operation: string) {
    const { KeyId, KeyPairSpec, KeyFormat, Aad } =
      input ?? ({} as AdvanceGenerateDataKeyPairRequest);
    requireParameter('KeyId', KeyId, 'string');
    requireParameter('KeyPairSpec', KeyPairSpec, 'string');
    requireParameter('KeyFormat', KeyFormat, 'string');
    if (!Object.hasOwn(AdvanceKeyPairSpec, KeyPairSpec))
      throw invalidParameter(
        'KeyPairSpec',
        `must be one of ${Object.keys(AdvanceKeyPairSpec).join(', ')}`,
      );
    if (KeyFormat !== 'PEM' && KeyFormat !== 'DER')
      throw invalidParameter('KeyFormat', 'must be PEM or DER');
    const aad = checkAad(Aad);
    const key = await this.#wrappingKey(KeyId, operation, undefined);
    const spec = ADVANCE_TO_DATA_KEY_PAIR_SPEC[KeyPairSpec];
    const pair = await this.#generatePair(spec, false, () => {});
    const { blob, material, iv } = await this.#seal(
      key,
      AadKind.AlibabaAad,
      aad,
      pair.privateKey,
    ).finally(() => this.#pool?.refill(spec));
    const format = (der: Uint8Array, label: 'PUBLIC KEY' | 'PRIVATE KEY') =>
      KeyFormat === 'PEM' ? new TextEncoder().encode(toPem(der, label)) : der;
    return {
      response: {
        KeyId: key.keyId,
        KeyVersionId: keyVersionId(material),
        KeyPairSpec,
        Algorithm: 'AES_GCM' as const,
        Iv: iv,
        PublicKey: format(pair.publicKey, 'PUBLIC KEY'),
        PrivateKeyCiphertextBlob: blob,
        RequestId: this.#requestId(),
      },
      privateKey: () => format(pair.privateKey, 'PRIVATE KEY'),
    };
  }

  advanceGenerateDataKeyPair(
    input: AdvanceGenerateDataKeyPairRequest,
  ): Promise<AdvanceGenerateDataKeyPairResponse> {
    return this.#runAlibaba(async () => {
      const { response, privateKey } = await this.#advanceGenerate(
        input,
        'AdvanceGenerateDataKeyPair',
      );
      return { ...response, PrivateKeyPlaintext: privateKey() };
    });
  }

  advanceGenerateDataKeyPairWithoutPlaintext(
    input: AdvanceGenerateDataKeyPairRequest,
  ): Promise<AdvanceGenerateDataKeyPairWithoutPlaintextResponse> {
    return this.#runAlibaba(async () => {
      const { response } = await this.#advanceGenerate(
        input,
        'AdvanceGenerateDataKeyPairWithoutPlaintext',
      );
      return response;
    });
  }

  advanceDecrypt(input: AdvanceDecryptRequest): Promise<AdvanceDecryptResponse> {
    return this.#runAlibaba(async () => {
      const { CiphertextBlob, Aad } = input ?? ({} as AdvanceDecryptRequest);
      requireParameter('CiphertextBlob', CiphertextBlob, 'bytes');
      const { key, material, plaintext } = await this.#open(
        CiphertextBlob,
        AadKind.AlibabaAad,
        checkAad(Aad),
        () => {},
      );
      return {
        KeyId: key.keyId,
        KeyVersionId: keyVersionId(material),
        Algorithm: 'AES_GCM' as const,
        Plaintext: plaintext,
        RequestId: this.#requestId(),
      };
    });
  }

  /** The warm pool, when `pool` was given: `warm()` waits until it is full. */
  get pool(): KeyPairPool | undefined {
    return this.#pool;
  }

  /** Stops background work (the pool's refilling); the engine still answers. */
  close(): void {
    this.#pool?.close();
  }

  /** The engine's current time, for UIs that move the clock. */
  now(): Date {
    return this.#now();
  }
}

// ---------------------------------------------------------------- helpers

const maxDate = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

function mergeTags(existing: T.Tag[], added: T.Tag[]): T.Tag[] {
  const byKey = new Map(existing.map((tag) => [tag.TagKey, tag]));
  for (const tag of added) byKey.set(tag.TagKey, { TagKey: tag.TagKey, TagValue: tag.TagValue });
  return [...byKey.values()];
}

/** Anything that is not already a KmsError becomes a KMSInternalException, without details. */
function asKmsError(error: unknown): KmsError {
  if (error instanceof KmsError) return error;
  const name = error instanceof Error ? error.name : typeof error;
  return new KmsError('KMSInternalException', `KMS Lab failed unexpectedly (${name}).`);
}

function requireParameter(
  name: string,
  value: unknown,
  type: 'string' | 'bytes',
): asserts value is never {
  if (value === undefined || value === null || value === '')
    throw new KmsError('MissingParameter', `The parameter ${name} is required.`, {
      httpStatusCode: 400,
    });
  const ok = type === 'string' ? typeof value === 'string' : value instanceof Uint8Array;
  if (!ok) throw invalidParameter(name, type === 'string' ? 'must be a string' : 'must be bytes');
}

function invalidParameter(name: string, why: string) {
  return new KmsError(
    'InvalidParameter',
    `The specified parameter ${name} is not valid: it ${why}.`,
  );
}

function checkAad(aad: unknown): Uint8Array {
  if (aad === undefined || aad === null) return new Uint8Array(0);
  if (!(aad instanceof Uint8Array)) throw invalidParameter('Aad', 'must be bytes');
  if (aad.length > MAX_AAD_BYTES)
    throw invalidParameter('Aad', `is ${aad.length} bytes; at most ${MAX_AAD_BYTES} are allowed`);
  return aad;
}

/** Alibaba Cloud's codes and statuses for the errors the engine raises (docs/alibaba.md). */
function toAlibabaError(error: KmsError): KmsError {
  const map = (
    code: ConstructorParameters<typeof KmsError>[0],
    status: number,
    message = error.message,
  ) => new KmsError(code, message, { httpStatusCode: status });
  switch (error.name) {
    case 'NotFoundException':
      return error.message.startsWith('Alias')
        ? map('Forbidden.AliasNotFound', 404, 'The specified Alias is not found.')
        : map('Forbidden.KeyNotFound', 404, 'The specified Key is not found.');
    case 'DisabledException':
      return map('Rejected.Disabled', 400);
    case 'KMSInvalidStateException':
      return map('Rejected.PendingDeletion', 400);
    case 'InvalidKeyUsageException':
      return map('Rejected.InvalidKeyUsage', 400);
    case 'InvalidCiphertextException':
      return map(
        'InvalidCiphertext',
        400,
        error.message || 'The ciphertext blob or the Aad is not valid.',
      );
    case 'ThrottlingException':
      return map('Rejected.Throttling', 429);
    case 'KMSInternalException':
      return map('InternalFailure', 500);
    case 'UnsupportedOperationException':
      return map('UnsupportedOperation', 400);
    default:
      return error;
  }
}
