/** TagResource, UntagResource, ListResourceTags. */
import type * as T from '../../model/types.generated.js';
import type { KmsContext } from '../context.js';

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
      (key) => kms.requireNotPendingDeletion(key),
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
