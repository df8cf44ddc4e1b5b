/** TagResource, UntagResource, ListResourceTags. */
import { KmsError } from '../../errors.js';
import type * as T from '../../model/types.generated.js';
import type { KmsContext } from '../context.js';

/** AWS: "You can add up to 50 tags to each KMS key." */
export const MAX_TAGS_PER_KEY = 50;

/**
 * AWS's TagException checks of the tags a request adds, with its messages: a tag key given
 * twice, a key beginning with `aws:` in any case, more than 50 tags on the key. The model's
 * length limits have been checked before, as ValidationException.
 */
export function checkTags(added: readonly T.Tag[], existing: readonly T.Tag[] = []): void {
  const keys = new Set<string>();
  for (const tag of added) {
    const key = tag.TagKey as string;
    if (keys.has(key)) throw new KmsError('TagException', 'Duplicate tag keys');
    keys.add(key);
  }
  if ([...keys].some((key) => key.toLowerCase().startsWith('aws:')))
    throw new KmsError('TagException', 'Tags beginning with aws: are reserved');
  const total = new Set([...existing.map((tag) => tag.TagKey), ...keys]).size;
  if (total > MAX_TAGS_PER_KEY) throw new KmsError('TagException', 'Too many tags');
}

/** Tags keyed by TagKey: a tag given again replaces the old value. */
export function mergeTags(existing: T.Tag[], added: T.Tag[]): T.Tag[] {
  const byKey = new Map(existing.map((tag) => [tag.TagKey, tag]));
  for (const tag of added) byKey.set(tag.TagKey, { TagKey: tag.TagKey, TagValue: tag.TagValue });
  return [...byKey.values()];
}

export function tagResource(kms: KmsContext, input: T.TagResourceCommandInput) {
  return kms.run('TagResource', input, async () => {
    await kms.update(
      input.KeyId as string,
      (key) => {
        kms.requireNotPendingDeletion(key);
        checkTags(input.Tags ?? [], key.tags);
      },
      (key) => {
        key.tags = mergeTags(key.tags, input.Tags ?? []);
      },
    );
    return {};
  });
}

export function untagResource(kms: KmsContext, input: T.UntagResourceCommandInput) {
  return kms.run('UntagResource', input, async () => {
    const remove = new Set(input.TagKeys ?? []);
    await kms.update(
      input.KeyId as string,
      (key) => kms.requireNotPendingDeletion(key),
      (key) => {
        key.tags = key.tags.filter((tag) => !remove.has(tag.TagKey as string));
      },
    );
    return {};
  });
}

export function listResourceTags(kms: KmsContext, input: T.ListResourceTagsCommandInput) {
  return kms.run('ListResourceTags', input, async () => {
    const key = await kms.resolve(input.KeyId as string, false);
    const { page, truncated, nextMarker } = kms.paginate(key.tags, input.Limit, input.Marker);
    return { Tags: page, Truncated: truncated, NextMarker: nextMarker };
  });
}
