/**
 * What the clock makes due on a key, applied lazily when the key is next looked at (as if the
 * time had passed): imported material expiring at ValidTo, deletion at the end of the waiting
 * period, and automatic rotations (all those missed, with the dates they would have had).
 */
import type { StoredKey } from '../store/types.js';
import type { KmsContext } from './context.js';
import * as imported from './imports/imported-material.js';
import { addDays } from './materials.js';

/** An automatic-rotation catch-up after a huge clock jump stops here rather than hang. */
const MAX_CATCH_UP_ROTATIONS = 1000;

/** settle's work once `key` is known to have something due: under the write lock, re-read. */
export function settleDue(kms: KmsContext, key: StoredKey): Promise<StoredKey | undefined> {
  return kms.exclusive(async () => {
    const fresh = await kms.store.getKey(key.keyId);
    const now = kms.now();
    if (!fresh || !isDue(fresh, now)) return fresh;
    imported.expireImportedMaterial(fresh, now);
    if (fresh.deletion && fresh.deletion.date <= now) {
      for (const alias of await kms.store.listAliases()) {
        if (alias.targetKeyId === fresh.keyId) await kms.store.deleteAlias(alias.aliasName);
      }
      await kms.store.deleteKey(fresh.keyId);
      return undefined;
    }
    let rotations = 0;
    while (
      fresh.rotation.nextRotationDate &&
      fresh.rotation.nextRotationDate <= now &&
      rotations++ < MAX_CATCH_UP_ROTATIONS
    ) {
      const rotationDate = fresh.rotation.nextRotationDate;
      fresh.materials.push(await kms.newMaterial(rotationDate, 'AUTOMATIC'));
      fresh.rotation.nextRotationDate = addDays(rotationDate, fresh.rotation.periodDays);
    }
    await kms.store.putKey(fresh);
    return fresh;
  });
}

/** Whether the clock has made anything due on `key`: expiry, deletion or a rotation. */
export function isDue(key: StoredKey, now: Date): boolean {
  if (imported.hasExpiredMaterial(key, now)) return true;
  if (key.deletion) return key.deletion.date <= now;
  const next = key.rotation.nextRotationDate;
  return key.enabled && key.rotation.enabled && next !== undefined && next <= now;
}
