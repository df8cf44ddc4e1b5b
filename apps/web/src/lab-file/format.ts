import type { KeySpec, KeyUsageType } from '@kms-lab/core';
import * as v from 'valibot';
import { ALL_KEY_SPECS, usagesOf } from '../features/keys/key-specs';
import { wantsExportable } from '../kms/exportable';

/**
 * The lab file: a lab's public state in JSON, to prepare a demo once and replay it on another
 * machine (docs/lab-state-format.md). Bytes are base64, dates ISO 8601. Never a plaintext
 * private key; master key material only in a file exported "with master keys", and only for
 * keys made exportable. Reading is strict: an unknown version, an unknown field, a reference
 * to nothing, or a value of the wrong form refuses the whole file before anything is written.
 */
export const LAB_FILE_FORMAT = 'kms-lab/lab-state';
export const LAB_FILE_VERSION = 1;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_MATERIAL_ID = /^[0-9a-f]{64}$/;
const ALIAS_NAME = /^alias\/(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/;

const base64 = v.pipe(v.string(), v.regex(BASE64, 'must be base64'));
const isoDate = v.pipe(
  v.string(),
  v.regex(ISO_DATE, 'must be a date such as 2026-11-29T12:00:00.000Z'),
  v.check((text) => !Number.isNaN(Date.parse(text)), 'must be a real date'),
);
const keyId = v.pipe(v.string(), v.regex(KEY_ID, 'must be a key ID (a lowercase UUID)'));
const historyId = v.pipe(v.number(), v.integer(), v.minValue(1));
const stringMap = v.record(v.string(), v.string());

const materialSchema = v.strictObject({
  keyMaterialId: v.pipe(v.string(), v.regex(KEY_MATERIAL_ID, 'must be 64 lowercase hex digits')),
  createdAt: isoDate,
  rotationType: v.optional(v.picklist(['AUTOMATIC', 'ON_DEMAND'])),
  /** The AES-256 key, base64: only in a file exported with master keys. */
  material: v.optional(
    v.pipe(
      base64,
      v.check((text) => atob(text).length === 32, 'must be 32 bytes (an AES-256 key)'),
    ),
  ),
});

const keySchema = v.pipe(
  v.strictObject({
    keyId,
    description: v.pipe(v.string(), v.maxLength(8192)),
    keySpec: v.picklist(ALL_KEY_SPECS, 'must be a KeySpec'),
    keyUsage: v.picklist(
      [
        'ENCRYPT_DECRYPT',
        'SIGN_VERIFY',
        'GENERATE_VERIFY_MAC',
        'KEY_AGREEMENT',
        'ENCAPSULATE_DECAPSULATE',
      ],
      'must be a KeyUsage',
    ),
    enabled: v.boolean(),
    createdAt: isoDate,
    deletion: v.optional(
      v.strictObject({
        date: isoDate,
        windowDays: v.pipe(v.number(), v.integer(), v.minValue(7), v.maxValue(30)),
      }),
    ),
    tags: v.array(v.strictObject({ TagKey: v.string(), TagValue: v.string() })),
    rotation: v.strictObject({
      enabled: v.boolean(),
      periodDays: v.pipe(v.number(), v.integer(), v.minValue(90), v.maxValue(2560)),
      nextRotationDate: v.optional(isoDate),
      onDemandCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
    }),
    /** Asymmetric keys: the DER SubjectPublicKeyInfo (public; the private half never leaves). */
    publicKey: v.optional(base64),
    exportable: v.boolean(),
    /** Symmetric keys: oldest first, the last one current. Empty for other keys. */
    materials: v.array(materialSchema),
  }),
  v.check(
    (key) => usagesOf(key.keySpec as KeySpec).includes(key.keyUsage as KeyUsageType),
    'has a KeyUsage its KeySpec does not allow',
  ),
  v.check(
    (key) => (key.keySpec === 'SYMMETRIC_DEFAULT') === key.materials.length > 0,
    'must list its materials if (and only if) it is SYMMETRIC_DEFAULT',
  ),
  v.check(
    (key) => key.exportable || key.materials.every((material) => material.material === undefined),
    'carries key material but is not exportable',
  ),
  v.check(
    (key) => !key.exportable || wantsExportable(key),
    'is exportable but not a SYMMETRIC_DEFAULT key with the kms-lab:exportable tag',
  ),
);

const aliasSchema = v.strictObject({
  aliasName: v.pipe(v.string(), v.regex(ALIAS_NAME, 'must be alias/<name>, not alias/aws/…')),
  targetKeyId: keyId,
  createdAt: isoDate,
  lastUpdatedAt: isoDate,
});

/** A History entry, as the History slice keeps it (kms/history-types.ts), bytes in base64. */
const historySchema = v.strictObject({
  id: historyId,
  at: isoDate,
  operation: v.pipe(v.string(), v.regex(/^[A-Za-z]{1,64}$/, 'must be an operation name')),
  keyId: v.optional(v.pipe(v.string(), v.maxLength(2048))),
  keyPairSpec: v.optional(v.pipe(v.string(), v.regex(/^[A-Z0-9_]{1,32}$/, 'must be a spec name'))),
  publicKey: v.optional(base64),
  privateKeyCiphertextBlob: v.optional(base64),
  encryptionContext: v.optional(stringMap),
  aad: v.optional(base64),
  keyMaterialId: v.optional(v.string()),
  keyVersionId: v.optional(v.string()),
  errorName: v.optional(v.pipe(v.string(), v.maxLength(128))),
  matchedHistoryId: v.optional(historyId),
});

const journeySchema = v.strictObject({
  publicKeyUses: v.record(
    v.pipe(v.string(), v.regex(/^[1-9]\d*$/, 'must be a history ID')),
    v.strictObject({
      kind: v.picklist(['encrypt', 'verify', 'encapsulate']),
      algorithm: v.string(),
      outputBase64: base64,
      // encapsulate: the shared secret's SHA-256 fingerprint, never the secret.
      secretFingerprint: v.optional(v.string()),
    }),
  ),
  stored: v.array(historyId),
  privateKeyUses: v.record(
    v.pipe(v.string(), v.regex(/^[1-9]\d*$/, 'must be a history ID')),
    v.strictObject({
      kind: v.picklist(['decrypt', 'sign', 'decapsulate']),
      algorithm: v.string(),
    }),
  ),
  forgotten: v.array(historyId),
});

const labFileSchema = v.strictObject({
  format: v.literal(LAB_FILE_FORMAT),
  version: v.literal(LAB_FILE_VERSION),
  exportedAt: isoDate,
  /** How far the exporting lab's App clock ran ahead of real time. */
  appClockOffsetMs: v.pipe(v.number(), v.integer(), v.minValue(0)),
  withMasterKeys: v.boolean(),
  keys: v.array(keySchema),
  aliases: v.array(aliasSchema),
  history: v.array(historySchema),
  journey: journeySchema,
});

export type LabFile = v.InferOutput<typeof labFileSchema>;
export type LabFileKey = LabFile['keys'][number];
export type LabFileHistoryEntry = LabFile['history'][number];

/** Why a file was refused, in words: shown to the user as it is. */
export class LabFileError extends Error {
  override name = 'LabFileError';
}

const where = (issue: v.BaseIssue<unknown>) =>
  (issue.path ?? []).map((item) => String(item.key)).join('.') || 'the file';

/** Reads a lab file's text, or throws a LabFileError saying what is wrong with it. */
export function parseLabFile(text: string): LabFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LabFileError('This is not a KMS Lab lab file: it is not JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new LabFileError('This is not a KMS Lab lab file: it is not a JSON object.');
  const head = json as { format?: unknown; version?: unknown };
  if (head.format !== LAB_FILE_FORMAT)
    throw new LabFileError(
      `This is not a KMS Lab lab file: its "format" is ${JSON.stringify(head.format) ?? 'missing'}, not "${LAB_FILE_FORMAT}".`,
    );
  if (head.version !== LAB_FILE_VERSION)
    throw new LabFileError(
      `This lab file is version ${JSON.stringify(head.version) ?? '(none)'}; this KMS Lab reads version ${LAB_FILE_VERSION} only. Nothing was imported.`,
    );
  const result = v.safeParse(labFileSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    throw new LabFileError(
      `This lab file is damaged: ${where(issue)} ${issue.message.replace(/^Invalid [^:]*: /, '')}. Nothing was imported.`,
    );
  }
  checkReferences(result.output);
  return result.output;
}

/** Every ID the file refers to exists in it, and nothing is listed twice. */
function checkReferences(file: LabFile): void {
  const fail = (what: string) => {
    throw new LabFileError(`This lab file is damaged: ${what}. Nothing was imported.`);
  };
  const keyIds = new Set(file.keys.map((key) => key.keyId));
  if (keyIds.size !== file.keys.length) fail('a key is listed twice');
  const aliasNames = new Set(file.aliases.map((alias) => alias.aliasName));
  if (aliasNames.size !== file.aliases.length) fail('an alias is listed twice');
  for (const alias of file.aliases)
    if (!keyIds.has(alias.targetKeyId))
      fail(`${alias.aliasName} points to key ${alias.targetKeyId}, which is not in the file`);
  const historyIds = new Set(file.history.map((entry) => entry.id));
  if (historyIds.size !== file.history.length) fail('a history entry is listed twice');
  for (const entry of file.history)
    if (entry.matchedHistoryId !== undefined && !historyIds.has(entry.matchedHistoryId))
      fail(
        `history entry ${entry.id} matches entry ${entry.matchedHistoryId}, which is not in the file`,
      );
  const journeyIds = [
    ...Object.keys(file.journey.publicKeyUses).map(Number),
    ...Object.keys(file.journey.privateKeyUses).map(Number),
    ...file.journey.stored,
    ...file.journey.forgotten,
  ];
  for (const id of journeyIds)
    if (!historyIds.has(id))
      fail(`the journey names history entry ${id}, which is not in the file`);
  for (const key of file.keys) {
    const ids = new Set(key.materials.map((material) => material.keyMaterialId));
    if (ids.size !== key.materials.length) fail(`key ${key.keyId} lists a key material twice`);
  }
}
